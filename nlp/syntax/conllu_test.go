package syntax

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestReadCoNLLU(t *testing.T) {
	f, err := os.Open("testdata/mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := ReadCoNLLU(f, "mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("%d sentences, want 2", len(ss))
	}
	s := ss[0]
	if s.Text != "I don't like U.S.-backed plans." || s.ID != "a-1" {
		t.Errorf("text %q id %q", s.Text, s.ID)
	}
	if len(s.Words) != 9 {
		t.Fatalf("%d words, want 9 (the empty node skipped)", len(s.Words))
	}
	for _, tc := range []struct {
		i          int
		form       string
		start, end int
		head       int
		rel, lemma string
	}{
		{1, "do", 2, 4, 3, "aux", "do"},
		{2, "n't", 4, 7, 3, "advmod", "not"},
		{3, "like", 8, 12, -1, "root", "like"},
		{4, "U.S.", 13, 17, 6, "obl:npmod", "U.S."},
		{6, "backed", 18, 24, 7, "amod", "back"},
		{8, ".", 30, 31, 3, "punct", "."},
	} {
		w := s.Words[tc.i]
		if w.Form != tc.form || w.Start != tc.start || w.End != tc.end || w.Head != tc.head || w.Rel != tc.rel || w.Lemma != tc.lemma {
			t.Errorf("word %d = %+v, want %+v", tc.i, w, tc)
		}
		if s.Text[w.Start:w.End] != w.Form {
			t.Errorf("word %d span %q, form %q", tc.i, s.Text[w.Start:w.End], w.Form)
		}
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"columns", "1\tx\tx\tX\n", "10 tab-separated"},
		{"sequence", "2\tx\tx\tX\t_\t_\t0\troot\t_\t_\n", "out of sequence"},
		{"head", "1\tx\tx\tX\t_\t_\tz\troot\t_\t_\n", "bad head"},
		{"head outside", "1\tx\tx\tX\t_\t_\t5\troot\t_\t_\n\n", "outside the sentence"},
		{"mwt", "1-a\tx\t_\t_\t_\t_\t_\t_\t_\t_\n", "multiword"},
		{"empty form", "1\t\tx\tX\t_\t_\t0\troot\t_\t_\n", "empty form"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCoNLLU(strings.NewReader(tc.in), "bad.conllu")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "bad.conllu") {
				t.Errorf("error %v, want one naming bad.conllu and saying %q", err, tc.want)
			}
		})
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	data, _ := os.ReadFile("testdata/mini.conllu")
	f.Add(string(data))
	f.Add("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, err := ReadCoNLLU(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range ss {
			for _, w := range s.Words {
				if w.Start < 0 || w.End > len(s.Text) || w.Start > w.End {
					t.Fatalf("word %+v outside text %q", w, s.Text)
				}
				if w.Head < -1 || w.Head >= len(s.Words) {
					t.Fatalf("head %d outside %d words", w.Head, len(s.Words))
				}
			}
		}
	})
}

func TestProject(t *testing.T) {
	f, err := os.Open("testdata/mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := ReadCoNLLU(f, "mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	s := ss[0] // I don't like U.S.-backed plans.
	type want struct{ form, upos, rel, head, lemma string }
	tests := []struct {
		name string
		toks [][2]int
		ok   bool
		want []want
	}{
		{"segment's tokens: don't and U.S.-backed whole", [][2]int{{0, 1}, {2, 7}, {8, 12}, {13, 24}, {25, 30}, {30, 31}}, true, []want{
			{"I", "PRON", "nsubj", "like", "I"},
			{"don't", "AUX", "aux", "like", "do"},
			{"like", "VERB", "root", "", "like"},
			{"U.S.-backed", "ADJ", "amod", "plans", "u.s.-back"},
			{"plans", "NOUN", "obj", "like", "plan"},
			{".", "PUNCT", "punct", "like", "."},
		}},
		{"a word split in two", [][2]int{{0, 1}, {2, 7}, {8, 10}, {10, 12}, {13, 17}, {17, 18}, {18, 24}, {25, 30}, {30, 31}}, true, []want{
			{"I", "PRON", "nsubj", "li", "I"},
			{"don't", "AUX", "aux", "li", "do"},
			{"li", "VERB", "root", "", "like"},
			{"ke", "X", "goeswith", "li", "ke"},
			{"U.S.", "PROPN", "obl:npmod", "backed", "U.S."},
			{"-", "PUNCT", "punct", "backed", "-"},
			{"backed", "VERB", "amod", "plans", "back"},
			{"plans", "NOUN", "obj", "li", "plan"},
			{".", "PUNCT", "punct", "li", "."},
		}},
		{"crossing", [][2]int{{0, 1}, {2, 5}, {5, 10}, {10, 12}, {13, 24}, {25, 31}}, false, nil},
		{"a token over no word", [][2]int{{0, 1}, {1, 2}}, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := Project(s, tc.toks)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if len(p.Words) != len(tc.want) {
				t.Fatalf("%d words, want %d", len(p.Words), len(tc.want))
			}
			for i, w := range p.Words {
				head := ""
				if w.Head >= 0 {
					head = p.Words[w.Head].Form
				}
				got := want{w.Form, w.UPOS, w.Rel, head, w.Lemma}
				if got != tc.want[i] {
					t.Errorf("word %d = %+v, want %+v", i, got, tc.want[i])
				}
			}
		})
	}
}

// TestWriteCoNLLURoundTrip writes the sentences of mini.conllu and reads
// them back: the same texts, words, offsets and annotation (a multiword
// token comes back as its words, joined by SpaceAfter=No).
func TestWriteCoNLLURoundTrip(t *testing.T) {
	f, err := os.Open("testdata/mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := ReadCoNLLU(f, "mini.conllu")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteCoNLLU(&b, ss); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCoNLLU(strings.NewReader(b.String()), "written")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if len(back) != len(ss) {
		t.Fatalf("%d sentences back, want %d", len(back), len(ss))
	}
	for i := range ss {
		if back[i].Text != ss[i].Text || back[i].ID != ss[i].ID {
			t.Errorf("sentence %d: %q %q, want %q %q", i, back[i].ID, back[i].Text, ss[i].ID, ss[i].Text)
		}
		if fmt.Sprint(back[i].Words) != fmt.Sprint(ss[i].Words) {
			t.Errorf("sentence %d words:\n got %v\nwant %v", i, back[i].Words, ss[i].Words)
		}
	}
}
