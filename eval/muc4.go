package eval

// MUC-4 template scoring (issue 10 item 4): the raw MUC-4 answer keys are
// read as they were distributed (../shared/data/muc4/raw), muster's events
// in each text are written as templates, and both are scored slot by slot
// after the MUC-4 scoring guidelines (raw/results/scoring-guidelines.v7),
// as far as an automatic scorer can follow them. Conventions, stated once:
//
//   - Slots scored: the ones muster fills — inc-date, inc-loc, inc-type,
//     perp-ind-id, perp-org-id, phys-tgt-id, hum-tgt-name, hum-tgt-desc,
//     hum-tgt-effect (the 1992 score files' names). overall sums their
//     counts, and the 1992 systems' figures are summed over the same slots.
//   - Counting is MUC's "ALL TEMPLATES" row: a key template no response maps
//     to counts its fills as missing, a response template that maps to no
//     key (a text whose key is "*" has none) counts its fills as spurious.
//     Recall = (COR + PAR/2) / POS, precision = (COR + PAR/2) / ACT. An
//     optional fill ("?") counts in POS only when it is matched.
//   - Template mapping: a response may map to a key when their incident
//     types match at least partly, the mapping the guidelines say must be
//     permitted (§3.2.1); pairs are taken best total score first.
//   - String fills (§3.1.1) match any listed alternative ("/"). Both sides
//     are upper-cased and lose punctuation and nonessential modifiers
//     (articles, numbers and quantifiers, nationality adjectives):
//     equal is correct; one word set inside the other with the same head
//     noun ("TORRES" / "ALBERTO ROBERTO TORRES") is partial. The interactive
//     judgements of 1992 ("urban terrorists" for "urban guerrillas") are not
//     made.
//   - inc-type: equal is correct; ATTACK for any other type is partial
//     (§3.2.4). hum-tgt-effect: equal is correct, less information than the
//     key ("NO DEATH" for "NO INJURY OR DEATH") partial (§3.2.23); the
//     cross-reference tag is not compared.
//   - inc-date (§3.2.2): equal is correct; a date inside the key's range,
//     or before its upper anchor for a default fill "- D", is partial.
//   - inc-loc (§3.2.3): the response's most specific place equal to the
//     key's most specific, in the same country, is correct; the right
//     country alone, or a place the key names less specifically, partial.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// MUC4Slots are the slots scored, in the 1992 score files' order.
var MUC4Slots = []string{"inc-date", "inc-loc", "inc-type", "perp-ind-id", "perp-org-id", "phys-tgt-id", "hum-tgt-name", "hum-tgt-desc", "hum-tgt-effect"}

// muc4KeySlots maps a key's slot number to the slot scored.
var muc4KeySlots = map[int]string{2: "inc-date", 3: "inc-loc", 4: "inc-type", 9: "perp-ind-id", 10: "perp-org-id", 12: "phys-tgt-id", 18: "hum-tgt-name", 19: "hum-tgt-desc", 23: "hum-tgt-effect"}

// MUC4Text is one message: its id, its text and the date of its dateline.
type MUC4Text struct {
	ID        string
	Text      string
	Published time.Time // zero when the dateline has no date ("NO DATE")
}

// muc4ID matches a message id line: "TST3-MUC4-0001", "DEV-MUC3-0001 (NOSC)".
var muc4ID = regexp.MustCompile(`^((?:DEV|TST\d)-MUC[34]-\d{4})(?:\s+\([A-Z .]+\))?\s*$`)

// muc4Dateline finds the date of a dateline: "SAN SALVADOR, 3 JAN 90 --".
var muc4Dateline = regexp.MustCompile(`(?i)\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2})\b`)

