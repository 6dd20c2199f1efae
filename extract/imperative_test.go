package extract_test

import "testing"

// TestImperativeOpensNoName: a sentence that opens with its verb bids the
// reader ("Help Ukraine, join the collection"); the verb is no part of the
// name after it, which had made a place "Help Ukraine" (issue 12). A name
// whose first word may be a verb still opens a sentence whole when a verb
// of its own follows. Sentences of our own.
func TestImperativeOpensNoName(t *testing.T) {
	tests := []struct{ text, want, not string }{
		{"Fighting went on in the east. Help Ukraine, give to the appeal today.", "Ukraine", "Help Ukraine"},
		{"Support Kharkiv, send blankets and food to the appeal.", "Kharkiv", "Support Kharkiv"},
		{"Free Russia Legion fighters crossed the border on Monday.", "Free Russia Legion", "Russia Legion"},
	}
	for _, tc := range tests {
		names, got := entityNames(t, tc.text)
		if !names[tc.want] || names[tc.not] {
			t.Errorf("%q: entities %q, want %q and not %q", tc.text, got, tc.want, tc.not)
		}
	}
}
