package pattern

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Pattern is one compiled dependency pattern.
type Pattern struct {
	// Name identifies the pattern in errors and test failures.
	Name string
	// Meta holds the file's other keys for the pattern ("predicate",
	// "role", …), for the caller to interpret.
	Meta map[string]string
	// Source is the match expression as written.
	Source string
	// Yes and No are the pattern's example sentences.
	Yes, No []Example
	// Slots lists the names the pattern binds, in order of appearance.
	Slots []string

	root *node
}

// Example is an example sentence and, for a positive one, the words each
// named slot must bind (slot → acceptable token texts).
type Example struct {
	Text  string
	Slots map[string][]string
}

type field uint8

const (
	fLemma field = iota
	fWord
	fTag
	fRel
	fEnt
)

var fieldNames = map[string]field{"lemma": fLemma, "word": fWord, "tag": fTag, "rel": fRel, "ent": fEnt}

// constraint is one KEY:VALUE test on a token.
type constraint struct {
	field  field
	negate bool
	set    map[string]bool // alternatives or a list, lower-cased for lemma/word
	prefix []string        // for rel: bare labels that also match subtypes
	re     *regexp.Regexp
}

type opKind uint8

const (
	opChild opKind = iota
	opHead
	opDesc
	opAnc
	opAfter
	opBefore
	opNext
	opPrev
)

// relation leads from a node to another.
type relation struct {
	op       opKind
	labels   []string // empty: any
	optional bool
	negated  bool
	target   *node
}

// group is a sequence of relations; alternatives hold several.
type group struct {
	rels []relation
	alts [][]group // each alternative is a sequence of groups
}

type node struct {
	name  string
	cons  []constraint
	parts []group
}

// Set is a compiled collection of patterns with the word lists they use,
// indexed by their anchors.
type Set struct {
	Patterns []*Pattern
	lists    map[string][]string
	// byLemma, byTag and anyTok index the patterns by their anchor (see
	// index): each holds positions in Patterns, ascending, and each
	// pattern is under exactly one of the three kinds.
	byLemma map[string][]int
	byTag   map[string][]int
	anyTok  []int
}

// List returns the words of the set's list name (a file's "list" line),
// so that code which reads the same words outside a pattern keeps one
// source of truth; nil when there is no such list.
func (s *Set) List(name string) []string { return s.lists[name] }

