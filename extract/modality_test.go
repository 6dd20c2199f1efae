package extract_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

func TestModality(t *testing.T) {
	tests := []struct {
		name, text, claim string
		want              muster.Modality
	}{
		{"outlet's own voice", "The legion was founded in March 2022.", "The legion was founded in March 2022", muster.Asserted},
		{"said", "The governor said two drones were shot down.", "two drones were shot down", muster.Reported},
		{"according to", "The group has about 4,000 members, according to Radio Free Europe.", "The group has about 4,000 members", muster.Reported},
		{"claimed, cue inside the claim's words", "Russian state television claimed more than 70 fighters were killed.", "more than 70 fighters were killed", muster.Claimed},
		{"took responsibility", "The group took responsibility for the attack.", "the attack", muster.Claimed},
		{"by some estimates", "By some estimates, the brigade fields up to 3,500 fighters.", "the brigade fields up to 3,500 fighters", muster.Estimated},
		{"an estimated", "An estimated 300 fighters crossed the border.", "300 fighters crossed the border", muster.Estimated},
		{"denied that", "The ministry denied that its forces shelled the village.", "its forces shelled the village", muster.Denied},
		{"did not", "The group did not take part in the raid.", "The group did not take part in the raid", muster.Denied},
		{"may have", "The fighters may have crossed into Bryansk.", "crossed into Bryansk", muster.Hedged},
		{"believed to", "The group is believed to have about 1,000 members.", "have about 1,000 members", muster.Hedged},
		{"reportedly", "The commander was reportedly wounded.", "wounded", muster.Hedged},
		{"unverified casualty estimates", "Russian state television claimed more than 70 fighters were killed. The Times could not independently confirm the casualty figures.",
			"more than 70 fighters were killed", muster.Unverified},
		{"disclaimer on casualties leaves other claims alone", "The legion was founded in 2022. The Times could not independently confirm the casualty figures.",
			"The legion was founded in 2022", muster.Asserted},
		{"disclaimer in another paragraph", "Russian state television claimed more than 70 fighters were killed.\n\nThe town has a school.\n\nIn other news, the Times could not verify the claims of a second raid. The bridge was closed.",
			"more than 70 fighters were killed", muster.Claimed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := segmented(tt.text)
			i := strings.Index(tt.text, tt.claim)
			if i < 0 {
				t.Fatalf("claim %q not in text", tt.claim)
			}
			claim := muster.Span{Start: i, End: i + len(tt.claim)}
			if got := extract.Modality(d, claim, extract.Attributions(d)); got != tt.want {
				t.Errorf("Modality(%q in %q) = %s, want %s", tt.claim, tt.text, got, tt.want)
			}
		})
	}
}

func TestUnverifiedScopes(t *testing.T) {
	type scope struct {
		Object  string
		Topic   []string
		General bool
	}
	tests := []struct {
		name, text string
		want       []scope
	}{
		{"could not independently confirm", "The Times could not independently confirm the casualty figures.",
			[]scope{{"the casualty figures", []string{"casualty", "figures"}, false}}},
		{"passive could not be verified", "Two villages were shelled. The claims could not be independently verified.",
			[]scope{{"The claims", []string{"claims"}, true}}},
		{"unable to confirm", "Reuters was unable to confirm the report.",
			[]scope{{"the report", []string{"report"}, true}}},
		{"object stops at a comma", "The Times could not verify the footage, which was posted on Telegram.",
			[]scope{{"the footage", []string{"footage"}, false}}},
		{"confirmation is not a disclaimer", "Officials confirmed the attack.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := segmented(tt.text)
			var got []scope
			for _, u := range extract.UnverifiedScopes(d) {
				got = append(got, scope{d.Slice(u.Object), u.Topic, u.General})
				if !u.Scope.Contains(u.Span) {
					t.Errorf("scope %v does not contain the disclaimer %v", u.Scope, u.Span)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("UnverifiedScopes(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestUnverifiedScopeParagraph(t *testing.T) {
	text := "Russian state television claimed more than 70 fighters were killed.\n\nThe Times could not independently confirm the casualty figures.\n\nThe bridge was closed."
	d := segmented(text)
	us := extract.UnverifiedScopes(d)
	if len(us) != 1 {
		t.Fatalf("UnverifiedScopes = %v, want one", us)
	}
	// A disclaimer alone in its paragraph covers the paragraph before.
	want := text[:strings.Index(text, "\n\nThe bridge")]
	if got := d.Slice(us[0].Scope); got != want {
		t.Errorf("scope = %q, want %q", got, want)
	}
}

func BenchmarkModality(b *testing.B) {
	d := segmented(benchText)
	attrs := extract.Attributions(d)
	i := strings.Index(benchText, "more than 70")
	claim := muster.Span{Start: i, End: i + len("more than 70 fighters were killed")}
	b.ReportAllocs()
	for b.Loop() {
		extract.Modality(d, claim, attrs)
	}
}
