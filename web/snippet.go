package web

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetRadius is how many bytes of text a snippet shows on each side of
// the first match.
const snippetRadius = 110

// searchWords splits a query into its lower-cased words as the store's
// full-text search does: runs of letters, digits and combining marks.
func searchWords(q string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(q, notWordRune) {
		if len(out) == 32 {
			break
		}
		out[strings.ToLower(w)] = true
	}
	return out
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// snippet returns the stretch of text around the first word of the query
// it holds, escaped, with every matching word in <mark>: the highlighted
// snippet of a search result, with no marker syntax to show through. A
// text without a match gives its beginning.
func snippet(text string, words map[string]bool) template.HTML {
	type span struct{ start, end int }
	var found []span
	first := -1
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if notWordRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if notWordRune(r) {
				break
			}
			j += n
		}
		if words[strings.ToLower(text[i:j])] {
			if first < 0 {
				first = i
			}
			if i > first+2*snippetRadius {
				break
			}
			found = append(found, span{i, j})
		}
		i = j
	}
	if first < 0 {
		first = 0
	}
	from, to := max(0, first-snippetRadius), min(len(text), first+snippetRadius)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	// Start and end on word boundaries.
	if from > 0 {
		if k := strings.IndexAny(text[from:first], " \n\t"); k >= 0 {
			from += k + 1
		}
	}
	if to < len(text) {
		if k := strings.LastIndexAny(text[max(first, from):to], " \n\t"); k > 0 {
			to = max(first, from) + k
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, s := range found {
		if s.start < from || s.end > to {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:s.start]))
		b.WriteString("<mark>" + template.HTMLEscapeString(text[s.start:s.end]) + "</mark>")
		at = s.end
	}
	b.WriteString(template.HTMLEscapeString(text[at:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return template.HTML(strings.Join(strings.Fields(b.String()), " "))
}
