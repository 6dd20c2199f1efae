package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// testDoc builds a Doc with a trivial sentence splitter (segment is not a
// dependency of extract): a sentence ends at ". " before a capital.
func testDoc(text string) *nlp.Doc {
	d := nlp.NewDoc(text)
	d.Sentences = docSentences(d)
	return d
}

// eventSummary is the part of an event the table tests compare.
type eventSummary struct {
	Type         muster.EventType
	Time         string
	Places       map[string]string // role -> name
	Participants []string          // "role:name"
	Killed       string
	Wounded      string
	Captured     string
	ClaimedBy    []string
	DeniedBy     []string
	Sides        []string // "predicate:role" of casualty claims with a side
	Sources      []string // "predicate:source/modality" of casualty claims
}

func summarize(ev muster.Event) eventSummary {
	s := eventSummary{Type: ev.Type, Places: map[string]string{}}
	if ev.Time != nil {
		s.Time = ev.Time.From + ".." + ev.Time.To + "/" + string(ev.Time.Precision)
	}
	for _, p := range ev.Participants {
		s.Participants = append(s.Participants, p.Role+":"+p.Entity.Name)
	}
	join := func(old string, v muster.Value) string {
		if old != "" {
			return old + "+" + v.RangeString()
		}
		return v.RangeString()
	}
	for _, c := range ev.Claims {
		switch c.Predicate {
		case muster.PredOccurredAt:
			s.Places[c.Role] = c.Object.Entity.Name
		case muster.PredKilled:
			s.Killed = join(s.Killed, c.Object)
		case muster.PredWounded:
			s.Wounded = join(s.Wounded, c.Object)
		case muster.PredCaptured:
			s.Captured = join(s.Captured, c.Object)
		case muster.PredClaimedBy:
			s.ClaimedBy = append(s.ClaimedBy, c.Object.Entity.Name)
		case muster.PredDeniedBy:
			s.DeniedBy = append(s.DeniedBy, c.Object.Entity.Name)
		}
		switch c.Predicate {
		case muster.PredKilled, muster.PredWounded, muster.PredCaptured:
			if c.Role != "" {
				s.Sides = append(s.Sides, string(c.Predicate)+":"+c.Role)
			}
			if c.AttributedTo.Type != muster.SourcePublisher {
				s.Sources = append(s.Sources, string(c.Predicate)+":"+c.AttributedTo.Name+"/"+string(c.Modality))
			}
		}
	}
	if len(s.Places) == 0 {
		s.Places = nil
	}
	return s
}

var published = time.Date(2023, time.May, 24, 12, 0, 0, 0, time.UTC)

func TestEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want       []eventSummary
	}{
		{
			name: "coder summary with place list, figures and no claim",
			text: "03/14/2021: An explosive device detonated targeting a police vehicle in Dalbandin, Balochistan, Pakistan. Two police officers and one assailant were killed and four others were injured in the blast. No group claimed responsibility for the incident.",
			want: []eventSummary{{
				Type: muster.EventBombing, Time: "2021-03-14..2021-03-14/day",
				Places: map[string]string{"city": "Dalbandin", "admin1": "Balochistan", "country": "Pakistan"},
				// A figure for each side the subject counts (issue 10).
				Killed: "2+1", Wounded: "4", Sides: []string{"killed:police", "killed:militants"},
			}},
		},
		{
			name: "claimed responsibility with acronym",
			text: "06/02/2021: Gunmen opened fire on a checkpoint in Kolwa, Kech, Pakistan, killing three soldiers. The Balochistan Liberation Front (BLF) claimed responsibility for the attack.",
			want: []eventSummary{{
				Type: muster.EventAttack, Time: "2021-06-02..2021-06-02/day",
				Places:       map[string]string{"city": "Kolwa", "admin1": "Kech", "country": "Pakistan"},
				Participants: []string{"perpetrator:Balochistan Liberation Front (BLF)"},
				Killed:       "3", Sides: []string{"killed:soldiers"},
				ClaimedBy: []string{"Balochistan Liberation Front (BLF)"},
			}},
		},
		{
			name: "sources attribute, including is not added, in addition to is",
			text: "04/19/2017: A suicide bomber detonated at a market in Mora, Far North, Cameroon. In addition to the bomber, at least five people, including two children, were killed and twelve were wounded. No group claimed responsibility; however, sources attributed the attack to Boko Haram.",
			want: []eventSummary{{
				Type: muster.EventBombing, Time: "2017-04-19..2017-04-19/day",
				Places:       map[string]string{"city": "Mora", "admin1": "Far North", "country": "Cameroon"},
				Participants: []string{"perpetrator:Boko Haram"},
				Killed:       "[6, ∞)", Wounded: "12",
			}},
		},
		{
			name: "state forces shelling, casualties unknown",
			text: "On 5 September 2023, Russian forces shelled Ukrainian positions near Novomykhaylivka, Donetsk, with artillery. Casualties unknown.",
			want: []eventSummary{{
				Type: muster.EventShelling, Time: "2023-09-05..2023-09-05/day",
				Places:       map[string]string{"city": "Novomykhaylivka", "admin1": "Donetsk"},
				Participants: []string{"actor:Russian forces", "target:Ukrainian positions"},
			}},
		},
		{
			name: "a side's fire named by its demonym",
			text: "A civilian was wounded in a Russian missile attack on Zaporizhzhia on Monday.",
			want: []eventSummary{{
				Type: muster.EventShelling, Time: "2023-05-22..2023-05-22/day",
				Places:       map[string]string{"city": "Zaporizhzhia"},
				Participants: []string{"target:civilians", "actor:Russian forces"},
				Wounded:      "1",
			}},
		},
		{
			name: "a nation's plural fighting, a force's possessive and an acronym's militiaman",
			text: "The Russians shelled Orikhiv overnight. Ukrainian military’s shelling killed a DPR militiaman near Horlivka.",
			want: []eventSummary{{
				Type:         muster.EventShelling,
				Places:       map[string]string{"city": "Orikhiv"},
				Participants: []string{"actor:Russian forces", "actor:Ukrainian military", "target:DPR"},
				Killed:       "1",
			}},
		},
		{
			name: "a nation's plural in a passive headline is no actor",
			text: "Relatives buried the Russians killed in Kherson shelling.",
			want: []eventSummary{{
				Type:   muster.EventShelling,
				Places: map[string]string{"city": "Kherson"},
			}},
		},
		{
			name: "sides described by their alignment",
			text: "Moscow-backed rebels shelled Avdiivka on Sunday, killing a woman. A pro-government militia attacked the rebels' positions.",
			want: []eventSummary{{
				Type: muster.EventShelling, Time: "2023-05-21..2023-05-21/day",
				Places:       map[string]string{"city": "Avdiivka"},
				Participants: []string{"actor:Moscow-backed rebels", "actor:pro-government militia"},
				Killed:       "1",
			}},
		},
		{
			name: "a brief telling of three happenings, each with its own day and town",
			text: "Drones struck a naval base in Sevastopol on Monday, officials said. Russian missiles hit Odesa on Tuesday, killing two people. Shelling hit Kherson on Wednesday, killing one.",
			want: []eventSummary{
				{Type: muster.EventDroneStrike, Time: "2023-05-22..2023-05-22/day", Places: map[string]string{"city": "Sevastopol"}},
				{Type: muster.EventShelling, Time: "2023-05-23..2023-05-23/day", Places: map[string]string{"city": "Odesa"}, Participants: []string{"actor:Russian forces"}, Killed: "2"},
				{Type: muster.EventShelling, Time: "2023-05-24..2023-05-24/day", Places: map[string]string{"city": "Kherson"}, Killed: "1"},
			},
		},
		{
			name: "a part of the injured is no second count",
			text: "A missile hit an apartment building in Kharkiv on Friday, killing four people and injuring 37. Two of the injured were children.",
			want: []eventSummary{{
				Type: muster.EventShelling, Time: "2023-05-19..2023-05-19/day",
				Places: map[string]string{"city": "Kharkiv"},
				Killed: "4", Wounded: "37",
			}},
		},
		{
			name: "figure attributed to a named source, hedged",
			text: "On 12 March 2024, Russian and Ukrainian forces clashed near Avdiivka, Donetsk. According to the regional governor, more than 70 soldiers were killed.",
			want: []eventSummary{{
				Type: muster.EventArmedClash, Time: "2024-03-12..2024-03-12/day",
				Places:       map[string]string{"city": "Avdiivka", "admin1": "Donetsk"},
				Participants: []string{"actor:Russian forces", "actor:Ukrainian forces"},
				Killed:       "[71, ∞)", Sides: []string{"killed:soldiers"},
				Sources: []string{"killed:the regional governor/reported"},
			}},
		},
		{
			name: "no casualties and a denial",
			text: "Militants fired rockets at an air base in Balad, Saladin, Iraq on Tuesday. There were no casualties. Kataib Hezbollah denied any involvement.",
			want: []eventSummary{{
				Type: muster.EventShelling, Time: "2023-05-23..2023-05-23/day",
				Places: map[string]string{"city": "Balad", "admin1": "Saladin", "country": "Iraq"},
				Killed: "0", Wounded: "0",
				DeniedBy: []string{"Kataib Hezbollah"},
			}},
		},
		{
			name: "kidnapping with captured figure and active killing",
			text: "Gunmen abducted 12 students from a school in Kagara, Niger, Nigeria last week, killing a teacher.",
			want: []eventSummary{{
				Type: muster.EventKidnapping, Time: "2023-05-15..2023-05-21/day",
				Places:   map[string]string{"city": "Kagara", "admin1": "Niger", "country": "Nigeria"},
				Captured: "12", Killed: "1",
				Sides: []string{"captured:civilians"},
			}},
		},
		{
			name: "a singular object or subject counts one",
			text: "01/15/2021: Assailants shot and killed a district governor in Qala-e-Naw, Badghis, Afghanistan. His driver was wounded in the attack.",
			want: []eventSummary{{
				Type: muster.EventAssassination, Time: "2021-01-15..2021-01-15/day",
				Places: map[string]string{"city": "Qala-e-Naw", "admin1": "Badghis", "country": "Afghanistan"},
				Killed: "1", Wounded: "1",
			}},
		},
		{
			name: "two groups claim, arson",
			text: "Militants set fire to a school in Dera, Khyber Pakhtunkhwa, Pakistan overnight. The Taliban and the Khorasan Province of the Islamic State separately claimed responsibility.",
			want: []eventSummary{{
				Type:         muster.EventArson,
				Places:       map[string]string{"city": "Dera", "admin1": "Khyber Pakhtunkhwa", "country": "Pakistan"},
				Participants: []string{"perpetrator:Taliban", "perpetrator:Khorasan Province of the Islamic State"},
				ClaimedBy:    []string{"Taliban", "Khorasan Province of the Islamic State"},
			}},
		},
		{
			name: "one group with 'and' inside its name",
			text: "A car bomb exploded in Tikrit, Saladin, Iraq. The Islamic State of Iraq and the Levant (ISIL) claimed responsibility.",
			want: []eventSummary{{
				Type:         muster.EventBombing,
				Places:       map[string]string{"city": "Tikrit", "admin1": "Saladin", "country": "Iraq"},
				Participants: []string{"perpetrator:Islamic State of Iraq and the Levant (ISIL)"},
				ClaimedBy:    []string{"Islamic State of Iraq and the Levant (ISIL)"},
			}},
		},
		{
			name: "suspected that a group carried it out; a named victim",
			text: "Gunmen shot and killed Amina Yusuf in Gombe, Nigeria. Police suspected that Boko Haram carried out the killing.",
			want: []eventSummary{{
				Type:         muster.EventAssassination,
				Places:       map[string]string{"place": "Gombe", "country": "Nigeria"},
				Participants: []string{"perpetrator:Boko Haram"},
				Killed:       "1",
			}},
		},
		{
			name: "interception is an outcome; acronym forces are parties",
			text: "On 3 April 2024, Ukrainian forces shot down two drones launched at DPR positions near Horlivka, Donetsk. Casualties unknown.",
			want: []eventSummary{{
				Type: muster.EventDroneStrike, Time: "2024-04-03..2024-04-03/day",
				Places:       map[string]string{"city": "Horlivka", "admin1": "Donetsk"},
				Participants: []string{"actor:Ukrainian forces", "target:DPR"},
			}},
		},
		{
			name: "the hostages are the ones counted before",
			text: "Gunmen abducted three engineers and a driver near Mopti, Mali. The hostages were executed two days later.",
			want: []eventSummary{{
				Type:     muster.EventKidnapping,
				Places:   map[string]string{"place": "Mopti", "country": "Mali"},
				Captured: "4", Killed: "4",
			}},
		},
		{
			name: "a total across attacks is kept as stated",
			text: "This was one of two related attacks in Zabul, Afghanistan. Six police officers were killed across both attacks.",
			want: []eventSummary{{
				Type:   muster.EventAttack,
				Places: map[string]string{"place": "Zabul", "country": "Afghanistan"},
				Killed: "6", Sides: []string{"killed:police"},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Events(testDoc(tt.text), published, "d_test")
			var got []eventSummary
			for _, ev := range evs {
				got = append(got, summarize(ev))
				checkEvent(t, tt.text, ev)
			}
			opt := cmp.Transformer("nilEmpty", func(s []string) []string {
				if len(s) == 0 {
					return nil
				}
				return s
			})
			if d := cmp.Diff(tt.want, got, opt); d != "" {
				t.Errorf("Events(%q) mismatch (-want +got):\n%s", tt.text, d)
			}
		})
	}
}