// ParseFile reads a pattern file (see the package doc). extra supplies word
// lists defined outside the file (a file's own list of the same name wins).
// The error names the file's line.
func ParseFile(name string, r io.Reader, extra map[string][]string) (*Set, error) {
	lists := map[string][]string{}
	for k, v := range extra {
		lists[k] = v
	}
	type raw struct {
		line    int
		p       *Pattern
		match   []string
		lastKey string
	}
	var pats []*raw
	var cur *raw
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		key, rest, _ := strings.Cut(trim, " ")
		rest = strings.TrimSpace(rest)
		switch {
		case !indented && key == "list":
			lname, words, ok := strings.Cut(rest, ":")
			lname = strings.TrimSpace(lname)
			if !ok || lname == "" {
				return nil, fmt.Errorf("%s:%d: want \"list NAME: word word …\"", name, ln)
			}
			lists[lname] = strings.Fields(strings.ReplaceAll(words, ",", " "))
			cur = nil
		case !indented && key == "pattern":
			if rest == "" {
				return nil, fmt.Errorf("%s:%d: a pattern needs a name", name, ln)
			}
			cur = &raw{line: ln, p: &Pattern{Name: rest, Meta: map[string]string{}}}
			pats = append(pats, cur)
		case !indented:
			return nil, fmt.Errorf("%s:%d: unknown line %q (want list, pattern, or an indented key of a pattern)", name, ln, key)
		case cur == nil:
			return nil, fmt.Errorf("%s:%d: indented line outside a pattern", name, ln)
		case key == "match":
			cur.match = append(cur.match, rest)
			cur.lastKey = "match"
		case key == "yes" || key == "no":
			ex, err := parseExample(rest, key == "yes")
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, ln, err)
			}
			if key == "yes" {
				cur.p.Yes = append(cur.p.Yes, ex)
			} else {
				cur.p.No = append(cur.p.No, ex)
			}
			cur.lastKey = key
		case cur.lastKey == "match" && (strings.HasPrefix(trim, "[") || strings.HasPrefix(trim, ">") || strings.HasPrefix(trim, "<") ||
			strings.HasPrefix(trim, "?") || strings.HasPrefix(trim, "!") || strings.HasPrefix(trim, "|") ||
			strings.HasPrefix(trim, "]") || strings.HasPrefix(trim, "(") || strings.HasPrefix(trim, ")") || strings.HasPrefix(trim, ".") || strings.HasPrefix(trim, ",")):
			cur.match = append(cur.match, trim)
		default:
			if _, dup := cur.p.Meta[key]; dup {
				return nil, fmt.Errorf("%s:%d: pattern %s: %s given twice", name, ln, cur.p.Name, key)
			}
			cur.p.Meta[key] = rest
			cur.lastKey = key
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	set := &Set{lists: lists}
	seen := map[string]bool{}
	for _, r := range pats {
		if seen[r.p.Name] {
			return nil, fmt.Errorf("%s:%d: pattern %s defined twice", name, r.line, r.p.Name)
		}
		seen[r.p.Name] = true
		if len(r.match) == 0 {
			return nil, fmt.Errorf("%s:%d: pattern %s has no match line", name, r.line, r.p.Name)
		}
		r.p.Source = strings.Join(r.match, " ")
		root, slots, err := compile(r.p.Source, lists)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: pattern %s: %w", name, r.line, r.p.Name, err)
		}
		r.p.root, r.p.Slots = root, slots
		for _, ex := range r.p.Yes {
			for s := range ex.Slots {
				if !slices.Contains(slots, s) {
					return nil, fmt.Errorf("%s:%d: pattern %s: example names slot %q, which the pattern does not bind", name, r.line, r.p.Name, s)
				}
			}
		}
		set.Patterns = append(set.Patterns, r.p)
	}
	set.index()
	return set, nil
}

// Compile returns a Set of one pattern, for callers that build patterns in
// code (tests, tools).
func Compile(name, expr string, lists map[string][]string) (*Set, error) {
	root, slots, err := compile(expr, lists)
	if err != nil {
		return nil, fmt.Errorf("pattern %s: %w", name, err)
	}
	s := &Set{lists: lists, Patterns: []*Pattern{{Name: name, Source: expr, Meta: map[string]string{}, Slots: slots, root: root}}}
	s.index()
	return s, nil
}

// parseExample reads "sentence => slot=word slot=word|word".
func parseExample(s string, positive bool) (Example, error) {
	text, binds, has := strings.Cut(s, "=>")
	ex := Example{Text: strings.TrimSpace(text)}
	if ex.Text == "" {
		return ex, fmt.Errorf("empty example sentence")
	}
	if !has {
		return ex, nil
	}
	if !positive {
		return ex, fmt.Errorf("a negative example binds no slots")
	}
	ex.Slots = map[string][]string{}
	for _, b := range strings.Fields(binds) {
		k, v, ok := strings.Cut(b, "=")
		if !ok || k == "" || v == "" {
			return ex, fmt.Errorf("want slot=word in %q", b)
		}
		ex.Slots[k] = strings.Split(v, "|")
	}
	return ex, nil
}

