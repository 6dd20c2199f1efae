package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	muster "github.com/muster-osint/muster"
)

// The trigger lexicon (patterns/triggers.tsv): one row per lemma with its
// event type, rank, ACLED/GTD/MUC-4 mapping, surface forms and the rules
// that read it. It is the one list of event words; the event code asks it
// rather than keeping lists of its own.

//go:embed patterns/triggers.tsv
var triggersTSV string

// Trigger is one row of the trigger lexicon.
type Trigger struct {
	Lemma string
	Type  muster.EventType // "" for a cue that names no event by itself
	Rank  int              // a more specific word wins
	ACLED string           // ACLED sub-event type, "" for none
	GTD   string           // GTD attack type, "" for none
	MUC4  string           // MUC-4 incident type, "" for none
	Forms []string
	Lifts []muster.EventType         // the types a lifter turns into Type ("air forces struck")
	uses  map[string]map[string]bool // use -> forms (nil: every form)
}

// phrase is a multi-word form the report trigger reads: its words, "…"
// standing for a gap of up to six tokens ("set … fire").
type phrase struct {
	words []string
	row   *Trigger // nil: a compound that is no trigger ("gold mine")
}

// phraseGap is the most tokens "…" stands for in a phrase.
const phraseGap = 6

// triggerLexicon indexes the rows by surface form.
type triggerLexicon struct {
	rows   []*Trigger
	byForm map[string][]*Trigger
	heads  map[muster.EventType]*Trigger
	// phrases are the multi-word report forms and the compounds, by
	// their first word, longest first; lifters the words that lift a
	// sentence's type.
	phrases map[string][]phrase
	lifters []phrase
}

var triggerLex = mustTriggers(triggersTSV)

func mustTriggers(src string) *triggerLexicon {
	l, err := parseTriggers(src)
	if err != nil {
		panic(err) // the embedded file is tested; this is a build defect
	}
	return l
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func parseTriggers(src string) (*triggerLexicon, error) {
	l := &triggerLexicon{byForm: map[string][]*Trigger{}, heads: map[muster.EventType]*Trigger{},
		phrases: map[string][]phrase{}}
	for n, line := range strings.Split(src, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 8 {
			return nil, fmt.Errorf("triggers.tsv:%d: %d columns, want 8", n+1, len(f))
		}
		rank, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("triggers.tsv:%d: rank: %v", n+1, err)
		}
		t := &Trigger{Lemma: f[0], Type: muster.EventType(dash(f[1])), Rank: rank, ACLED: dash(f[3]), GTD: dash(f[4]), MUC4: dash(f[5]),
			Forms: strings.Split(f[6], ","), uses: map[string]map[string]bool{}}
		if t.Type != "" && !t.Type.Valid() {
			return nil, fmt.Errorf("triggers.tsv:%d: %q is not one of DESIGN's event types", n+1, t.Type)
		}
		forms := map[string]bool{}
		for _, w := range t.Forms {
			forms[w] = true
		}
		for _, u := range strings.Split(f[7], ";") {
			name, list, restricted := strings.Cut(u, ":")
			if name == "" {
				return nil, fmt.Errorf("triggers.tsv:%d: empty use", n+1)
			}
			if types, ok := strings.CutPrefix(name, "lift="); ok {
				for _, typ := range strings.Split(types, "+") {
					if !muster.EventType(typ).Valid() {
						return nil, fmt.Errorf("triggers.tsv:%d: lift to %q, not one of DESIGN's event types", n+1, typ)
					}
					t.Lifts = append(t.Lifts, muster.EventType(typ))
				}
				if t.Type == "" || restricted {
					return nil, fmt.Errorf("triggers.tsv:%d: a lifter needs a type and every form", n+1)
				}
				continue
			}
			if !restricted {
				t.uses[name] = nil
				continue
			}
			set := map[string]bool{}
			for _, w := range strings.Split(list, ",") {
				if !forms[w] && name != "key" {
					return nil, fmt.Errorf("triggers.tsv:%d: use %s names %q, not one of the row's forms", n+1, name, w)
				}
				set[w] = true
			}
			t.uses[name] = set
		}
		if err := l.index(t); err != nil {
			return nil, fmt.Errorf("triggers.tsv:%d: %v", n+1, err)
		}
		if _, ok := t.uses["head"]; ok {
			if l.heads[t.Type] != nil {
				return nil, fmt.Errorf("triggers.tsv:%d: a second head for %s", n+1, t.Type)
			}
			l.heads[t.Type] = t
		}
		l.rows = append(l.rows, t)
	}
	return l, nil
}

// index files a row's forms: a lifter's under lifters, a compound's and
// a multi-word report form's under phrases, every other one by form.
func (l *triggerLexicon) index(t *Trigger) error {
	_, compound := t.uses["compound"]
	if compound && (t.Type != "" || len(t.uses) != 1) {
		return fmt.Errorf("a compound %q names a type or has other uses", t.Lemma)
	}
	for _, w := range t.Forms {
		switch {
		case t.Lifts != nil:
			l.lifters = append(l.lifters, phrase{words: strings.Fields(w), row: t})
			continue
		case compound:
			l.addPhrase(w, nil)
			continue
		case strings.Contains(w, " ") && l.readsForm(t, "report", w):
			l.addPhrase(w, t)
		}
		l.byForm[w] = append(l.byForm[w], t)
	}
	return nil
}

