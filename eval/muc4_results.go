package eval

import (
	"archive/tar"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/muster-osint/muster/eval/internal/unixz"
)

// MUC4Systems are the 1992 systems printed beside muster by default: the
// five best on TST3 and TST4 (../shared/data/muc4/README.md).
var MUC4Systems = []string{"GE", "GE-CMU", "UMASS", "SRI", "NYU"}

// ReadMUC4Results reads the 1992 participants' official scores from a
// scores-pass1.*.tar.Z archive (raw/results/TST3 or TST4): for each system
// (the archive's folder names), the counts of every slot in its "TOTAL
// SLOT SCORES" table. The figures are read at run time and never copied.
// name is used in errors.
func ReadMUC4Results(r io.Reader, name string) (map[string]map[string]SlotCount, error) {
	out := map[string]map[string]SlotCount{}
	err := eachMUC4Member(r, name, "scores", func(sys string, f io.Reader, member string) error {
		slots, err := parseMUC4ScoreFile(f, member)
		out[sys] = slots
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("muc4 results %s: %w", name, err)
	}
	return out, nil
}

// ReadMUC4Responses reads the 1992 participants' response templates from
// a response-templates.*.tar.Z archive: for each system, its templates in
// the key format. name is used in errors.
func ReadMUC4Responses(r io.Reader, name string) (map[string][]MUC4Key, error) {
	out := map[string][]MUC4Key{}
	err := eachMUC4Member(r, name, "response", func(sys string, f io.Reader, member string) error {
		keys, err := ReadMUC4Keys(f, member)
		out[sys] = keys
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("muc4 responses %s: %w", name, err)
	}
	return out, nil
}

// eachMUC4Member calls fn for every regular member of a .tar.Z archive of
// the 1992 results whose name marks it as one system's file of the kind
// ("scores", "response"), with the member's name for errors; an archive
// with no such member is an error.
func eachMUC4Member(r io.Reader, name, kind string, fn func(sys string, f io.Reader, member string) error) error {
	b, err := unixz.ReadAll(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(bytes.NewReader(b))
	n := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		sys := muc4System(h.Name, kind)
		if h.Typeflag != tar.TypeReg || sys == "" {
			continue
		}
		if err := fn(sys, tr, name+":"+h.Name); err != nil {
			return err
		}
		n++
	}
	if n == 0 {
		return fmt.Errorf("no %s files", kind)
	}
	return nil
}

// muc4System names the system of an archive member, or "" for a member
// that is not of the given kind ("scores" or "response"): TST3's archives
// hold GE/scores.tst3-pass1.nrad, TST4's ge-scores-pass1.tst4.nrad.
func muc4System(name, kind string) string {
	base := path.Base(name)
	if dir := path.Dir(name); dir != "." && strings.HasPrefix(base, kind+".") {
		return dir
	}
	if i := strings.Index(base, "-"+kind); i > 0 {
		return strings.ToUpper(base[:i])
	}
	return ""
}

// parseMUC4ScoreFile reads the slot rows after "TOTAL SLOT SCORES":
// "inc-type  114 122| 87 3 0| 0 0| 32 24 0| 78 72 26 4" (POS ACT | COR PAR
// INC | ICR IPA | SPU MIS NON | REC PRE OVG FAL).
func parseMUC4ScoreFile(r io.Reader, name string) (map[string]SlotCount, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	in := false
	out := map[string]SlotCount{}
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.Contains(s, "TOTAL SLOT SCORES") {
			in, out = true, map[string]SlotCount{}
			continue
		}
		if !in || !strings.Contains(s, "|") {
			continue
		}
		f := strings.Fields(strings.ReplaceAll(s, "|", " "))
		if len(f) < 6 || f[0] == "SLOT" {
			continue
		}
		// Row names may have spaces ("ALL TEMPLATES"): the five counts
		// follow the name.
		i := 0
		for i < len(f) && !isNumber(f[i]) {
			i++
		}
		if i == 0 || i+4 >= len(f) {
			continue
		}
		var n [4]float64
		for j, k := range []int{0, 1, 2, 3} {
			if f[i+k] == "*" { // not applicable (TEXT FILTERING's PAR)
				continue
			}
			v, err := strconv.ParseFloat(f[i+k], 64)
			if err != nil {
				return nil, fmt.Errorf("muc4 results %s line %d: %q: %w", name, line, s, err)
			}
			n[j] = v
		}
		out[strings.Join(f[:i], " ")] = SlotCount{POS: n[0], ACT: n[1], COR: n[2], PAR: n[3]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("muc4 results %s: %w", name, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("muc4 results %s: no TOTAL SLOT SCORES table", name)
	}
	return out, nil
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// SumSlots adds the counts of the named slots: a system's figure over the
// slots muster fills.
func SumSlots(slots map[string]SlotCount, names []string) SlotCount {
	var c SlotCount
	for _, n := range names {
		c.add(slots[n])
	}
	return c
}
