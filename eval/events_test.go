package eval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

// Inline records written for the tests in each data set's column layout.
const gtdCSV = `eventid,iyear,imonth,iday,country_txt,provstate,city,attacktype1_txt,gname,gname2,claimed,nkill,nwound,summary,split
201901020001,2019,1,2,Nigeria,Borno,Maiduguri,Bombing/Explosion,Boko Haram,,0,3,,"01/02/2019: A bomb went off in Maiduguri, Borno, Nigeria.",dev
201901020002,2019,1,0,Nigeria,Borno,Unknown,Armed Assault,Unknown,,-9,-99,2,"01/2019: Gunmen attacked.",test
`

func TestReadGTD(t *testing.T) {
	recs, err := ReadGTD(strings.NewReader(gtdCSV), "gtd.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	want := map[string][]string{
		"perpetrator": {"Boko Haram"}, "claimed": {"0"}, "country": {"Nigeria"}, "province": {"Borno"},
		"city": {"Maiduguri"}, "killed": {"3"}, "killed_stated": {"3"}, "event_type": {"bombing"},
	}
	if d := cmp.Diff(want, recs[0].Gold); d != "" {
		t.Errorf("gold mismatch (-want +got):\n%s", d)
	}
	if got := recs[1].Gold; got["perpetrator"] != nil || got["city"] != nil || got["killed"] != nil || got["killed_stated"] != nil || got["claimed"] != nil {
		t.Errorf("unknown values must not be gold: %v", got)
	}
	if _, coded := recs[1].Gold["perpetrator"]; !coded {
		t.Errorf("an Unknown perpetrator is coded as none, not missing")
	}
	if !recs[1].Published.Equal(time.Date(2019, 1, 1, 12, 0, 0, 0, time.UTC)) || recs[1].Split != "test" {
		t.Errorf("record 2: published %v split %q", recs[1].Published, recs[1].Split)
	}
	if _, err := ReadGTD(strings.NewReader("eventid,iyear,summary\n1,notayear,x\n"), "bad.csv"); err == nil || !strings.Contains(err.Error(), "bad.csv line 2") {
		t.Errorf("bad iyear: err = %v, want one naming bad.csv line 2", err)
	}
}

func TestReadACLEDAndUCDP(t *testing.T) {
	acled := "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,notes,fatalities,split\n" +
		"UKR1,05/09/2023 00:00:00,Battles,Armed clash,Military Forces of Russia (2000-),Military Forces of Ukraine (2019-),Donetsk,Marinka,\"On 5 September 2023, forces clashed.\",2,dev\n"
	recs, err := ReadACLED(strings.NewReader(acled), "acled.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !recs[0].Published.Equal(time.Date(2023, 9, 5, 12, 0, 0, 0, time.UTC)) || len(recs[0].Gold["actors"]) != 2 {
		t.Fatalf("ACLED record = %+v", recs)
	}
	ucdp := "id,side_a,side_b,source_headline,date_start,low,high,split\n" +
		"1,Government of Ukraine,DPR,Marinovka,7/19/2014 12:00:00 AM,2,2,dev\n" +
		"2,Government of Russia (Soviet Union),Government of Ukraine,Three people were killed in shelling;Shelling in Kherson,2023-02-16,1,4,test\n"
	recs, err = ReadUCDP(strings.NewReader(ucdp), "ucdp.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Text != "Three people were killed in shelling." || cmp.Diff([]string{"1", "4"}, recs[0].Gold["deaths"]) != "" {
		t.Fatalf("UCDP records = %+v", recs)
	}
}

