package eval

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

// A key in MUC-4's layout, written for the tests (invented incidents).
const muc4KeySample = `;;; a comment line
0.  MESSAGE: ID                    TST9-MUC4-0001
1.  MESSAGE: TEMPLATE              1
2.  INCIDENT: DATE                 - 03 JAN 90
3.  INCIDENT: LOCATION             ELBONIA: NORTH PROVINCE (DEPARTMENT): OKRA (CITY)
4.  INCIDENT: TYPE                 ATTACK / BOMBING
9.  PERP: INDIVIDUAL ID            "URBAN GUERRILLAS" / "GUERRILLAS"
10. PERP: ORGANIZATION ID          ? "PEOPLE'S FRONT"
12. PHYS TGT: ID                   "\"LA ROSA\" FARM" / "FARM"
18. HUM TGT: NAME                  "JUAN PEREZ GOMEZ"
19. HUM TGT: DESCRIPTION           "MAYOR": "JUAN PEREZ GOMEZ"
                                   "PEASANTS"
23. HUM TGT: EFFECT OF INCIDENT    DEATH: "JUAN PEREZ GOMEZ"
                                   INJURY: "12 OTHERS / "OTHERS"

0.  MESSAGE: ID                    TST9-MUC4-0001
1.  MESSAGE: TEMPLATE              2 (OPTIONAL)
2.  INCIDENT: DATE                 (02 JAN 90) / (01 JAN 90 - 02 JAN 90)
3.  INCIDENT: LOCATION             ELBONIA: URABA (REGION / CITY)
4.  INCIDENT: TYPE                 KIDNAPPING
9.  PERP: INDIVIDUAL ID            -

0.  MESSAGE: ID                    TST9-MUC4-0002 (NCCOSC)
1.  MESSAGE: TEMPLATE              *
2.  INCIDENT: DATE                 *
4.  INCIDENT: TYPE                 *
`

func TestReadMUC4Keys(t *testing.T) {
	keys, err := ReadMUC4Keys(strings.NewReader(muc4KeySample), "key-sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys[0].ID != "TST9-MUC4-0001" || keys[1].ID != "TST9-MUC4-0002" {
		t.Fatalf("keys = %+v", keys)
	}
	if len(keys[0].Templates) != 2 || len(keys[1].Templates) != 0 {
		t.Fatalf("templates: %d and %d, want 2 and 0 (a * key has none)", len(keys[0].Templates), len(keys[1].Templates))
	}
	t1, t2 := keys[0].Templates[0], keys[0].Templates[1]
	want := MUC4Template{
		"inc-date":       {{Alts: []string{"- 03 JAN 90"}}},
		"inc-loc":        {{Alts: []string{"ELBONIA: NORTH PROVINCE (DEPARTMENT): OKRA (CITY)"}}},
		"inc-type":       {{Alts: []string{"ATTACK", "BOMBING"}}},
		"perp-ind-id":    {{Alts: []string{"URBAN GUERRILLAS", "GUERRILLAS"}}},
		"perp-org-id":    {{Alts: []string{"PEOPLE'S FRONT"}, Optional: true}},
		"phys-tgt-id":    {{Alts: []string{`"LA ROSA" FARM`, "FARM"}}},
		"hum-tgt-name":   {{Alts: []string{"JUAN PEREZ GOMEZ"}}},
		"hum-tgt-desc":   {{Alts: []string{"MAYOR"}}, {Alts: []string{"PEASANTS"}}},
		"hum-tgt-effect": {{Alts: []string{"DEATH"}, Refs: []string{"JUAN PEREZ GOMEZ"}}, {Alts: []string{"INJURY"}, Refs: []string{"12 OTHERS /"}}},
	}
	if d := cmp.Diff(want, t1); d != "" {
		t.Errorf("template 1 (-want +got):\n%s", d)
	}
	if t1.Optional() || !t2.Optional() {
		t.Errorf("optional: %v, %v; want false, true", t1.Optional(), t2.Optional())
	}
	if d := cmp.Diff([]MUC4Fill{{Alts: []string{"02 JAN 90", "01 JAN 90 - 02 JAN 90"}}}, t2["inc-date"]); d != "" {
		t.Errorf("date alternatives (-want +got):\n%s", d)
	}
	if got := t2["inc-loc"]; len(got) != 1 || len(got[0].Alts) != 1 {
		t.Errorf("a slash inside parentheses split the location: %+v", got)
	}
	for name, bad := range map[string]string{
		"slot before id": "1.  MESSAGE: TEMPLATE   1\n",
		"no messages":    ";;; nothing\n",
		"stray text":     "hello\n",
	} {
		if _, err := ReadMUC4Keys(strings.NewReader(bad), "bad-key"); err == nil || !strings.Contains(err.Error(), "bad-key") {
			t.Errorf("%s: err = %v, want one naming bad-key", name, err)
		}
	}
}

