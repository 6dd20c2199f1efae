package extract_test

import "testing"

// TestOutletNameIsOneName: a title word inside an outlet's name ("The
// Defense Post", "Army Times") opens no person's name: the outlet is one
// media entity, not "The" and "Post" (issue 11 item 2: the dev misses held
// such fragments). Its capitalised article is no part of the name, inside
// a sentence as at its start (issue 12).
func TestOutletNameIsOneName(t *testing.T) {
	tests := []struct{ text, want, not string }{
		{"The commander told The Defense Post that the unit had left.", "Defense Post media", "Post media"},
		{"He said in an interview with The Wall Street Journal that the unit had left.", "Wall Street Journal media", "The Wall Street Journal media"},
		{"The general told Army Times that the unit had left the base.", "Army Times media", "Times media"},
		{"Defense Minister Ivan Petrov said the Lion Brigade had left.", "Ivan Petrov person", "Defense Minister Ivan Petrov person"},
	}
	for _, tc := range tests {
		typed, got := entityTypes(t, tc.text)
		if !typed[tc.want] || typed[tc.not] {
			t.Errorf("%q: entities %q, want %q and not %q", tc.text, got, tc.want, tc.not)
		}
	}
}
