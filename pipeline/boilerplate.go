package pipeline

import (
	_ "embed"
	"regexp"
	"strings"
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

// promoLineRE matches a line holding any cue of promo_lines.txt.
var promoLineRE = compileCues(promoLinesTxt)

// compileCues joins the cues of a cue file (one regular expression per
// line; blank lines and # comments skipped) into one case-insensitive
// alternation at word boundaries. The file is embedded, so a bad cue is a
// build defect and panics at start-up, which TestPromoLines catches.
func compileCues(txt string) *regexp.Regexp {
	var cues []string
	for _, l := range strings.Split(txt, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			cues = append(cues, "(?:"+l+")")
		}
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(cues, "|") + `)\b`)
}

// dropBoilerplate removes from r the mentions that lie in lines of text
// that are not the article's (promoLineRE), but for places ("More on the
// war in Ukraine on …": Ukraine is still Ukraine), and the entities left
// with none that no claim names.
func dropBoilerplate(text string, r *extract.Result) {
	var spans []muster.Span // code points
	cp := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		n := utf8.RuneCountInString(line)
		l := strings.TrimSpace(line)
		if l != "" && promoLineRE.MatchString(l) {
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
