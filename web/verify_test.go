package web

import "testing"

func TestDisclaimerNear(t *testing.T) {
	text := "Moscow said more than 70 fighters were killed. The group said two died.\nThe Times could not independently confirm the casualty figures. Later, the governor spoke.\n" +
		"Far away, in another story, nothing could be verified."
	for _, tc := range []struct {
		name string
		text string
		at   int
		want string
	}{
		{"the next paragraph", text, 5, "The Times could not independently confirm the casualty figures."},
		{"no disclaimer", "Moscow said 70 were killed. Kyiv confirmed it.", 3, ""},
		{"non-ASCII before", "Белгород: 70 убитых. Reuters was unable to verify the report.", 3, "Reuters was unable to verify the report."},
		{"too far", text[:46] + string(make([]byte, 4000)) + " It could not be verified.", 3, ""},
	} {
		if got := disclaimerNear(tc.text, tc.at); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