// checkEvent checks the invariants every event keeps: every evidence span
// quotes the text, claims are valid and name the event, the extractor is set.
func checkEvent(t *testing.T, text string, ev muster.Event) {
	t.Helper()
	check := func(e muster.Evidence) {
		b := muster.ByteOffsets(text, muster.Span{Start: e.Start, End: e.End})
		if !b.Valid(len(text)) || text[b.Start:b.End] != e.Quote {
			t.Fatalf("evidence %d..%d quotes %q, text there is %q", e.Start, e.End, e.Quote, text[b.Start:b.End])
		}
		if e.Start >= e.End {
			t.Fatalf("empty evidence %+v", e)
		}
		if e.Document != "d_test" {
			t.Fatalf("evidence document %q", e.Document)
		}
	}
	for _, e := range ev.Evidence {
		check(e)
	}
	if ev.ID == "" || !strings.HasPrefix(ev.ID, "v_") {
		t.Fatalf("event id %q", ev.ID)
	}
	for _, c := range ev.Claims {
		if err := c.Validate(); err != nil {
			t.Fatalf("claim %+v: %v", c, err)
		}
		if c.Subject.ID != ev.ID || c.Extractor != EventExtractor || c.ID == "" {
			t.Fatalf("claim %+v: subject, extractor or id not set", c)
		}
		for _, e := range c.Evidence {
			check(e)
		}
		if c.Object.Kind == muster.ValueNumber && c.Object.Min != nil && c.Object.Max != nil && *c.Object.Min > *c.Object.Max {
			t.Fatalf("claim %s: range %s", c.Predicate, c.Object.RangeString())
		}
	}
}