func TestReadMUC4Texts(t *testing.T) {
	in := "TST9-MUC4-0001\n\n   OKRA, 3 JAN 90 (RADIO ELBONIA) -- [TEXT] GUERRILLAS ATTACKED A FARM.\n\n" +
		"DEV-MUC3-0007 (INTEL TEXT PROC)\n\n   OKRA, NO DATE (RADIO) -- NOTHING HAPPENED ON 4 FEB 90.\n"
	texts, err := ReadMUC4Texts(strings.NewReader(in), "texts")
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 2 || texts[0].ID != "TST9-MUC4-0001" || texts[1].ID != "DEV-MUC3-0007" {
		t.Fatalf("texts = %+v", texts)
	}
	if !texts[0].Published.Equal(time.Date(1990, 1, 3, 0, 0, 0, 0, time.UTC)) || !texts[1].Published.IsZero() {
		t.Errorf("dateline dates %v, %v; want 1990-01-03 and none (a date after the dateline is no dateline)", texts[0].Published, texts[1].Published)
	}
	if !strings.HasPrefix(texts[0].Text, "OKRA, 3 JAN 90") || strings.Contains(texts[0].Text, "DEV-MUC3") {
		t.Errorf("text 1 = %q", texts[0].Text)
	}
	if _, err := ReadMUC4Texts(strings.NewReader("no id\n"), "bad-texts"); err == nil || !strings.Contains(err.Error(), "bad-texts") {
		t.Errorf("text before an id: err = %v", err)
	}
}