// index files each pattern under its anchor's lemmas, or its tags, or as
// matching any token.
func (s *Set) index() {
	s.byLemma, s.byTag, s.anyTok = map[string][]int{}, map[string][]int{}, nil
	for i, p := range s.Patterns {
		if l := anchorValues(p.root, fLemma); l != nil {
			for _, v := range l {
				s.byLemma[v] = append(s.byLemma[v], i)
			}
		} else if t := anchorValues(p.root, fTag); t != nil {
			for _, v := range t {
				s.byTag[v] = append(s.byTag[v], i)
			}
		} else {
			s.anyTok = append(s.anyTok, i)
		}
	}
}

// anchorValues returns the values of the root's first positive set
// constraint on f, sorted, or nil.
func anchorValues(n *node, f field) []string {
	for _, c := range n.cons {
		if c.field == f && !c.negate && c.set != nil {
			out := make([]string, 0, len(c.set))
			for v := range c.set {
				out = append(out, v)
			}
			sort.Strings(out)
			return out
		}
	}
	return nil
}

// lexer over a match expression.
type lexer struct {
	src   string
	pos   int
	lists map[string][]string
	slots []string
}

func (l *lexer) errf(format string, a ...any) error {
	return fmt.Errorf("at %d in %q: %s", l.pos, l.src, fmt.Sprintf(format, a...))
}

func (l *lexer) skip() {
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t') {
		l.pos++
	}
}

func (l *lexer) peek() byte {
	l.skip()
	if l.pos < len(l.src) {
		return l.src[l.pos]
	}
	return 0
}

func compile(expr string, lists map[string][]string) (*node, []string, error) {
	l := &lexer{src: expr, lists: lists}
	n, err := l.node(true)
	if err != nil {
		return nil, nil, err
	}
	if l.peek() != 0 {
		return nil, nil, l.errf("unexpected %q", l.src[l.pos:])
	}
	return n, l.slots, nil
}

// node := '{' constraints '}' ['=' name] [relations], the relations read
// only when rels is set.
func (l *lexer) node(rels bool) (*node, error) {
	if l.peek() != '{' {
		return nil, l.errf("want '{' to start a node")
	}
	l.pos++
	end := closingBrace(l.src[l.pos:])
	if end < 0 {
		return nil, l.errf("unclosed '{'")
	}
	body := l.src[l.pos : l.pos+end]
	l.pos += end + 1
	n := &node{}
	for _, part := range strings.Split(body, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		c, err := l.constraint(part)
		if err != nil {
			return nil, err
		}
		n.cons = append(n.cons, c)
	}
	if l.pos < len(l.src) && l.src[l.pos] == '=' {
		l.pos++
		st := l.pos
		for l.pos < len(l.src) && isNameByte(l.src[l.pos]) {
			l.pos++
		}
		if st == l.pos {
			return nil, l.errf("want a name after '='")
		}
		n.name = l.src[st:l.pos]
		if !slices.Contains(l.slots, n.name) {
			l.slots = append(l.slots, n.name)
		}
	}
	if !rels {
		return n, nil
	}
	parts, err := l.groups()
	if err != nil {
		return nil, err
	}
	n.parts = parts
	return n, nil
}

// closingBrace returns the index of the '}' that closes a node's
// constraints, skipping braces inside /regular expressions/, or -1.
func closingBrace(s string) int {
	inRe := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			inRe = !inRe
		case '}':
			if !inRe {
				return i
			}
		}
	}
	return -1
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// groups reads relations and alternatives until ')', ']', '|' or the end.
func (l *lexer) groups() ([]group, error) {
	var out []group
	for {
		switch c := l.peek(); c {
		case 0, ')', ']', '|':
			return out, nil
		case '[':
			l.pos++
			var alts [][]group
			for {
				g, err := l.groups()
				if err != nil {
					return nil, err
				}
				if len(g) == 0 {
					return nil, l.errf("empty alternative")
				}
				alts = append(alts, g)
				c := l.peek()
				if c == '|' {
					l.pos++
					continue
				}
				if c == ']' {
					l.pos++
					break
				}
				return nil, l.errf("want '|' or ']'")
			}
			out = append(out, group{alts: alts})
		default:
			r, err := l.relation()
			if err != nil {
				return nil, err
			}
			out = append(out, group{rels: []relation{r}})
		}
	}
}