// ReadMUC4Texts reads a MUC-3/4 text file: messages each opened by an id
// line, the dateline in the first paragraph. name is used in errors.
func ReadMUC4Texts(r io.Reader, name string) ([]MUC4Text, error) {
	var (
		out  []MUC4Text
		cur  *MUC4Text
		body strings.Builder
	)
	flush := func() {
		if cur != nil {
			cur.Text = strings.TrimSpace(body.String()) + "\n"
			if i := strings.Index(cur.Text, "--"); i > 0 {
				if m := muc4Dateline.FindStringSubmatch(cur.Text[:i]); m != nil {
					cur.Published, _ = time.Parse("2 Jan 06", m[1]+" "+m[2][:1]+strings.ToLower(m[2][1:])+" "+m[3])
				}
			}
			out = append(out, *cur)
		}
		body.Reset()
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := muc4ID.FindStringSubmatch(line); m != nil {
			flush()
			cur = &MUC4Text{ID: m[1]}
			continue
		}
		if cur == nil {
			if strings.TrimSpace(line) != "" {
				return nil, fmt.Errorf("muc4 texts %s: text before the first message id: %q", name, truncate(line, 60))
			}
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("muc4 texts %s: %w", name, err)
	}
	flush()
	if len(out) == 0 {
		return nil, fmt.Errorf("muc4 texts %s: no messages", name)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// MUC4Fill is one filler of a slot: its alternatives (upper case, without
// quotes or cross-reference tags), and whether the key marks it optional.
type MUC4Fill struct {
	Alts     []string
	Optional bool
	// Refs are the alternatives of a set fill's cross-reference tag
	// (DEATH: "JESUITS" refers to the human target "JESUITS").
	Refs []string
}

// MUC4Template is one incident: the fills of each scored slot.
type MUC4Template map[string][]MUC4Fill

// MUC4Key is one message's answer key: its templates, none for a text with
// no relevant incident ("*").
type MUC4Key struct {
	ID        string
	Templates []MUC4Template
}

// optionalSlot marks a template the key makes optional ("1 (OPTIONAL)"):
// it counts only when a response maps to it.
const optionalSlot = "optional"

// Optional reports whether the key marks t optional.
func (t MUC4Template) Optional() bool { return len(t[optionalSlot]) > 0 }

// muc4SlotLine matches a numbered slot line: "19. HUM TGT: DESCRIPTION  …".
var muc4SlotLine = regexp.MustCompile(`^(\d+)\.\s+([A-Z][A-Z ]*: [A-Z][A-Z ]*?)(?:\s{2,}(.*))?$`)

// ReadMUC4Keys reads a MUC-4 answer-key file, in message order; a message
// with several templates gives one key with several. name is used in
// errors.
func ReadMUC4Keys(r io.Reader, name string) ([]MUC4Key, error) {
	var (
		keys   []MUC4Key
		tmpl   MUC4Template
		id     string
		slot   string // the scored slot the current lines continue, or ""
		number int
		star   bool
	)
	flush := func() {
		if id == "" {
			return
		}
		if len(keys) == 0 || keys[len(keys)-1].ID != id {
			keys = append(keys, MUC4Key{ID: id})
		}
		if !star {
			keys[len(keys)-1].Templates = append(keys[len(keys)-1].Templates, tmpl)
		}
		id, tmpl, star = "", nil, false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), " \t\r")
		if strings.HasPrefix(s, ";") {
			continue
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		val := ""
		if m := muc4SlotLine.FindStringSubmatch(s); m != nil {
			fmt.Sscan(m[1], &number)
			val = strings.TrimSpace(m[3])
			switch number {
			case 0:
				flush()
				id = val
				if i := strings.IndexByte(id, ' '); i > 0 {
					id = id[:i] // "DEV-MUC3-0001 (NCCOSC)"
				}
				if id == "" {
					return nil, fmt.Errorf("muc4 key %s line %d: empty message id", name, line)
				}
				tmpl = MUC4Template{}
				slot = ""
				continue
			}
			if id == "" {
				return nil, fmt.Errorf("muc4 key %s line %d: slot before a message id", name, line)
			}
			if number == 1 {
				star = val == "*"
				if strings.Contains(val, "(OPTIONAL)") {
					tmpl[optionalSlot] = []MUC4Fill{{Alts: []string{"OPTIONAL"}}}
				}
			}
			slot = muc4KeySlots[number]
		} else if id != "" {
			// Another filler of the same slot, indented in the keys, not
			// always in the 1992 responses.
			val = strings.TrimSpace(s)
		} else {
			return nil, fmt.Errorf("muc4 key %s line %d: not a slot line: %q", name, line, truncate(s, 60))
		}
		if slot == "" || val == "" || val == "-" || val == "*" {
			continue
		}
		f := parseMUC4Fill(slot, val)
		if len(f.Alts) > 0 {
			tmpl[slot] = append(tmpl[slot], f)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("muc4 key %s: %w", name, err)
	}
	flush()
	if len(keys) == 0 {
		return nil, fmt.Errorf("muc4 key %s: no messages", name)
	}
	return keys, nil
}

// muc4Token is one piece of a filler line: a quoted string or plain text.
type muc4Token struct {
	text   string
	quoted bool
}

// tokenizeMUC4 splits a filler line into quoted strings (with \" escapes)
// and the plain text between them.
func tokenizeMUC4(s string) []muc4Token {
	var out []muc4Token
	var plain strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			plain.WriteByte(s[i])
			continue
		}
		if plain.Len() > 0 {
			out = append(out, muc4Token{text: plain.String()})
			plain.Reset()
		}
		var q strings.Builder
		for i++; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
				q.WriteByte(s[i])
				continue
			}
			if s[i] == '"' {
				break
			}
			q.WriteByte(s[i])
		}
		// An unclosed quote (a few dev keys have one: INJURY: "16 OTHERS /
		// "OTHERS") runs to the end of the line.
		out = append(out, muc4Token{text: q.String(), quoted: true})
	}
	if plain.Len() > 0 {
		out = append(out, muc4Token{text: plain.String()})
	}
	return out
}