func muc4Countries(t testing.TB) *Countries {
	t.Helper()
	c, err := ReadCountries(strings.NewReader("cca2\tname_common\tname_official\talt_spellings\tdemonym_eng_m\tdemonym_eng_f\n"+
		"EB\tElbonia\tRepublic of Elbonia\tEB\tElbonian\tElbonian\n"+
		"CO\tColombia\tRepublic of Colombia\tCO\tColombian\tColombian\n"), "countries")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMUC4FillScores(t *testing.T) {
	m := newMUC4Matcher(muc4Countries(t))
	tests := []struct {
		name, slot, resp, key string
		want                  float64
	}{
		{"same type", "inc-type", "BOMBING", "BOMBING", 1},
		{"ATTACK for another type is partial", "inc-type", "ATTACK", "KIDNAPPING", 0.5},
		{"another type", "inc-type", "ARSON", "BOMBING", 0},
		{"same date", "inc-date", "03 JAN 90", "03 JAN 90", 1},
		{"a date inside the key's range", "inc-date", "02 JAN 90", "01 JAN 90 - 03 JAN 90", 0.5},
		{"a date before a default anchor", "inc-date", "25 AUG 89", "- 26 AUG 89", 0.5},
		{"a default fill on the key's date", "inc-date", "- 26 AUG 89", "26 AUG 89", 0.5},
		{"a default fill on another date", "inc-date", "- 26 AUG 89", "16 AUG 89", 0},
		{"another date", "inc-date", "05 JAN 90", "03 JAN 90", 0},
		{"the most specific place", "inc-loc", "ELBONIA: OKRA", "ELBONIA: NORTH PROVINCE (DEPARTMENT): OKRA (CITY)", 1},
		{"a less specific place", "inc-loc", "ELBONIA: NORTH PROVINCE", "ELBONIA: NORTH PROVINCE (DEPARTMENT): OKRA (CITY)", 0.5},
		{"the country alone", "inc-loc", "ELBONIA", "ELBONIA: OKRA (CITY)", 0.5},
		{"the country as the key", "inc-loc", "ELBONIA", "ELBONIA", 1},
		{"a wrong country", "inc-loc", "COLOMBIA: OKRA", "ELBONIA: OKRA (CITY)", 0.5},
		{"another place", "inc-loc", "COLOMBIA: CALI", "ELBONIA: OKRA (CITY)", 0},
		{"nonessential modifiers", "hum-tgt-desc", "THE 3 PEASANTS", "PEASANTS", 1},
		{"a nationality adjective", "perp-ind-id", "ELBONIAN SOLDIERS", "SOLDIERS", 1},
		{"part of a proper name", "hum-tgt-name", "TORRES", "ALBERTO ROBERTO TORRES", 0.5},
		{"the head of a longer name", "perp-org-id", "BRIGADE", "6TH INFANTRY BRIGADE", 0.5},
		{"a different head", "perp-ind-id", "TERRORISTS", "URBAN GUERRILLAS", 0},
		{"an effect", "hum-tgt-effect", "DEATH", "DEATH", 1},
		{"less information than the key", "hum-tgt-effect", "NO DEATH", "NO INJURY OR DEATH", 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := m.score(tt.slot, MUC4Fill{Alts: []string{tt.resp}}, MUC4Fill{Alts: []string{tt.key}}); got != tt.want {
				t.Errorf("score(%s, %q, %q) = %v, want %v", tt.slot, tt.resp, tt.key, got, tt.want)
			}
		})
	}
	// A set fill's cross-reference tag: correct only with the right tag.
	key := MUC4Fill{Alts: []string{"DEATH"}, Refs: []string{"MAYOR"}}
	for resp, want := range map[*MUC4Fill]float64{
		{Alts: []string{"DEATH"}, Refs: []string{"MAYOR"}}:   1,
		{Alts: []string{"DEATH"}, Refs: []string{"PRIESTS"}}: 0.5,
		{Alts: []string{"DEATH"}}:                            0.5,
	} {
		if got := m.score("hum-tgt-effect", *resp, key); got != want {
			t.Errorf("effect %v against %v = %v, want %v", resp, key, got, want)
		}
	}
}

func TestMUC4TemplateMapping(t *testing.T) {
	m := newMUC4Matcher(muc4Countries(t))
	fill := func(s ...string) []MUC4Fill { return []MUC4Fill{{Alts: s}} }
	keys := []MUC4Template{
		{"inc-type": fill("BOMBING"), "hum-tgt-desc": fill("PEASANTS"), "inc-date": fill("03 JAN 90")},
		{"inc-type": fill("KIDNAPPING"), "hum-tgt-name": fill("JUAN PEREZ")},
		{"inc-type": fill("ARSON"), "optional": fill("OPTIONAL"), "phys-tgt-id": fill("FARM")},
	}
	resps := []MUC4Template{
		{"inc-type": fill("KIDNAPPING"), "hum-tgt-name": fill("JUAN PEREZ")},
		{"inc-type": fill("ATTACK"), "hum-tgt-desc": fill("PEASANTS"), "inc-date": fill("04 JAN 90")},
		{"inc-type": fill("ROBBERY"), "perp-org-id": fill("FRONT")},
	}
	got, mapped := m.scoreTemplates(keys, resps)
	if !slices.Equal(mapped, []int{1, 0, -1}) {
		t.Errorf("mapped = %v, want [1 0 -1]", mapped)
	}
	want := map[string]SlotCount{
		// BOMBING ↔ ATTACK (partial), KIDNAPPING ↔ KIDNAPPING; the ROBBERY
		// response maps to nothing; the optional ARSON key is not missed.
		"inc-type":     {POS: 2, ACT: 3, COR: 1, PAR: 1},
		"inc-date":     {POS: 1, ACT: 1},
		"hum-tgt-desc": {POS: 1, ACT: 1, COR: 1},
		"hum-tgt-name": {POS: 1, ACT: 1, COR: 1},
		"perp-org-id":  {ACT: 1},
		"phys-tgt-id":  {},
	}
	for s, w := range want {
		if got[s] != w {
			t.Errorf("%s = %+v, want %+v", s, got[s], w)
		}
	}
	c := SlotCount{POS: 4, ACT: 5, COR: 3, PAR: 1}
	if r, p := c.Recall(), c.Precision(); math.Abs(r-0.875) > 1e-9 || math.Abs(p-0.7) > 1e-9 {
		t.Errorf("recall %v precision %v, want 0.875 and 0.7", r, p)
	}
}

