package eval

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBCubed(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []string
		p, r       float64
	}{
		{"perfect", []string{"a", "a", "b"}, []string{"1", "1", "2"}, 1, 1},
		{"all merged", []string{"a", "a", "b"}, []string{"1", "1", "1"}, (2.0/3 + 2.0/3 + 1.0/3) / 3, 1},
		{"all split", []string{"a", "a", "b"}, []string{"1", "2", "3"}, 1, (0.5 + 0.5 + 1) / 3},
		// Bagga & Baldwin's example shape: gold {1..5} {6,7} {8..12},
		// predicted {1..5} {6,7,8..12}.
		{"merge of two gold clusters",
			[]string{"a", "a", "a", "a", "a", "b", "b", "c", "c", "c", "c", "c"},
			[]string{"1", "1", "1", "1", "1", "2", "2", "2", "2", "2", "2", "2"},
			(5*1.0 + 2*(2.0/7) + 5*(5.0/7)) / 12, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := BCubed(tt.gold, tt.pred)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.Precision-tt.p) > 1e-9 || math.Abs(s.Recall-tt.r) > 1e-9 {
				t.Errorf("BCubed = P %v R %v, want P %v R %v", s.Precision, s.Recall, tt.p, tt.r)
			}
			if s.N != len(tt.gold) {
				t.Errorf("N = %d, want %d", s.N, len(tt.gold))
			}
		})
	}
	if _, err := BCubed([]string{"a"}, nil); err == nil {
		t.Error("BCubed accepted labels of different lengths")
	}
}

func TestReadResolveGoldErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", "{", "line 1"},
		{"no doc", `{"mentions":[]}`, "no doc id"},
		{"bad span", `{"doc":"d","mentions":[{"start":5,"end":5,"type":"person","key":"x"}]}`, "bad span"},
		{"overlap", `{"doc":"d","mentions":[{"start":0,"end":5,"type":"person","key":"x"},{"start":3,"end":7,"type":"person","key":"y"}]}`, "overlaps"},
		{"no key", `{"doc":"d","mentions":[{"start":0,"end":5,"type":"person"}]}`, "no key"},
		{"twice", "{\"doc\":\"d\"}\n{\"doc\":\"d\"}", "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadResolveGold(strings.NewReader(tt.in), "x.jsonl")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadResolveGold(%q) error %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestClusterErrors(t *testing.T) {
	gold := []string{"a", "a", "b", "c"}
	pred := []string{"1", "2", "2", "3"}
	texts := []string{"Kyiv", "Kiev", "Kharkiv", "Lviv"}
	got := ClusterErrors(gold, pred, texts, -1)
	want := []ClusterError{
		{Kind: "wrong_merge", Cluster: "2", Size: 2, Members: []ClusterShare{{Cluster: "a", N: 1, Texts: []string{"Kiev"}}, {Cluster: "b", N: 1, Texts: []string{"Kharkiv"}}}},
		{Kind: "missed_merge", Cluster: "a", Size: 2, Members: []ClusterShare{{Cluster: "1", N: 1, Texts: []string{"Kyiv"}}, {Cluster: "2", N: 1, Texts: []string{"Kiev"}}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ClusterErrors (-want +got):\n%s", diff)
	}
}

// TestResolveGoldFile checks the shipped gold set: at least 40 documents and
// 600 mentions, both splits used, ids only (no texts).
func TestResolveGoldFile(t *testing.T) {
	f, err := os.Open("testdata/resolve_gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadResolveGold(f, "resolve_gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	n, split := 0, map[string]int{}
	types := map[string]bool{}
	for _, d := range docs {
		n += len(d.Mentions)
		split[ResolveSplit(d.Doc)]++
		for _, m := range d.Mentions {
			types[m.Type] = true
		}
	}
	if len(docs) < 40 || n < 600 {
		t.Errorf("gold set has %d documents and %d mentions, want at least 40 and 600", len(docs), n)
	}
	if split["dev"] < 10 || split["test"] < 10 {
		t.Errorf("split sizes %v, want both halves used", split)
	}
	for _, ty := range []string{"person", "place", "armed_group", "state_force", "organization"} {
		if !types[ty] {
			t.Errorf("gold set has no %s mentions", ty)
		}
	}
	b, _ := os.ReadFile("testdata/resolve_gold.jsonl")
	if strings.Contains(string(b), `"text"`) {
		t.Error("gold file holds texts; it must hold ids, offsets and keys only")
	}
}

func TestResolveSplitStable(t *testing.T) {
	if ResolveSplit("gu_49") != ResolveSplit("gu_49") {
		t.Fatal("ResolveSplit not deterministic")
	}
	if s := ResolveSplit("x"); s != "dev" && s != "test" {
		t.Errorf("ResolveSplit = %q", s)
	}
}