func (l *triggerLexicon) readsForm(t *Trigger, use, w string) bool {
	set, ok := t.uses[use]
	return ok && (set == nil || set[w])
}

func (l *triggerLexicon) addPhrase(w string, t *Trigger) {
	words := strings.Fields(w)
	p := l.phrases[words[0]]
	p = append(p, phrase{words: words, row: t})
	sort.SliceStable(p, func(i, j int) bool { return len(p[i].words) > len(p[j].words) })
	l.phrases[words[0]] = p
}

// phraseAt returns the phrase that starts at toks[k] and the indices of
// its words' tokens: a compound before a trigger, then the longest.
func (l *triggerLexicon) phraseAt(toks []wtok, k int) (phrase, []int, bool) {
	ps := l.phrases[toks[k].low]
	for _, compound := range []bool{true, false} {
		for _, p := range ps {
			if (p.row == nil) != compound {
				continue
			}
			if at := p.match(toks, k); at != nil {
				return p, at, true
			}
		}
	}
	return phrase{}, nil, false
}

// lift returns the type, rank and token index a lifter in the sentence
// turns its type into ("air forces struck": an air strike; "small arms
// fire" between forces: a clash), the lexicon's lifters tried in order.
func (l *triggerLexicon) lift(toks []wtok, typ muster.EventType, rank, at int) (muster.EventType, int, int) {
	done := map[*Trigger]bool{}
	for _, p := range l.lifters {
		r := p.row
		if done[r] || !slices.Contains(r.Lifts, typ) {
			continue
		}
		done[r] = true
		for k := range toks {
			for _, q := range l.lifters {
				if q.row == r && toks[k].low == q.words[0] && q.match(toks, k) != nil {
					return r.Type, r.Rank, k
				}
			}
		}
	}
	return typ, rank, at
}

// match returns the indices of the phrase's words from toks[k], or nil.
func (p phrase) match(toks []wtok, k int) []int {
	at := []int{k}
	j := k + 1
	for i := 1; i < len(p.words); i++ {
		w := p.words[i]
		if w == "…" {
			continue
		}
		gap := 0
		if p.words[i-1] == "…" {
			gap = phraseGap
		}
		found := -1
		for g := 0; g <= gap && j+g < len(toks); g++ {
			if toks[j+g].low == w {
				found = j + g
				break
			}
		}
		if found < 0 {
			return nil
		}
		at = append(at, found)
		j = found + 1
	}
	return at
}

// has reports whether use reads the word w (lower case): "a country
// name before a war verb", "a side's fire after its demonym".
func (l *triggerLexicon) has(use, w string) bool {
	return l.row(use, w) != nil
}

// row returns the row whose form w the use reads, or nil.
func (l *triggerLexicon) row(use, w string) *Trigger {
	for _, t := range l.byForm[w] {
		set, ok := t.uses[use]
		if ok && (set == nil || set[w]) {
			return t
		}
	}
	return nil
}

// forms returns every form the use reads.
func (l *triggerLexicon) forms(use string) []string {
	var out []string
	for _, t := range l.rows {
		set, ok := t.uses[use]
		if !ok {
			continue
		}
		for _, w := range t.Forms {
			if set == nil || set[w] {
				out = append(out, w)
			}
		}
	}
	return out
}

// keys returns the substrings one of which a sentence needs for the
// narrative rules to read it.
func (l *triggerLexicon) keys() []string {
	var out []string
	for _, t := range l.rows {
		set, ok := t.uses["key"]
		if !ok {
			continue
		}
		if set == nil {
			out = append(out, t.Forms...)
			continue
		}
		for w := range set {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// alternation is a regexp alternation of the forms, longest first.
func alternation(forms []string) string {
	f := append([]string(nil), forms...)
	sort.Slice(f, func(i, j int) bool {
		if len(f[i]) != len(f[j]) {
			return len(f[i]) > len(f[j])
		}
		return f[i] < f[j]
	})
	for i := range f {
		f[i] = regexp.QuoteMeta(f[i])
	}
	return strings.Join(f, "|")
}

// EventTypeMapping is an event type's ACLED sub-event type, GTD attack
// type and MUC-4 incident type, from the lexicon's head row of the type.
type EventTypeMapping struct {
	ACLED, GTD, MUC4 string
}

// EventTypeMappings returns the mapping of every event type the lexicon
// heads; cmd/muster hands it to eval, which keeps no table of its own.
func EventTypeMappings() map[muster.EventType]EventTypeMapping {
	out := map[muster.EventType]EventTypeMapping{}
	for typ, t := range triggerLex.heads {
		out[typ] = EventTypeMapping{ACLED: t.ACLED, GTD: t.GTD, MUC4: t.MUC4}
	}
	return out
}

// Triggers returns the rows of the trigger lexicon whose form is w (lower
// case), for tools that map a word to its event type.
func Triggers(w string) []Trigger {
	var out []Trigger
	for _, t := range triggerLex.byForm[w] {
		out = append(out, *t)
	}
	return out
}