func TestMUC4Templates(t *testing.T) {
	okra := muster.Ref{ID: "e_okra", Name: "Okra", Type: "place"}
	ev := muster.Event{ID: "v_1", Type: muster.EventBombing, Label: "Okra bombing",
		Time: &muster.Value{Kind: muster.ValueDate, From: "1990-01-03", To: "1990-01-03"},
		Participants: []muster.Participant{
			{Entity: muster.Ref{Name: "People's Front", Type: "armed_group"}, Role: muster.RolePerpetrator},
			{Entity: muster.Ref{Name: "gunmen", Type: "armed_group"}, Role: muster.RoleActor},
			{Entity: muster.Ref{Name: "Juan Perez", Type: "person"}, Role: muster.RoleTarget},
		}}
	clash := muster.Event{ID: "v_2", Type: muster.EventArmedClash, Label: "clash"}
	two := 2.0
	a := &muster.Analysis{
		Entities: []muster.Entity{{ID: "e_okra", Name: "Okra", Type: muster.EntityPlace, Place: &muster.Place{Country: "EB", Feature: "PPL"}}},
		Events:   []muster.Event{ev, clash},
		Claims: []muster.Claim{
			{Subject: ev.Ref(), Predicate: muster.PredOccurredAt, Object: muster.Value{Kind: muster.ValueEntity, Entity: &okra}},
			{Subject: ev.Ref(), Predicate: muster.PredKilled, Object: muster.Value{Kind: muster.ValueNumber, Min: &two, Max: &two}},
			{Subject: ev.Ref(), Predicate: muster.PredWounded, Role: "soldiers", Object: muster.Value{Kind: muster.ValueNumber, Min: &two, Max: &two}},
		},
	}
	got := MUC4Templates(a, muc4Countries(t), testTypes)
	if len(got) != 1 {
		t.Fatalf("%d templates, want 1 (an armed clash is no MUC-4 incident)", len(got))
	}
	want := MUC4Template{
		"inc-type":     {{Alts: []string{"BOMBING"}}},
		"inc-date":     {{Alts: []string{"03 JAN 90"}}},
		"inc-loc":      {{Alts: []string{"ELBONIA: OKRA"}}},
		"perp-org-id":  {{Alts: []string{"PEOPLE'S FRONT"}}},
		"perp-ind-id":  {{Alts: []string{"GUNMEN"}}},
		"hum-tgt-name": {{Alts: []string{"JUAN PEREZ"}}},
		"hum-tgt-desc": {{Alts: []string{"SOLDIERS"}}},
		"hum-tgt-effect": {
			{Alts: []string{"DEATH"}, Refs: []string{"JUAN PEREZ"}}, {Alts: []string{"DEATH"}, Refs: []string{"SOLDIERS"}},
			{Alts: []string{"INJURY"}, Refs: []string{"SOLDIERS"}},
		},
	}
	if d := cmp.Diff(want, got[0]); d != "" {
		t.Errorf("template (-want +got):\n%s", d)
	}
}