// relation := ['?'|'!'] op [labels] (node | '(' node ')')
func (l *lexer) relation() (relation, error) {
	var r relation
	switch l.peek() {
	case '?':
		r.optional = true
		l.pos++
	case '!':
		r.negated = true
		l.pos++
	}
	s := l.src[l.pos:]
	switch {
	case strings.HasPrefix(s, ">>"):
		r.op, l.pos = opDesc, l.pos+2
	case strings.HasPrefix(s, "<<"):
		r.op, l.pos = opAnc, l.pos+2
	case strings.HasPrefix(s, ".."):
		r.op, l.pos = opAfter, l.pos+2
	case strings.HasPrefix(s, ",,"):
		r.op, l.pos = opBefore, l.pos+2
	case strings.HasPrefix(s, ">"):
		r.op, l.pos = opChild, l.pos+1
	case strings.HasPrefix(s, "<"):
		r.op, l.pos = opHead, l.pos+1
	case strings.HasPrefix(s, "."):
		r.op, l.pos = opNext, l.pos+1
	case strings.HasPrefix(s, ","):
		r.op, l.pos = opPrev, l.pos+1
	default:
		return r, l.errf("want a relation (>, <, >>, <<, ., .., ,, ,)")
	}
	if r.op == opChild || r.op == opHead {
		st := l.pos
		for l.pos < len(l.src) && (isNameByte(l.src[l.pos]) || l.src[l.pos] == ':' || l.src[l.pos] == '|') {
			l.pos++
		}
		if st < l.pos {
			r.labels = strings.Split(l.src[st:l.pos], "|")
			for _, lb := range r.labels {
				if lb == "" {
					return r, l.errf("empty relation label")
				}
			}
		}
	}
	if l.peek() == '(' {
		l.pos++
		n, err := l.node(true)
		if err != nil {
			return r, err
		}
		if l.peek() != ')' {
			return r, l.errf("want ')'")
		}
		l.pos++
		r.target = n
		return r, nil
	}
	// A bare node takes no relations of its own: those that follow belong
	// to the node before the relation.
	n, err := l.node(false)
	if err != nil {
		return r, err
	}
	r.target = n
	return r, nil
}

func (l *lexer) constraint(part string) (constraint, error) {
	var c constraint
	if strings.HasPrefix(part, "!") {
		c.negate = true
		part = strings.TrimSpace(part[1:])
	}
	k, v, ok := strings.Cut(part, ":")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	f, known := fieldNames[k]
	if !ok || !known {
		return c, l.errf("constraint %q: want lemma:, word:, tag:, rel: or ent: and a value", part)
	}
	c.field = f
	switch {
	case v == "":
		return c, l.errf("constraint %q has no value", part)
	case strings.HasPrefix(v, "/") && strings.HasSuffix(v, "/") && len(v) >= 2:
		re, err := regexp.Compile("^(?:" + v[1:len(v)-1] + ")$")
		if err != nil {
			return c, l.errf("constraint %q: %v", part, err)
		}
		c.re = re
	case strings.HasPrefix(v, "@"):
		words, ok := l.lists[v[1:]]
		if !ok {
			return c, l.errf("constraint %q: no word list %q", part, v[1:])
		}
		c.set = makeSet(f, words)
	default:
		c.set = makeSet(f, strings.Split(v, "|"))
	}
	if f == fRel && c.set != nil {
		for v := range c.set {
			if !strings.Contains(v, ":") {
				c.prefix = append(c.prefix, v)
			}
		}
		sort.Strings(c.prefix)
	}
	return c, nil
}

func makeSet(f field, words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		if f == fLemma || f == fWord {
			w = strings.ToLower(w)
		}
		if w != "" {
			m[w] = true
		}
	}
	return m
}
