package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"plain text unchanged", "Officials said on Monday.", "Officials said on Monday."},
		{"byte-order mark dropped", "\uFEFFHeadline\nBody", "Headline\nBody"},
		{"CRLF and CR become LF", "a\r\nb\rc\n", "a\nb\nc"},
		{"NEL and Unicode separators become LF", "a\u0085b\u2028c\u2029d", "a\nb\nc\nd"},
		{"decomposed accent composed (NFC)", "cafe\u0301", "caf\u00e9"},
		{"control characters dropped", "a\x00b\x07c\x1bd\u009fe", "abcde"},
		{"invisible characters dropped", "Graivo\u00adron\u200b district\u2060", "Graivoron district"},
		{"spaces and tabs collapse", "more \t than   70\u00a0killed\u2009here", "more than 70 killed here"},
		{"lines trimmed", "  first  \n\tsecond\t", "first\nsecond"},
		{"one blank line kept", "para one\n\npara two", "para one\n\npara two"},
		{"many blank lines become one", "para one\n\n\n \n\t\n\npara two", "para one\n\npara two"},
		{"whole text trimmed", "\n\n  text  \n\n", "text"},
		{"curly quotes and dashes kept", "“Freedom” — it’s ‘here’ – now…", "“Freedom” — it’s ‘here’ – now…"},
		{"Cyrillic kept", "Грайворон  и Козинка", "Грайворон и Козинка"},
		{"empty stays empty", "", ""},
		{"only whitespace becomes empty", " \n\t\r\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Normalize(c.in)
			if err != nil {
				t.Fatalf("Normalize(%q) error %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestNormalizeInvalidUTF8(t *testing.T) {
	_, err := Normalize("line one\nline tw\xffo")
	if !errors.Is(err, ErrInvalidUTF8) {
		t.Fatalf("err = %v, want ErrInvalidUTF8", err)
	}
	if !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "0xff") {
		t.Errorf("error %q does not say where", err)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\uFEFF x \u00a0 y\n\n\n z", "e\x01\u0301", "\u2000\u2001", "\xff", "“q” — ’", "\r\r\n\n\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Normalize(s)
		if err != nil {
			if utf8.ValidString(s) {
				t.Fatalf("error on valid UTF-8: %v", err)
			}
			return
		}
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 out")
		}
		again, err := Normalize(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if strings.Contains(got, "\r") || strings.Contains(got, "\n\n\n") || strings.Contains(got, "  ") || strings.Contains(got, "\t") {
			t.Fatalf("not normal: %q", got)
		}
		if got != strings.TrimSpace(got) {
			t.Fatalf("not trimmed: %q", got)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	data, err := os.ReadFile("testdata/text/headline.txt")
	if err != nil {
		b.Fatal(err)
	}
	// About 40 KB: a long article with CRLFs and extra spaces to fix.
	s := strings.Repeat(strings.ReplaceAll(string(data), "\n", "  \r\n"), 60)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Normalize(s); err != nil {
			b.Fatal(err)
		}
	}
}