func TestSameGroup(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"the Taliban", "Taliban", true},
		{"Taliban militants", "Taliban", true},
		{"TTP", "Tehrik-i-Taliban Pakistan (TTP)", true},
		{"Tehrik-i-Taliban Pakistan", "Tehrik-i-Taliban Pakistan (TTP)", true},
		{"Ansar Allah", "Houthi extremists (Ansar Allah)", true},
		{"Taliban", "Tehrik-i-Taliban Pakistan (TTP)", false},
		{"Islamic State", "Khorasan Chapter of the Islamic State", true}, // a named part "of" a group
		{"Islamic State", "Islamic Movement of Uzbekistan", false},
		{"Al-Shabaab", "al Shabaab", true},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			if got := sameGroup(tt.a, tt.b); got != tt.want {
				t.Errorf("sameGroup(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func testCountries(t *testing.T) *Countries {
	t.Helper()
	c, err := ReadCountries(strings.NewReader("cca2\tname_common\tname_official\talt_spellings\tdemonym_eng_m\tdemonym_eng_f\n"+
		"RU\tRussia\tRussian Federation\tRU|Rossiya\tRussian\tRussian\nUA\tUkraine\tUkraine\tUA|Ukrayina\tUkrainian\tUkrainian\n"), "countries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestActorKey(t *testing.T) {
	c := testCountries(t)
	tests := []struct{ name, want string }{
		{"Military Forces of Russia (2000-)", "military:russia"},
		{"Military Forces of Russia (2000-) Air Force", "military:russia"},
		{"Russian forces", "military:russia"},
		{"Russian military", "military:russia"},
		{"Military Forces of Ukraine (2019-)", "military:ukraine"},
		{"Ukrainian positions", "military:ukraine"},
		{"Government of Ukraine", "military:ukraine"},
		{"Police Forces of Ukraine (2019-) State Emergency Service of Ukraine", "police:ukraine"},
		{"Ukrainian police", "police:ukraine"},
		{"Civilians (Ukraine)", "civilians"},
		{"civilians", "civilians"},
		{"Unidentified Armed Group (Ukraine)", "unidentified armed group"},
		{"unknown gunmen", "unidentified armed group"},
		{"NAF: United Armed Forces of Novorossiya", "naf"},
		{"Right Sector", "right sector"},
		{"pro-Russian separatists", "separatists"},
		{"Russian-backed rebels", "separatists"},
		{"pro-Russian forces", "separatists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := actorKey(tt.name, c); got != tt.want {
				t.Errorf("actorKey(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestMatchSetsSeparatists(t *testing.T) {
	c := testCountries(t)
	tests := []struct {
		gold, got  []string
		tp, fp, fn int
	}{
		{[]string{"Government of Ukraine", "DPR"}, []string{"Ukrainian soldiers", "pro-Russian separatists"}, 2, 0, 0},
		{[]string{"Government of Ukraine", "LPR"}, []string{"pro-Russian rebels"}, 1, 0, 1},
		{[]string{"Government of Russia (Soviet Union)", "Government of Ukraine"}, []string{"pro-Russian separatists"}, 0, 1, 2},
	}
	for _, tt := range tests {
		tp, fp, fn := matchSets("sides", tt.gold, tt.got, c)
		if tp != tt.tp || fp != tt.fp || fn != tt.fn {
			t.Errorf("matchSets(%q, %q) = %d/%d/%d, want %d/%d/%d", tt.gold, tt.got, tp, fp, fn, tt.tp, tt.fp, tt.fn)
		}
	}
}

func TestApportioned(t *testing.T) {
	text := "Assailants attacked a post. This was one of three related attacks. Nine soldiers were killed across the attacks. Two police officers were killed in this attack."
	sent := func(q string) muster.Evidence {
		i := strings.Index(text, q)
		// the sentence around q
		a := strings.LastIndex(text[:i], ". ") + 2
		b := i + strings.Index(text[i:], ".") + 1
		sp := muster.CharOffsets(text, muster.Span{Start: a, End: b})
		return muster.Evidence{Start: i, End: i + len(q), Quote: q, Sentence: &sp}
	}
	pub := muster.Attribution{Type: muster.SourcePublisher, Name: "publisher"}
	ev := muster.Event{Claims: []muster.Claim{
		{Predicate: muster.PredKilled, Object: muster.NumberValue("Nine", 9, 9, ""), AttributedTo: pub, Evidence: []muster.Evidence{sent("Nine soldiers were killed")}},
		{Predicate: muster.PredKilled, Object: muster.NumberValue("Two", 2, 2, ""), AttributedTo: pub, Evidence: []muster.Evidence{sent("Two police officers were killed")}},
	}}
	if got := apportioned(text, ev, muster.PredKilled); got != "5" {
		t.Errorf("apportioned = %s, want 9/3 + 2 = 5", got)
	}
	if got := figureOf(ev, muster.PredKilled); got != "11" {
		t.Errorf("figureOf = %s, want 11", got)
	}
	// A total stated for two sides at once is divided whole: 14 + 1
	// across three attacks is five each, not 14/3 + 1/3 = 4.
	text2 := "Assailants attacked a post. This was one of three related attacks. At least 14 assailants and one police officer were killed across the clashes."
	q14, q1 := "At least 14 assailants and one police officer were killed", "one police officer were killed"
	i14, i1 := strings.Index(text2, q14), strings.Index(text2, q1)
	last := muster.CharOffsets(text2, muster.Span{Start: i14, End: len(text2)})
	sides := muster.Event{Claims: []muster.Claim{
		{Predicate: muster.PredKilled, Object: muster.NumberValue("14", 14, 14, ""), AttributedTo: pub, Evidence: []muster.Evidence{{Start: i14, End: i14 + len(q14), Quote: q14, Sentence: &last}}},
		{Predicate: muster.PredKilled, Object: muster.NumberValue("one", 1, 1, ""), AttributedTo: pub, Evidence: []muster.Evidence{{Start: i1, End: i1 + len(q1), Quote: q1, Sentence: &last}}},
	}}
	if got := apportioned(text2, sides, muster.PredKilled); got != "5" {
		t.Errorf("apportioned(two sides) = %s, want 15/3 = 5", got)
	}
	if n := incidentCount("Two soldiers were killed across both attacks."); n != 2 {
		t.Errorf("incidentCount(both attacks) = %d, want 2", n)
	}
}

func TestPlaceKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{{"Yangi Qala district", "Yangi Qala"}, {"Tillaberi region", "Tillaberi"}, {"Kyiv City", "Kyiv"}} {
		if placeKey(tt.a) != placeKey(tt.b) {
			t.Errorf("placeKey(%q) = %q, placeKey(%q) = %q, want equal", tt.a, placeKey(tt.a), tt.b, placeKey(tt.b))
		}
	}
}

// TestScoreEvents scores a fake extractor so that each slot's arithmetic
// is checked: one record right on every slot, one wrong.
func TestScoreEvents(t *testing.T) {
	recs, err := ReadGTD(strings.NewReader(gtdCSV), "gtd.csv")
	if err != nil {
		t.Fatal(err)
	}
	num := func(n float64) muster.Value { return muster.NumberValue("", n, n, "") }
	pub := muster.Attribution{Type: muster.SourcePublisher, Name: "publisher"}
	place := func(name, role string) muster.Claim {
		return muster.Claim{Predicate: muster.PredOccurredAt, Object: muster.EntityValue(muster.Ref{Name: name}, name), Role: role}
	}
	ex := func(ctx context.Context, text string, published time.Time) (*muster.Analysis, error) {
		if strings.Contains(text, "Maiduguri") {
			return &muster.Analysis{Events: []muster.Event{{
				Type:         muster.EventBombing,
				Participants: []muster.Participant{{Entity: muster.Ref{Name: "Boko Haram"}, Role: muster.RolePerpetrator}},
				Claims: []muster.Claim{
					place("Maiduguri", "city"), place("Borno", "admin1"), place("Nigeria", "country"),
					{Predicate: muster.PredKilled, Object: num(2), AttributedTo: pub},
					{Predicate: muster.PredKilled, Object: num(1), AttributedTo: pub},
				},
			}}}, nil
		}
		return &muster.Analysis{Events: []muster.Event{{Type: muster.EventAttack, Participants: []muster.Participant{{Entity: muster.Ref{Name: "ISIS"}, Role: muster.RolePerpetrator}}}}}, nil
	}
	rep, err := ScoreEvents(context.Background(), "gtd", recs, ex, nil, testTypes, 5)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		N, TP, FP, FN, Correct int
	}
	got := map[string]row{}
	for k, s := range rep.Slots {
		got[k] = row{s.N, s.TP, s.FP, s.FN, s.Correct}
	}
	want := map[string]row{
		"perpetrator": {2, 1, 1, 0, 0}, "claimed": {1, 0, 0, 0, 1}, "country": {2, 0, 0, 0, 1},
		"province": {2, 0, 0, 0, 1}, "city": {1, 0, 0, 0, 1}, "killed": {1, 0, 0, 0, 1},
		"wounded": {1, 0, 0, 0, 0}, "event_type": {2, 0, 0, 0, 2},
		"killed_stated": {1, 0, 0, 0, 1}, "wounded_stated": {1, 0, 0, 0, 0},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("scores mismatch (-want +got):\n%s", d)
	}
	if len(rep.Misses["wounded"]) != 1 || rep.Misses["wounded"][0].Gold != "2" || rep.Misses["wounded"][0].Got != "0" {
		t.Errorf("wounded misses = %+v", rep.Misses["wounded"])
	}
	if _, err := ScoreEvents(context.Background(), "nope", recs, ex, nil, testTypes, 0); err == nil {
		t.Errorf("unknown dataset: want an error")
	}
}

// testTypes stands for the trigger lexicon's mapping, which cmd/muster
// gives eval in production (eval may not import extract).
var testTypes = EventTypes{
	muster.EventAttack:        {ACLED: "Attack", GTD: "Armed Assault", MUC4: "ATTACK"},
	muster.EventAssassination: {ACLED: "Attack", GTD: "Assassination", MUC4: "ATTACK"},
	muster.EventBombing:       {ACLED: "Remote explosive/landmine/IED", GTD: "Bombing/Explosion", MUC4: "BOMBING"},
	muster.EventShelling:      {ACLED: "Shelling/artillery/missile attack", GTD: "Bombing/Explosion"},
	muster.EventArmedClash:    {ACLED: "Armed clash", GTD: "Armed Assault"},
	muster.EventArrest:        {ACLED: "Arrests"},
	muster.EventDesignation:   {},
}

// TestEventTypes checks that eval scores by the mapping it is given: GTD
// classes, ACLED sub-event types and MUC-4 incident types, and that Check
// refuses a type no coder uses.
func TestEventTypes(t *testing.T) {
	for typ, want := range map[muster.EventType]string{
		muster.EventShelling: "bombing", muster.EventAttack: "attack", muster.EventAssassination: "assassination",
		muster.EventArrest: "arrest", muster.EventOther: "other",
	} {
		if got := testTypes.gtdClass(typ); got != want {
			t.Errorf("gtdClass(%s) = %q, want %q", typ, got, want)
		}
	}
	for typ, want := range map[muster.EventType]string{
		muster.EventShelling: "Shelling/artillery/missile attack", muster.EventAttack: "Attack",
		muster.EventDesignation: "", muster.EventOther: "",
	} {
		if got := testTypes.acledSubEvent(muster.Event{Type: typ}); got != want {
			t.Errorf("acledSubEvent(%s) = %q, want %q", typ, got, want)
		}
	}
	if testTypes.MUC4IncidentType(muster.EventAssassination) != "ATTACK" || testTypes.MUC4IncidentType(muster.EventArmedClash) != "" {
		t.Error("assassination should be an ATTACK and an armed clash no incident")
	}
	if err := testTypes.Check(); err != nil {
		t.Errorf("Check: %v", err)
	}
	for _, bad := range []EventTypeMapping{{ACLED: "Shootout"}, {GTD: "Shooting"}, {MUC4: "SHOOTING"}} {
		if err := (EventTypes{muster.EventAttack: bad}).Check(); err == nil {
			t.Errorf("Check(%+v): want an error", bad)
		}
	}
}

// TestSplitDevHalves: dev-train and dev-tune part the dev split between
// them, each record in one, and take nothing from test.
func TestSplitDevHalves(t *testing.T) {
	var recs []EventRecord
	for i := 0; i < 40; i++ {
		split := "dev"
		if i%4 == 0 {
			split = "test"
		}
		recs = append(recs, EventRecord{ID: fmt.Sprint(i), Text: fmt.Sprintf("Summary %d: assailants attacked a checkpoint.", i), Split: split})
	}
	dev, train, tune := Split(recs, "dev"), Split(recs, "dev-train"), Split(recs, "dev-tune")
	if len(train) == 0 || len(tune) == 0 || len(train)+len(tune) != len(dev) {
		t.Fatalf("dev %d records, dev-train %d, dev-tune %d: want two non-empty halves of dev", len(dev), len(train), len(tune))
	}
	seen := map[string]bool{}
	for _, r := range append(train, tune...) {
		if r.Split != "dev" || seen[r.ID] {
			t.Errorf("record %s (split %s) twice or not from dev", r.ID, r.Split)
		}
		seen[r.ID] = true
	}
}

// TestScoreEventsCountryByIdentity: the country slot scores which country
// the event was placed in, not which of its names the store shows. The
// resolver names a country as the countries table does ("DR Congo" for a
// text's "Democratic Republic of the Congo"), which a comparison of
// spellings had counted wrong (GTD dev country .986 → .972).
func TestScoreEventsCountryByIdentity(t *testing.T) {
	recs := []EventRecord{
		{ID: "1", Text: "a", Gold: map[string][]string{"country": {"Russian Federation"}}},
		{ID: "2", Text: "b", Gold: map[string][]string{"country": {"Ukraine"}}},
	}
	ex := func(ctx context.Context, text string, published time.Time) (*muster.Analysis, error) {
		// Both records are placed in Russia, under the table's short name.
		return &muster.Analysis{Events: []muster.Event{{
			Type: muster.EventAttack,
			Claims: []muster.Claim{{Predicate: muster.PredOccurredAt,
				Object: muster.EntityValue(muster.Ref{Name: "Russia"}, "Russia"), Role: "country"}},
		}}}, nil
	}
	rep, err := ScoreEvents(context.Background(), "gtd", recs, ex, testCountries(t), testTypes, 5)
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Slots["country"]; s.N != 2 || s.Correct != 1 {
		t.Errorf("country: %d of %d right, want 1 of 2 (Russia is the Russian Federation, not Ukraine)", s.Correct, s.N)
	}
}