const scoreSample = `Report of all-templates scores

 * * * TOTAL SLOT SCORES * * *

SLOT		      POS ACT|COR PAR INC|ICR IPA|SPU MIS NON|REC PRE OVG FAL
-----------------------------+-----------+-------+-----------+---------------
template-id	      100 110| 80   0   0|  0   0| 30  20  23| 80  73  27 
inc-type	      100 110| 70  10   0|  0   0| 30  20   0| 75  68  27   4 
hum-tgt-name	       50  40| 30   2   2|  1   1|  6  16  96| 62  78  15 
-----------------------------+-----------+-------+-----------+---------------
ALL TEMPLATES	     1000 1100|600 100 100| 28  91|300 200 1624| 65  59  27 
TEXT FILTERING	       57  65| 53   *   *|  *   *| 12   4  31| 93  82  18  28 
`

func TestParseMUC4ScoreFile(t *testing.T) {
	got, err := parseMUC4ScoreFile(strings.NewReader(scoreSample), "scores")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]SlotCount{
		"template-id":    {POS: 100, ACT: 110, COR: 80},
		"inc-type":       {POS: 100, ACT: 110, COR: 70, PAR: 10},
		"hum-tgt-name":   {POS: 50, ACT: 40, COR: 30, PAR: 2},
		"ALL TEMPLATES":  {POS: 1000, ACT: 1100, COR: 600, PAR: 100},
		"TEXT FILTERING": {POS: 57, ACT: 65, COR: 53},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if r := got["inc-type"].Recall(); r != 0.75 {
		t.Errorf("inc-type recall %v, want 0.75 as the file prints", r)
	}
	if s := SumSlots(got, []string{"inc-type", "hum-tgt-name"}); s != (SlotCount{POS: 150, ACT: 150, COR: 100, PAR: 12}) {
		t.Errorf("sum = %+v", s)
	}
	if _, err := parseMUC4ScoreFile(strings.NewReader("no table\n"), "empty-scores"); err == nil || !strings.Contains(err.Error(), "empty-scores") {
		t.Errorf("no table: err = %v", err)
	}
}

func TestMUC4System(t *testing.T) {
	for name, want := range map[[2]string]string{
		{"GE/scores.tst3-pass1.nrad", "scores"}:     "GE",
		{"ge-cmu-scores-pass1.tst4.nrad", "scores"}: "GE-CMU",
		{"umass-response.tst4", "response"}:         "UMASS",
		{"GE-CMU/response.tst3", "response"}:        "GE-CMU",
		{"response.tst3", "response"}:               "",
		{"README", "scores"}:                        "",
	} {
		if got := muc4System(name[0], name[1]); got != want {
			t.Errorf("muc4System(%q, %q) = %q, want %q", name[0], name[1], got, want)
		}
	}
}

// FuzzReadMUC4Keys: any input gives keys or an error naming it, never a
// panic, and every fill has an alternative.
func FuzzReadMUC4Keys(f *testing.F) {
	f.Add(muc4KeySample)
	f.Add("0.  MESSAGE: ID   X\n1.  MESSAGE: TEMPLATE  1\n23. HUM TGT: EFFECT OF INCIDENT  \"\n")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<14 {
			return
		}
		keys, err := ReadMUC4Keys(strings.NewReader(in), "fuzz-key")
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz-key") {
				t.Errorf("error %v does not name the input", err)
			}
			return
		}
		m := newMUC4Matcher(nil)
		for _, k := range keys {
			for _, tm := range k.Templates {
				for s, fs := range tm {
					for _, fl := range fs {
						if len(fl.Alts) == 0 {
							t.Errorf("slot %s: a fill with no alternative", s)
						}
					}
				}
			}
			m.scoreTemplates(k.Templates, k.Templates)
		}
	})
}

// FuzzReadMUC4Texts: any input gives texts or an error, never a panic.
func FuzzReadMUC4Texts(f *testing.F) {
	f.Add("TST9-MUC4-0001\n\n   OKRA, 3 JAN 90 (RADIO) -- TEXT.\n")
	f.Add("DEV-MUC3-0001 (NOSC)\n\n32 FEB 99 --\n")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<14 {
			return
		}
		texts, err := ReadMUC4Texts(strings.NewReader(in), "fuzz-texts")
		if err == nil && len(texts) == 0 {
			t.Error("no texts and no error")
		}
	})
}

