package eval_test

import (
	"strings"
	"testing"

	"github.com/muster-osint/muster/eval"
)

func TestReadQuestions(t *testing.T) {
	qs, err := eval.ReadQuestions("q.tsv", strings.NewReader("# c\nWho leads X?\tA|B\nHow big is X?\t-\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || len(qs[0].Answers) != 2 || !qs[1].Unknown() {
		t.Errorf("questions = %+v", qs)
	}
	if _, err := eval.ReadQuestions("q.tsv", strings.NewReader("Who leads X?\n")); err == nil || !strings.Contains(err.Error(), "q.tsv:1") {
		t.Errorf("a line without answers gave %v, want an error naming q.tsv:1", err)
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name string
		q    eval.Question
		r    eval.Reply
		want bool
	}{
		{"entity by alias", eval.Question{Answers: []string{"UAE"}}, eval.Reply{Names: [][]string{{"United Arab Emirates", "UAE"}}}, true},
		{"value words", eval.Question{Answers: []string{"jihadist"}}, eval.Reply{Names: [][]string{{"Boko Haram"}}, Values: []string{"a jihadist group"}}, true},
		{"wrong entity", eval.Question{Answers: []string{"Iran"}}, eval.Reply{Names: [][]string{{"Iraq"}}}, false},
		{"no answer to a known question", eval.Question{Answers: []string{"Iran"}}, eval.Reply{}, false},
		{"unknown, and muster says so", eval.Question{}, eval.Reply{}, true},
		{"unknown, and muster invents", eval.Question{}, eval.Reply{Names: [][]string{{"Zambada"}}}, false},
	}
	for _, tc := range tests {
		if got := eval.Judge(tc.q, tc.r); got != tc.want {
			t.Errorf("%s: Judge = %v, want %v", tc.name, got, tc.want)
		}
	}
}
