package main

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
)

// TestEvalGeoIngestPath runs `eval geo --path ingest` on records of our own
// in the Bellingcat file's shape: the real pipeline places each record's
// main event, the result names its path, and each record lands where the
// table says (issue 12).
func TestEvalGeoIngestPath(t *testing.T) {
	tests := []struct {
		id, date, text string
		lat, lon       float64
		want           string // "near" (within 25 km) or "unplaced"
	}{
		{"own1", "2023-04-11", "Artillery shelled the town of Izium in the Kharkiv region overnight, destroying two houses", 49.2103, 37.2563, "near"},
		{"own2", "2023-04-12", "A missile hit an apartment block in Dnipro on Tuesday morning, the regional governor said", 48.4647, 35.0462, "near"},
		{"own3", "2023-04-13", "Two soldiers were killed in an ambush, officials said", 48.0, 37.8, "unplaced"},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, eval.GeoDatasets["bellingcat"])
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	var csv strings.Builder
	csv.WriteString("entry,date,title,brief description,lat,lon,country,town/city,split\n")
	for _, tt := range tests {
		csv.WriteString(tt.id + "," + tt.date + ",\"" + tt.text + "\",," + strconv.FormatFloat(tt.lat, 'f', 4, 64) + "," + strconv.FormatFloat(tt.lon, 'f', 4, 64) + ",Ukraine,,dev\n")
	}
	if _, err := zw.Write([]byte(csv.String())); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "none.db")
	out, _, err := run(t, db, "eval", "geo", "--dataset", "bellingcat", "--data", dir, "--path", "ingest", "--errors", "10", "--json")
	if err != nil {
		t.Fatalf("eval geo --path ingest: %v", err)
	}
	var res eval.GeoResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("eval geo --json: %v\n%s", err, out)
	}
	if res.Path != eval.GeoPathIngest || res.N != len(tests) {
		t.Errorf("eval geo --path ingest: path %q, n %d; want ingest, %d", res.Path, res.N, len(tests))
	}
	got := map[string]string{}
	for _, e := range res.Errors {
		got[e.ID] = "unplaced"
		if e.Km >= 0 {
			got[e.ID] = strconv.FormatFloat(e.Km, 'f', 0, 64) + " km off"
		}
	}
	for _, tt := range tests {
		g := got[tt.id]
		if g == "" {
			g = "near"
		}
		if g != tt.want {
			t.Errorf("%s %q: %s, want %s", tt.id, tt.text, g, tt.want)
		}
	}
	_, _, err = run(t, db, "eval", "geo", "--dataset", "bellingcat", "--data", dir, "--path", "ingest", "--about", "UA")
	if muster.ErrorKind(err) != muster.KindInvalid {
		t.Errorf("eval geo --path ingest --about UA: err %v, want invalid input (ingest has no collection reading)", err)
	}
	_, _, err = run(t, db, "eval", "geo", "--dataset", "bellingcat", "--data", dir, "--path", "nosuch")
	if muster.ErrorKind(err) != muster.KindInvalid {
		t.Errorf("eval geo --path nosuch: err %v, want invalid input", err)
	}
}
