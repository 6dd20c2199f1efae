package extract

import (
	"strings"
	"testing"

	muster "github.com/muster-osint/muster"
)

var knownEventTypes = map[muster.EventType]bool{
	muster.EventIncursion: true, muster.EventRaid: true, muster.EventArmedClash: true, muster.EventAttack: true,
	muster.EventBombing: true, muster.EventShelling: true, muster.EventAirStrike: true, muster.EventDroneStrike: true,
	muster.EventAssassination: true, muster.EventKidnapping: true, muster.EventArrest: true,
	muster.EventDesignation: true, muster.EventProtest: true, muster.EventArson: true, muster.EventWithdrawal: true,
}

// TestTriggerLexicon checks the embedded lexicon: known types, one head
// per type a report trigger names, and one type per word whatever rule
// reads it ("stormed" was a raid to one extractor and an attack to the
// other).
func TestTriggerLexicon(t *testing.T) {
	for _, r := range triggerLex.rows {
		if r.Type != "" && !knownEventTypes[r.Type] {
			t.Errorf("%s: unknown event type %q", r.Lemma, r.Type)
		}
		if r.Type == "" && r.Rank != 0 {
			t.Errorf("%s: a cue with rank %d", r.Lemma, r.Rank)
		}
	}
	for _, w := range triggerLex.forms("report") {
		typ := triggerLex.row("report", w).Type
		if triggerLex.heads[typ] == nil {
			t.Errorf("%s names %s, which has no head row", w, typ)
		}
	}
	for _, w := range triggerLex.forms("narrative") {
		if r := triggerLex.row("report", w); r != nil && r.Type != eventTypeOf(w) {
			t.Errorf("%s: report type %s, narrative type %s", w, r.Type, eventTypeOf(w))
		}
	}
	if got := eventTypeOf("stormed"); got != muster.EventRaid {
		t.Errorf("stormed: %s, want raid", got)
	}
	typ, _, _ := eventTrigger(lexWords("Gunmen stormed the hotel."))
	if typ != muster.EventRaid {
		t.Errorf("report: stormed is %s, want raid", typ)
	}
	m := EventTypeMappings()
	if m[muster.EventBombing].GTD != "Bombing/Explosion" || m[muster.EventKidnapping].MUC4 != "KIDNAPPING" || m[muster.EventShelling].MUC4 != "" {
		t.Errorf("mappings: %+v", m)
	}
}

func TestTriggerLexiconErrors(t *testing.T) {
	for _, bad := range []string{
		"attack\tattack\t2\t-\t-\t-\tattack\treport:attacked",            // a use names no form of the row
		"attack\tattack\tx\t-\t-\t-\tattack\treport",                     // rank
		"attack\tattack\t2\t-\t-\t-\tattack",                             // columns
		"a\tattack\t2\t-\t-\t-\ta\thead\nb\tattack\t2\t-\t-\t-\tb\thead", // two heads
		"coup\tcoup\t1\t-\t-\t-\tcoup\tnarrative",                        // no such event type
		"air force\tattack\t0\t-\t-\t-\tair force\tlift=aerial",          // lifts to no such type
	} {
		if _, err := parseTriggers(bad); err == nil {
			t.Errorf("parseTriggers(%q) gave no error", strings.ReplaceAll(bad, "\t", " "))
		}
	}
}

// TestTriggerPhrases checks the lexicon's multi-word triggers, its
// compounds that are no trigger, its weak words and its lifters, each
// with a sentence that reads it and one that must not.
func TestTriggerPhrases(t *testing.T) {
	for _, c := range []struct {
		s    string
		want muster.EventType
	}{
		{"Gunmen opened fire on a bus.", muster.EventAttack},
		{"The shop opened on Monday.", ""},
		{"Militants set the police station on fire.", muster.EventArson},
		{"Rebels set fire to the market.", muster.EventArson},
		{"The talks were set for Monday.", ""},
		{"They set off a car bomb.", muster.EventBombing},
		{"Soldiers began to fire upon the crowd.", muster.EventAttack},
		{"The fire spread to the roof.", ""},
		{"The house caught fire.", ""},
		{"A mine exploded under the truck.", muster.EventBombing},
		{"Gold mine workers went on leave.", ""},
		{"Police seized grenade launchers.", muster.EventKidnapping}, // "seized" stays, "grenade" goes
		{"A grenade hit the crowd.", muster.EventBombing},
		{"Rebels burned the houses.", muster.EventArson},
		{"Two men were burned to death.", ""},
		{"Heavy fighting raged near the town.", muster.EventArmedClash},
		{"He has been fighting for Ukraine.", ""},
		{"Enemy aircraft struck the depot.", muster.EventAirStrike},
		{"The aircraft landed safely.", ""},
		{"Air strikes hit the town.", muster.EventAirStrike},
		{"The air forces attacked rebel positions.", muster.EventAirStrike},
		{"Helicopters shelled the village.", muster.EventAirStrike},
		{"Troops and rebels exchanged small arms fire and shelled the post.", muster.EventArmedClash},
		{"A bomb hit the market after small arms were found.", muster.EventBombing},
		{"The siege of the hotel lasted twelve hours.", muster.EventArmedClash},
		{"Rebels besieged the garrison town.", muster.EventArmedClash},
		{"Gunmen stormed the hotel and the siege lasted hours.", muster.EventRaid}, // the more specific word wins
		{"The team spoke of a siege mentality.", ""},
	} {
		if got, _, _ := eventTrigger(lexWords(c.s)); got != c.want {
			t.Errorf("%q: %q, want %q", c.s, got, c.want)
		}
	}
}
