package pipeline

import (
	"bytes"
	_ "embed"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// promoLinesTxt lists the cues of a line that is not the article's: a
// call to sign up, subscribe, follow, click or read more elsewhere, which
// news sites append to their stories. Names in it are the site's
// products, not the story's (issue 12).
//
//go:embed promo_lines.txt
var promoLinesTxt string

// promoCues are the cues of promo_lines.txt.
var promoCues = compileCues(promoLinesTxt)

// cue is one cue of a cue file: its expression, case-insensitive at word
// boundaries, and the literal it starts with, case-folded (foldCanon; empty
// when it starts with none). A line can match only where it holds the
// literal, and most lines hold none: one alternation of every cue, tried
// on every line, was the dearest expression of a news article's analysis.
type cue struct {
	re    *regexp.Regexp
	start []byte
}

// compileCues compiles the cues of a cue file (one regular expression per
// line; blank lines and # comments skipped). The file is embedded, so a
// bad cue is a build defect and panics at start-up, which TestPromoLines
// catches.
func compileCues(txt string) []cue {
	var cues []cue
	for _, l := range strings.Split(txt, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			start, _ := regexp.MustCompile(l).LiteralPrefix()
			cues = append(cues, cue{re: regexp.MustCompile(`(?i)\b(?:` + l + `)\b`), start: foldCanon(nil, start)})
		}
	}
	return cues
}

// matchCues reports whether line holds one of cues. buf is scratch space,
// returned for reuse.
func matchCues(cues []cue, line string, buf []byte) (bool, []byte) {
	buf = foldCanon(buf[:0], line)
	for _, c := range cues {
		if bytes.Contains(buf, c.start) && c.re.MatchString(line) {
			return true, buf
		}
	}
	return false, buf
}

// foldCanon appends s to b with every rune replaced by the least rune of
// its case-folding orbit (unicode.SimpleFold): two strings are equal under
// the (?i) of package regexp exactly when their foldCanon forms are ("k",
// "K" and the Kelvin sign all become "K").
func foldCanon(b []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		}
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b = utf8.AppendRune(b, least)
	}
	return b
}

// dropBoilerplate removes from r the mentions that lie in lines of text
// that are not the article's (promoCues), but for places ("More on the
// war in Ukraine on …": Ukraine is still Ukraine), and the entities left
// with none that no claim names.
func dropBoilerplate(text string, r *extract.Result) {
	var spans []muster.Span // code points
	var buf []byte
	cp := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		n := utf8.RuneCountInString(line)
		l := strings.TrimSpace(line)
		var promo bool
		if l != "" {
			promo, buf = matchCues(promoCues, l, buf)
		}
		if promo {
			spans = append(spans, muster.Span{Start: cp, End: cp + n})
		}
		cp += n
	}
	if len(spans) == 0 {
		return
	}
	in := func(m muster.Mention) bool {
		for _, s := range spans {
			if m.Start >= s.Start && m.End <= s.End {
				return true
			}
		}
		return false
	}
	named := map[string]bool{}
	for _, c := range r.Claims {
		named[c.Subject.Name] = true
		if c.Object.Entity != nil {
			named[c.Object.Entity.Name] = true
		}
	}
	out := r.Entities[:0]
	for _, e := range r.Entities {
		if e.Type == muster.EntityPlace {
			out = append(out, e)
			continue
		}
		ms := e.Mentions[:0]
		for _, m := range e.Mentions {
			if !in(m) {
				ms = append(ms, m)
			}
		}
		e.Mentions = ms
		if len(ms) == 0 && !named[e.Name] {
			continue
		}
		out = append(out, e)
	}
	r.Entities = out
}