func TestEventsNoEvent(t *testing.T) {
	for _, text := range []string{"", "The weather in Kyiv was mild.", "   ", "Officials met in Geneva, Switzerland."} {
		if evs := Events(testDoc(text), published, "d_test"); len(evs) != 0 {
			t.Errorf("Events(%q) = %d events, want none", text, len(evs))
		}
	}
}

func TestEventsMultibyteOffsets(t *testing.T) {
	text := "«Breaking» — Militants attacked a post in Ğazni, Ghazni, Afghanistan. Five soldiers were killed."
	evs := Events(testDoc(text), published, "d_test")
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	checkEvent(t, text, evs[0])
	if s := summarize(evs[0]); s.Killed != "5" {
		t.Errorf("killed = %q, want 5", s.Killed)
	}
}

func FuzzEvents(f *testing.F) {
	for _, s := range []string{
		"01/01/2021: An explosive device detonated in Beir al-Abd, North Sinai, Egypt. Two soldiers were killed. No group claimed responsibility.",
		"On 5 September 2023, Russian forces shelled Ukrainian positions near Novomykhaylivka, Donetsk. Casualties unknown.",
		"The Taliban claimed responsibility, killing at least three people, including two children, and wounding 5.",
		"In addition to the assailant, 4 were killed; responsibility was claimed by Al-Shabaab.",
		"ü. killed, , were killed (",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 || !utf8.ValidString(s) {
			return
		}
		for _, ev := range Events(testDoc(s), published, "d_test") {
			checkEvent(t, s, ev)
		}
	})
}

