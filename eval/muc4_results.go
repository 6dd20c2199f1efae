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
	b, err := unixz.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("muc4 results %s: %w", name, err)
	}
	out := map[string]map[string]SlotCount{}
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("muc4 results %s: %w", name, err)
		}
		if h.Typeflag != tar.TypeReg || !strings.HasPrefix(path.Base(h.Name), "scores.") {
			continue
		}
		sys := path.Dir(h.Name)
		slots, err := parseMUC4ScoreFile(tr, name+":"+h.Name)
		if err != nil {
			return nil, err
		}
		out[sys] = slots
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("muc4 results %s: no score files", name)
	}
	return out, nil
}

// ReadMUC4Responses reads the 1992 participants' response templates from
// a response-templates.*.tar.Z archive: for each system, its templates in
// the key format. name is used in errors.
func ReadMUC4Responses(r io.Reader, name string) (map[string][]MUC4Key, error) {
	b, err := unixz.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("muc4 responses %s: %w", name, err)
	}
	out := map[string][]MUC4Key{}
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("muc4 responses %s: %w", name, err)
		}
		if h.Typeflag != tar.TypeReg || !strings.HasPrefix(path.Base(h.Name), "response.") || path.Dir(h.Name) == "." {
			continue
		}
		keys, err := ReadMUC4Keys(tr, name+":"+h.Name)
		if err != nil {
			return nil, err
		}
		out[path.Dir(h.Name)] = keys
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("muc4 responses %s: no response files", name)
	}
	return out, nil
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
