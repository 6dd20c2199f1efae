package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/muster-osint/muster"
)

// Question is one analyst question with the answers that count as right:
// an answer entity's name or alias, or words of a value in the claims
// behind an answer. No answers means the articles do not say, and the right
// reply is that muster does not know (issue 11 item 4).
type Question struct {
	Text    string
	Answers []string
	Line    int
}

// Unknown reports whether the right reply is "not known".
func (q Question) Unknown() bool { return len(q.Answers) == 0 }

// ReadQuestions reads a question file: "question<TAB>answer|answer", or
// "-" for a question whose right reply is that muster does not know; "#"
// starts a comment line.
func ReadQuestions(name string, r io.Reader) ([]Question, error) {
	var out []Question
	sc := bufio.NewScanner(r)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, a, ok := strings.Cut(line, "\t")
		q, a = strings.TrimSpace(q), strings.TrimSpace(a)
		if !ok || q == "" || a == "" {
			return nil, fmt.Errorf("%s:%d: want QUESTION<tab>ANSWER|ANSWER or -", name, ln)
		}
		qq := Question{Text: q, Line: ln}
		if a != "-" {
			for _, x := range strings.Split(a, "|") {
				if x = strings.TrimSpace(x); x != "" {
					qq.Answers = append(qq.Answers, x)
				}
			}
		}
		out = append(out, qq)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Reply is what muster answered, as the judge needs it: for each answer
// entity every name it is known by, and the values of the claims behind
// it.
type Reply struct {
	Names  [][]string
	Values []string
}

// Judge reports whether r answers q rightly: a question with answers is
// answered when some answer entity is called by one of them, or some value
// behind an answer contains one; an unknown one when muster gives no
// answer.
func Judge(q Question, r Reply) bool {
	if q.Unknown() {
		return len(r.Names) == 0
	}
	for _, want := range q.Answers {
		k := muster.NameKey(want)
		for _, ns := range r.Names {
			for _, n := range ns {
				if muster.NameKey(n) == k {
					return true
				}
			}
		}
		for _, v := range r.Values {
			if strings.Contains(muster.NameKey(v), k) {
				return true
			}
		}
	}
	return false
}