// TestMUC4TemplatesKeyConventions checks the fills written as the keys
// write them (template doc §7.3, §7.4): default dates, the country always
// named, the gazetteer's places before unknown words, and a person's title
// apart from the name.
func TestMUC4TemplatesKeyConventions(t *testing.T) {
	ref := func(id, name string) muster.Ref { return muster.Ref{ID: id, Name: name, Type: "place"} }
	day := func(d, text string) *muster.Value {
		return &muster.Value{Kind: muster.ValueDate, From: d, To: d, Text: text}
	}
	target := func(name string) muster.Participant {
		return muster.Participant{Entity: muster.Ref{Name: name, Type: "person"}, Role: muster.RoleTarget}
	}
	a := &muster.Analysis{
		Document: muster.Document{Published: time.Date(1990, 1, 5, 0, 0, 0, 0, time.UTC), Text: "BOGOTA, 5 JAN 90 -- GUERRILLAS ATTACKED."},
		Entities: []muster.Entity{
			{ID: "e_bog", Name: "Bogota", Type: muster.EntityPlace, Place: &muster.Place{Country: "CO", Feature: "PPLC"}},
			{ID: "e_sec", Name: "Security", Type: muster.EntityPlace},
			{ID: "e_pen", Name: "El Penon municipality", Type: muster.EntityPlace},
		},
		Events: []muster.Event{
			{ID: "v_1", Type: muster.EventAttack, Places: []muster.Ref{ref("e_sec", "Security"), ref("e_bog", "Bogota")},
				Participants: []muster.Participant{target("father Ellacuria"), target("two U.S. Missionaries"), target("Rede Globo journalist")}},
			{ID: "v_2", Type: muster.EventAssassination, Time: day("1990-01-05", "5 Jan")},
			{ID: "v_3", Type: muster.EventBombing, Time: day("1990-01-01", "on Monday"), Places: []muster.Ref{ref("e_pen", "El Penon municipality")}},
			{ID: "v_4", Type: muster.EventBombing, Time: day("1990-01-03", "3 January"), Places: []muster.Ref{ref("e_bog", "Bogota")}},
			{ID: "v_5", Type: muster.EventBombing, Time: &muster.Value{Kind: muster.ValueDate, From: "1987-01-01", To: "1987-12-31", Text: "1987", Precision: muster.PrecisionYear}},
		},
	}
	one, two := 1.0, 2.0
	killed := muster.Claim{Subject: a.Events[0].Ref(), Predicate: muster.PredKilled, Object: muster.Value{Kind: muster.ValueNumber, Min: &one, Max: &one}}
	wounded := muster.Claim{Subject: a.Events[0].Ref(), Predicate: muster.PredWounded, Object: muster.Value{Kind: muster.ValueNumber, Min: &two, Max: &two}}
	a.Claims = []muster.Claim{killed, wounded}
	got := MUC4Templates(a, muc4Countries(t), testTypes)
	if len(got) != 5 {
		t.Fatalf("%d templates, want 5", len(got))
	}
	fills := func(t MUC4Template, slot string) []string {
		var out []string
		for _, f := range t[slot] {
			out = append(out, strings.Join(append(f.Alts[:1:1], f.Refs...), " "))
		}
		return out
	}
	for _, tt := range []struct {
		tmpl       int
		slot       string
		want       []string
		convention string
	}{
		{0, "inc-date", []string{"- 05 JAN 90"}, "an undated incident is dated before the report"},
		{0, "inc-loc", []string{"COLOMBIA: BOGOTA"}, "a place the gazetteer knows before a word it does not"},
		{0, "hum-tgt-name", []string{"ELLACURIA"}, "a name without its title"},
		{0, "hum-tgt-desc", []string{"FATHER", "TWO U.S. MISSIONARIES", "REDE GLOBO JOURNALIST"}, "titles and described people"},
		{0, "hum-tgt-effect", []string{"DEATH ELLACURIA", "INJURY TWO U.S. MISSIONARIES", "INJURY REDE GLOBO JOURNALIST"}, "as many targets as a figure counts, each with one effect"},
		{1, "inc-date", []string{"- 05 JAN 90"}, "a date read off the dateline alone is the default"},
		{1, "inc-loc", []string{"COLOMBIA"}, "the document's country when the event names no place"},
		{2, "inc-date", []string{"- 05 JAN 90"}, "a day of the week is anchored on the report"},
		{2, "inc-loc", []string{"COLOMBIA: EL PENON"}, "the place's kind dropped, the document's country added"},
		{3, "inc-date", []string{"03 JAN 90"}, "a date the text gives"},
		{4, "inc-date", []string{"- 05 JAN 90"}, "a year before the report's is no incident's date"},
	} {
		if g := fills(got[tt.tmpl], tt.slot); !slices.Equal(g, tt.want) {
			t.Errorf("template %d %s = %q, want %q (%s)", tt.tmpl, tt.slot, g, tt.want, tt.convention)
		}
	}
	// A report that says "today" dates its incident on its own day.
	a.Document.Text = "BOGOTA, 5 JAN 90 -- GUERRILLAS ATTACKED TODAY."
	if g := fills(MUC4Templates(a, muc4Countries(t), testTypes)[1], "inc-date"); !slices.Equal(g, []string{"05 JAN 90"}) {
		t.Errorf("inc-date with today = %q, want 05 JAN 90", g)
	}
}

