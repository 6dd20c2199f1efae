package store

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRebindDollar(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"none", "SELECT 1", "SELECT 1"},
		{"several", "a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
		{"in single quotes", "x = '?' AND y = ?", "x = '?' AND y = $1"},
		{"in double quotes", `"odd?" = ?`, `"odd?" = $1`},
		{"escaped quote", "x = 'it''s ?' AND y = ?", "x = 'it''s ?' AND y = $1"},
		{"options string", `ts_headline(t, q, 'StartSel="[[", x=?') LIMIT ?`, `ts_headline(t, q, 'StartSel="[[", x=?') LIMIT $1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rebindDollar(tc.in); got != tc.want {
				t.Errorf("rebindDollar(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSearchTerms(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"words", "Free Russia Legion", []string{"free", "russia", "legion"}},
		{"syntax is separation", `"RDK" AND (Belgorod OR NEAR*)`, []string{"rdk", "and", "belgorod", "or", "near"}},
		{"cyrillic", "Русский добровольческий", []string{"русский", "добровольческий"}},
		{"combining mark stays in its word", "a\u0301b c", []string{"a\u0301b", "c"}},
		{"digits", "2,000 troops", []string{"2", "000", "troops"}},
		{"nothing", ` "*^-:() `, nil},
		{"invalid UTF-8 separates", "ab\xffcd", []string{"ab", "cd"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, searchTerms(tc.in)); diff != "" {
				t.Errorf("searchTerms(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
	if n := len(searchTerms(strings.Repeat("w ", 100))); n != maxSearchTerms {
		t.Errorf("searchTerms of 100 words kept %d, want %d", n, maxSearchTerms)
	}
}

func TestSqliteMatch(t *testing.T) {
	if got, want := sqliteMatch([]string{"a", `b"c`}), `"a" "b""c"`; got != want {
		t.Errorf("sqliteMatch = %q, want %q", got, want)
	}
}
