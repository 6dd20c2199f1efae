package extract

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

// rng renders a number range for comparison: "[71, ∞)", "[?, 4000]", "2".
func rng(v muster.Value) string { return v.RangeString() }

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, want, unit string
	}{
		{"two", "2", ""},
		{"2", "2", ""},
		{"twenty-three", "23", ""},
		{"twenty three", "23", ""},
		{"one hundred and five", "105", ""},
		{"three thousand", "3000", ""},
		{"1.5 million", "1500000", ""},
		{"4,000", "4000", ""},
		{"a hundred", "100", ""},
		{"two dozen", "24", ""},
		{"more than 70", "[71, ∞)", ""},
		{"more than 70 troops", "[71, ∞)", "troops"},
		{"over 100 civilians", "[101, ∞)", "civilians"},
		{"70+", "[70, ∞)", ""},
		{"70 or more", "[70, ∞)", ""},
		{"70-plus", "[70, ∞)", ""},
		{"up to 4,000", "[?, 4000]", ""},
		{"up to 4,000 troops", "[?, 4000]", "troops"},
		{"as many as 30", "[?, 30]", ""},
		{"fewer than 10", "[?, 9]", ""},
		{"at least two", "[2, ∞)", ""},
		{"at least 12 people", "[12, ∞)", "people"},
		{"a few hundred", "[200, 900]", ""},
		{"a few", "[2, 9]", ""},
		{"several", "[3, 9]", ""},
		{"several hundred", "[300, 900]", ""},
		{"multiple", "[2, ∞)", ""},
		{"dozens", "[24, 99]", ""},
		{"dozens of civilians", "[24, 99]", "civilians"},
		{"a dozen", "12", ""},
		{"about a dozen", "[10, 14]", ""},
		{"hundreds", "[200, 999]", ""},
		{"thousands", "[2000, 9999]", ""},
		{"tens of thousands", "[20000, 99999]", ""},
		{"hundreds of thousands", "[200000, 999999]", ""},
		{"about 20", "[18, 22]", ""},
		{"around 20", "[18, 22]", ""},
		{"some 20", "[18, 22]", ""},
		{"approximately 20", "[18, 22]", ""},
		{"an estimated 20", "[18, 22]", ""},
		{"20 or so", "[18, 22]", ""},
		{"nearly 20", "[18, 20]", ""},
		{"almost 20", "[18, 20]", ""},
		{"between 10 and 15", "[10, 15]", ""},
		{"10-15", "[10, 15]", ""},
		{"10–15", "[10, 15]", ""},
		{"two to three", "[2, 3]", ""},
		{"two or three", "[2, 3]", ""},
		{"a handful", "[3, 6]", ""},
		{"no one", "0", ""},
		{"none", "0", ""},
		{"nobody", "0", ""},
		{"no civilians", "0", "civilians"},
		{"two security force members", "2", "members"},
		{"70 Ukrainian soldiers", "70", "soldiers"},
		{"five police officers", "5", "officers"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, ok := ParseNumber(tt.in)
			if !ok {
				t.Fatalf("ParseNumber(%q): not a figure", tt.in)
			}
			if got := rng(v); got != tt.want {
				t.Errorf("ParseNumber(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if v.Unit != tt.unit {
				t.Errorf("ParseNumber(%q).Unit = %q, want %q", tt.in, v.Unit, tt.unit)
			}
			if v.Kind != muster.ValueNumber || !strings.HasPrefix(tt.in, v.Text) {
				t.Errorf("ParseNumber(%q) = kind %q text %q, want number and the words", tt.in, v.Kind, v.Text)
			}
		})
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, in := range []string{"", "troops", "M23", "9mm", "1st", "01/01/2021", "70%", "some of them", "over the weekend", "a", "$5", "2 3"} {
		t.Run(in, func(t *testing.T) {
			if v, ok := ParseNumber(in); ok {
				t.Errorf("ParseNumber(%q) = %s, want no figure", in, rng(v))
			}
		})
	}
}

func TestFindNumbers(t *testing.T) {
	type m struct{ Text, Range, Unit string }
	tests := []struct {
		name, in string
		want     []m
	}{
		{"gtd summary", "01/01/2021: An explosive device detonated in Beir al-Abd. Two security force members were killed and five others were injured in the blast.",
			[]m{{"Two", "2", "members"}, {"five", "5", "others"}}},
		{"hedged militia size", "the brigade counts up to 4,000 troops, and more than 70 were killed",
			[]m{{"up to 4,000", "[?, 4000]", "troops"}, {"more than 70", "[71, ∞)", ""}}},
		{"no one killed", "No one was killed in the attack by M23 rebels.", []m{{"No one", "0", ""}}},
		{"times and percentages skipped", "At 10:30, 40% of the 1st battalion left.", nil},
		{"sentence-final figure", "The death toll rose to 12.", []m{{"12", "12", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []m
			for _, x := range FindNumbers(tt.in) {
				if q := tt.in[x.Span.Start:x.Span.End]; q != x.Value.Text {
					t.Errorf("span text %q != value text %q", q, x.Value.Text)
				}
				got = append(got, m{x.Value.Text, rng(x.Value), x.Value.Unit})
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("FindNumbers(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
		})
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"more than 70", "up to 4,000 troops", "a few hundred", "between 10 and 15", "10-15", "twenty-three", "1.5 million", "no one", "70+", "Two security force members were killed", "über 5", "1,2,3", "9.9.9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return
		}
		if v, ok := ParseNumber(s); ok {
			checkRange(t, s, v)
		}
		last := 0
		for _, m := range FindNumbers(s) {
			if !m.Span.Valid(len(s)) || m.Span.Start < last {
				t.Fatalf("FindNumbers(%q): span %v out of order or range", s, m.Span)
			}
			last = m.Span.End
			if s[m.Span.Start:m.Span.End] != m.Value.Text {
				t.Fatalf("FindNumbers(%q): span %v text %q != %q", s, m.Span, s[m.Span.Start:m.Span.End], m.Value.Text)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Value.Text) {
				t.Fatalf("FindNumbers(%q): span %v splits a character", s, m.Span)
			}
			checkRange(t, s, m.Value)
		}
	})
}

func checkRange(t *testing.T, s string, v muster.Value) {
	t.Helper()
	if v.Min != nil && v.Max != nil && *v.Min > *v.Max {
		t.Fatalf("%q: range %s has min > max", s, rng(v))
	}
	for _, p := range []*float64{v.Min, v.Max} {
		if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) {
			t.Fatalf("%q: range %s has a non-finite bound", s, rng(v))
		}
	}
}

func BenchmarkFindNumbers(b *testing.B) {
	text := strings.Repeat("01/01/2021: An explosive device detonated targeting the vehicle of security forces. Two security force members were killed and more than 70 others were injured; up to 4,000 troops remain. ", 10)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FindNumbers(text)
	}
}
