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
	} {
		if _, err := parseTriggers(bad); err == nil {
			t.Errorf("parseTriggers(%q) gave no error", strings.ReplaceAll(bad, "\t", " "))
		}
	}
}