// parseMUC4Fill reads one filler line of a scored slot.
func parseMUC4Fill(slot, val string) MUC4Fill {
	var f MUC4Fill
	if rest, ok := strings.CutPrefix(val, "?"); ok {
		f.Optional, val = true, strings.TrimSpace(rest)
	}
	toks := tokenizeMUC4(val)
	switch slot {
	case "perp-ind-id", "perp-org-id", "phys-tgt-id", "hum-tgt-name", "hum-tgt-desc":
		// Quoted alternatives, up to a cross-reference tag after ":".
		for _, t := range toks {
			if !t.quoted {
				if strings.Contains(t.text, ":") {
					break
				}
				continue
			}
			if a := strings.TrimSpace(t.text); a != "" && a != "-" {
				f.Alts = append(f.Alts, a)
			}
		}
	case "inc-type", "hum-tgt-effect":
		// Set values before the cross-reference tag.
		set := val
		if len(toks) > 0 && !toks[0].quoted {
			set = toks[0].text
		}
		set, _, _ = strings.Cut(set, ":")
		for _, a := range strings.Split(set, "/") {
			if a = strings.TrimSpace(a); a != "" && a != "-" {
				f.Alts = append(f.Alts, a)
			}
		}
		for _, t := range toks {
			if t.quoted && strings.TrimSpace(t.text) != "" && t.text != "-" {
				f.Refs = append(f.Refs, strings.TrimSpace(t.text))
			}
		}
	default: // inc-date, inc-loc: alternatives separated by " / "
		for _, a := range splitOutside(val, " / ") {
			a = strings.TrimSpace(a)
			if strings.HasPrefix(a, "(") && strings.HasSuffix(a, ")") && slot == "inc-date" {
				a = strings.TrimSpace(a[1 : len(a)-1])
			}
			if a != "" && a != "-" {
				f.Alts = append(f.Alts, a)
			}
		}
	}
	return f
}

// splitOutside splits s at sep where sep is outside parentheses:
// "COLOMBIA: URABA (REGION / CITY)" is one alternative.
func splitOutside(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(':
			depth++
		case s[i] == ')' && depth > 0:
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			out = append(out, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(out, s[start:])
}

// upperKey normalises a filler for comparison: upper case, letters and
// digits only, single spaces.
func upperKey(s string) string {
	var b bytes.Buffer
	space := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '.':
		default:
			space = true
		}
	}
	return b.String()
}