// gtdStyle is a fixed sample of coder-style summaries, written for the
// benchmark, in the shape GTD summaries take.
var gtdStyle = []string{
	"02/11/2020: Gunmen on motorbikes raided the village of Tamou, Tahoua region, Niger. Eleven villagers were killed and six were wounded in the raid. The Islamic State in the Greater Sahara (ISGS) claimed responsibility for the raid.",
	"08/30/2019: Assailants ambushed a police patrol near Gereshk, Helmand, Afghanistan. Four police officers were killed in the ambush. No group claimed responsibility for the incident; however, sources attributed the attack to the Taliban.",
	"11/05/2018: A suicide bomber detonated at a bus station in Maiduguri, Borno, Nigeria. In addition to the bomber, at least six people, including a soldier and two traders, were killed and nine people were injured in the explosion. No group claimed responsibility; however, sources attributed the attack to Boko Haram.",
	"03/17/2020: Assailants fired rockets at a government compound in Baidoa, Bay, Somalia. The number of casualties is unknown. Al-Shabaab claimed responsibility for the incident.",
}

func BenchmarkEventsGTD(b *testing.B) {
	docs := make([]*nlp.Doc, len(gtdStyle))
	for i, s := range gtdStyle {
		docs[i] = testDoc(s)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Events(docs[n%len(docs)], published, "d_bench")
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// TestCasualtyPhrases holds the casualty reader's phrasings that the
// narrative stories need now that it is their only casualty reader (issue
// 10): a count before a group's name, an "of" phrase before a headline's
// bare cue, "shot dead" before its figure, a figure for each side, and a
// side's own losses.
func TestCasualtyPhrases(t *testing.T) {
	for _, tt := range []struct{ text, killed string }{
		{"A soldier, as well as 20 Kivu Lions members, were killed in another clash in March in the Lake Kivu region.", "20"},
		{"12 suspected members of the Red Hand cartel killed in shootout with troops in Mexico", "12"},
		{"Troops shot dead 12 suspected members of the Red Hand cartel near Culiacan, Mexico, on Tuesday.", "12"},
		{"Fighting raged near Morek, Syria, on Monday; 40 government soldiers and 25 rebel fighters were killed.", "40+25"},
		// A side's own dead, as it gives them; losing control is no loss of life.
		{"Gunmen attacked a post near Kolwa, Pakistan, on Monday; the group said it had lost two men.", "2"},
		{"Fighters raided Sushany, Russia, on Monday, putting their own dead at three.", "3"},
		{"The army lost control of Kolwa, Pakistan, on Monday after an attack.", ""},
		// The dead after "deaths of" and "lives of".
		{"A car bomb at a market in Mosul, Iraq, on Monday cost the lives of 40 villagers.", "40"},
		{"The bombing of a bus in Mosul, Iraq, on Monday caused the deaths of 12 passengers.", "12"},
		// The dead an act avenges are an earlier event's.
		{"Gunmen attacked a checkpoint near Kolwa, Pakistan, on Monday to avenge the killing of their leader.", ""},
		{"Gunmen killed two guards near Kolwa, Pakistan, on Monday in retaliation for the deaths of three fighters.", "2"},
	} {
		var got []string
		for _, ev := range Events(testDoc(tt.text), published, "d_test") {
			checkEvent(t, tt.text, ev)
			if s := summarize(ev); s.Killed != "" {
				got = append(got, s.Killed)
			}
		}
		if strings.Join(got, ";") != tt.killed {
			t.Errorf("Events(%q) killed = %q, want %q", tt.text, got, tt.killed)
		}
	}
}

// TestDemonymPlaceNoun: "in the Pakistani city of Peshawar" places the
// event in Peshawar, not in "Pakistani city".
func TestDemonymPlaceNoun(t *testing.T) {
	text := "A suicide bomber attacked a mosque in the Pakistani city of Peshawar on Monday, killing 12 people."
	evs := Events(testDoc(text), published, "d_test")
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	if len(evs[0].Places) == 0 || evs[0].Places[0].Name != "Peshawar" {
		t.Errorf("places = %v, want Peshawar first", evs[0].Places)
	}
}