// TestMUC4TemplatesRelevance checks two of the keys' conventions: a fight
// between forces is no incident unless it harms civilians or their
// property (template doc §1.0 item 1), and a perpetrator described in
// lower case is an organisation when its head noun names one ("the
// army", "drug cartels"), else a description of individuals.
func TestMUC4TemplatesRelevance(t *testing.T) {
	perp := func(name string) muster.Participant {
		return muster.Participant{Entity: muster.Ref{Name: name, Type: "armed_group"}, Role: muster.RolePerpetrator}
	}
	ten := 10.0
	clash := func(id string, parts ...muster.Participant) muster.Event {
		return muster.Event{ID: id, Type: muster.EventArmedClash, Participants: append([]muster.Participant{perp("guerrillas")}, parts...)}
	}
	a := &muster.Analysis{Events: []muster.Event{
		clash("v_1"), // soldiers and guerrillas fought: no incident
		clash("v_2", muster.Participant{Entity: muster.Ref{Name: "power substation", Type: "place"}, Role: muster.RoleTarget}),
		clash("v_3"), // ten civilians killed in the crossfire
		clash("v_4"), // ten soldiers killed
		{ID: "v_5", Type: muster.EventAttack, Participants: []muster.Participant{perp("army"), perp("drug cartels"), perp("armed men"), perp("urban guerrillas"), perp("Shining Path")}},
	}}
	a.Claims = []muster.Claim{
		{Subject: a.Events[2].Ref(), Predicate: muster.PredKilled, Role: "civilians", Object: muster.Value{Kind: muster.ValueNumber, Min: &ten, Max: &ten}},
		{Subject: a.Events[3].Ref(), Predicate: muster.PredKilled, Role: "soldiers", Object: muster.Value{Kind: muster.ValueNumber, Min: &ten, Max: &ten}},
	}
	got := MUC4Templates(a, muc4Countries(t), testTypes)
	if len(got) != 3 {
		t.Fatalf("%d templates, want 3 (two fights that harmed civilians, one attack)", len(got))
	}
	for i := range 2 {
		if g := got[i]["inc-type"][0].Alts[0]; g != "ATTACK" {
			t.Errorf("template %d type %s, want ATTACK", i, g)
		}
	}
	fills := func(slot string) []string {
		var out []string
		for _, f := range got[2][slot] {
			out = append(out, f.Alts[0])
		}
		return out
	}
	if g, w := fills("perp-org-id"), []string{"ARMY", "DRUG CARTELS", "SHINING PATH"}; !slices.Equal(g, w) {
		t.Errorf("perp-org-id = %q, want %q", g, w)
	}
	if g, w := fills("perp-ind-id"), []string{"ARMED MEN", "URBAN GUERRILLAS"}; !slices.Equal(g, w) {
		t.Errorf("perp-ind-id = %q, want %q", g, w)
	}
}
