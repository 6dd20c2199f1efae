package web

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words here ", 20)
	for _, tc := range []struct {
		name, text, q, want string
	}{
		{"marks every match", "The Wagner group left Bakhmut; Wagner said so.", "wagner bakhmut",
			"The <mark>Wagner</mark> group left <mark>Bakhmut</mark>; <mark>Wagner</mark> said so."},
		{"escapes the text", `<script>alert("x")</script> Wagner & co`, "wagner",
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; <mark>Wagner</mark> &amp; co`},
		{"no markers", "a [[b]] c Wagner", "wagner", "a [[b]] c <mark>Wagner</mark>"},
		{"whole words only", "Wagnerites and Wagner", "wagner", "Wagnerites and <mark>Wagner</mark>"},
		{"cut around the match", long + "Wagner " + long, "wagner", ""},
		{"no match gives the start", "Nothing here.", "wagner", "Nothing here."},
	} {
		got := string(snippet(tc.text, searchWords(tc.q)))
		if tc.want == "" {
			if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<mark>Wagner</mark>") || len(got) > 2*snippetRadius+40 {
				t.Errorf("%s: %q", tc.name, got)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("The Wagner group", "wagner")
	f.Add("é\u0301 [[x]] <b>", "x é")
	f.Fuzz(func(t *testing.T, text, q string) {
		got := string(snippet(text, searchWords(q)))
		if strings.Count(got, "<mark>") != strings.Count(got, "</mark>") {
			t.Fatalf("unbalanced marks: %q", got)
		}
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(got, "<mark>", ""), "</mark>", ""), "<") {
			t.Fatalf("unescaped markup: %q", got)
		}
	})
}
