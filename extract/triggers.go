package extract

import (
	_ "embed"
	"fmt"
	"regexp"
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
	uses  map[string]map[string]bool // use -> forms (nil: every form)
}

// triggerLexicon indexes the rows by surface form.
type triggerLexicon struct {
	rows   []*Trigger
	byForm map[string][]*Trigger
	heads  map[muster.EventType]*Trigger
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
	l := &triggerLexicon{byForm: map[string][]*Trigger{}, heads: map[muster.EventType]*Trigger{}}
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
		forms := map[string]bool{}
		for _, w := range t.Forms {
			forms[w] = true
			l.byForm[w] = append(l.byForm[w], t)
		}
		for _, u := range strings.Split(f[7], ";") {
			name, list, restricted := strings.Cut(u, ":")
			if name == "" {
				return nil, fmt.Errorf("triggers.tsv:%d: empty use", n+1)
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
// heads; eval may read it in place of tables of its own.
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
