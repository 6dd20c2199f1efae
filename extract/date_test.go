package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

// pub is a Wednesday.
var pub = time.Date(2023, time.May, 24, 15, 4, 0, 0, time.UTC)

func TestResolveDate(t *testing.T) {
	type iv struct {
		From, To string
		Prec     muster.Precision
	}
	tests := []struct {
		in   string
		want iv
	}{
		{"in March 2022", iv{"2022-03-01", "2022-03-31", "month"}},
		{"March 2022", iv{"2022-03-01", "2022-03-31", "month"}},
		{"in August 2022", iv{"2022-08-01", "2022-08-31", "month"}},
		{"early March 2022", iv{"2022-03-01", "2022-03-31", "month"}},
		{"on Tuesday", iv{"2023-05-23", "2023-05-23", "day"}},
		{"on Monday", iv{"2023-05-22", "2023-05-22", "day"}},
		{"on Wednesday", iv{"2023-05-24", "2023-05-24", "day"}},
		{"last Wednesday", iv{"2023-05-17", "2023-05-17", "day"}},
		{"on Thursday", iv{"2023-05-18", "2023-05-18", "day"}},
		{"last year", iv{"2022-01-01", "2022-12-31", "year"}},
		{"this year", iv{"2023-01-01", "2023-05-24", "year"}},
		{"this week", iv{"2023-05-22", "2023-05-24", "day"}},
		{"last week", iv{"2023-05-15", "2023-05-21", "day"}},
		{"since 2014", iv{"2014-01-01", "2014-12-31", "year"}},
		{"in 2019", iv{"2019-01-01", "2019-12-31", "year"}},
		{"on 22 May 2023", iv{"2023-05-22", "2023-05-22", "day"}},
		{"22nd May 2023", iv{"2023-05-22", "2023-05-22", "day"}},
		{"May 22, 2023", iv{"2023-05-22", "2023-05-22", "day"}},
		{"May 22", iv{"2023-05-22", "2023-05-22", "day"}},
		{"on 25 May", iv{"2022-05-25", "2022-05-25", "day"}},
		{"01/01/2021", iv{"2021-01-01", "2021-01-01", "day"}},
		{"02/03/2021", iv{"2021-02-03", "2021-02-03", "day"}},
		{"25/03/2021", iv{"2021-03-25", "2021-03-25", "day"}},
		{"03/00/2021", iv{"2021-03-01", "2021-03-31", "month"}},
		{"2021-01-02", iv{"2021-01-02", "2021-01-02", "day"}},
		{"22.05.2023", iv{"2023-05-22", "2023-05-22", "day"}},
		{"in March", iv{"2023-03-01", "2023-03-31", "month"}},
		{"in May", iv{"2023-05-01", "2023-05-31", "month"}},
		{"in June", iv{"2022-06-01", "2022-06-30", "month"}},
		{"last May", iv{"2022-05-01", "2022-05-31", "month"}},
		{"last month", iv{"2023-04-01", "2023-04-30", "month"}},
		{"this month", iv{"2023-05-01", "2023-05-24", "month"}},
		{"earlier this month", iv{"2023-05-01", "2023-05-23", "month"}},
		{"yesterday", iv{"2023-05-23", "2023-05-23", "day"}},
		{"today", iv{"2023-05-24", "2023-05-24", "day"}},
		{"last night", iv{"2023-05-23", "2023-05-23", "day"}},
		{"this early morning", iv{"2023-05-24", "2023-05-24", "day"}},
		{"this late afternoon", iv{"2023-05-24", "2023-05-24", "day"}},
		{"spring 2023", iv{"2023-03-01", "2023-05-31", "season"}},
		{"in the spring of 2023", iv{}},
		{"spring of 2023", iv{"2023-03-01", "2023-05-31", "season"}},
		{"winter 2022", iv{"2022-12-01", "2023-02-28", "season"}},
		{"last summer", iv{"2022-06-01", "2022-08-31", "season"}},
		{"the 1990s", iv{"1990-01-01", "1999-12-31", "year"}},
		{"three days ago", iv{"2023-05-21", "2023-05-21", "day"}},
		{"two years ago", iv{"2021-01-01", "2021-12-31", "year"}},
		{"Sept. 5, 2021", iv{"2021-09-05", "2021-09-05", "day"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, ok := ResolveDate(tt.in, pub)
			if tt.want == (iv{}) {
				if ok {
					t.Errorf("ResolveDate(%q) = %v, want no date", tt.in, v)
				}
				return
			}
			if !ok {
				t.Fatalf("ResolveDate(%q): no date", tt.in)
			}
			if d := cmp.Diff(tt.want, iv{v.From, v.To, v.Precision}); d != "" {
				t.Errorf("ResolveDate(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
			if v.Kind != muster.ValueDate || v.Text != tt.in {
				t.Errorf("ResolveDate(%q) kind %q text %q", tt.in, v.Kind, v.Text)
			}
		})
	}
}

func TestResolveDateRejects(t *testing.T) {
	for _, in := range []string{"", "troops", "31/02/2021", "May be", "the 1995s", "13/13/2021", "in", "Tuesday-ish"} {
		t.Run(in, func(t *testing.T) {
			if v, ok := ResolveDate(in, pub); ok {
				t.Errorf("ResolveDate(%q) = %v, want no date", in, v)
			}
		})
	}
	// Relative dates need a publication time.
	for _, in := range []string{"last year", "on Tuesday", "in March", "yesterday"} {
		if v, ok := ResolveDate(in, time.Time{}); ok {
			t.Errorf("ResolveDate(%q, zero) = %v, want no date", in, v)
		}
	}
	if _, ok := ResolveDate("March 2022", time.Time{}); !ok {
		t.Errorf("ResolveDate(March 2022, zero): absolute dates need no publication time")
	}
}

func TestFindDates(t *testing.T) {
	type m struct{ Text, From, To string }
	tests := []struct {
		name, in string
		want     []m
	}{
		{"gtd summary", "01/01/2021: An explosive device detonated in Beir al-Abd on Friday.",
			[]m{{"01/01/2021", "2021-01-01", "2021-01-01"}, {"Friday", "2023-05-19", "2023-05-19"}}},
		{"may the verb", "Officials said they may respond in May, as they did in 2019 and since 2014.",
			[]m{{"May", "2023-05-01", "2023-05-31"}, {"2019", "2019-01-01", "2019-12-31"}, {"since 2014", "2014-01-01", "2014-12-31"}}},
		{"bare numbers are not years", "The 2000 troops arrived; 1500 left.", nil},
		{"counts after a preposition are not years", "A poll of 1000 Ukrainians in 2000 towns, in 1500 raids.", nil},
		{"a possessive week", "Last week’s raid left two dead.", []m{{"Last week’s", "2023-05-15", "2023-05-21"}}},
		{"a possessive weekday", "Monday’s raid left two dead.", []m{{"Monday’s", "2023-05-22", "2023-05-22"}}},
		{"group founded", "The legion was formed in August 2022 and fought last week.",
			[]m{{"August 2022", "2022-08-01", "2022-08-31"}, {"last week", "2023-05-15", "2023-05-21"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []m
			for _, x := range FindDates(tt.in, pub) {
				if q := tt.in[x.Span.Start:x.Span.End]; q != x.Value.Text {
					t.Errorf("span text %q != value text %q", q, x.Value.Text)
				}
				got = append(got, m{x.Value.Text, x.Value.From, x.Value.To})
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("FindDates(%q) mismatch (-want +got):\n%s", tt.in, d)
			}
		})
	}
}

func FuzzResolveDate(f *testing.F) {
	for _, s := range []string{"in March 2022", "on Tuesday", "last year", "since 2014", "01/01/2021", "May 22, 2023", "spring 2023", "earlier this month", "the 1990s", "3 days ago", "22.05.2023", "early May"} {
		f.Add(s, int64(1684940640))
	}
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		if len(s) > 1000 {
			return
		}
		p := time.Unix(sec%(1<<36), 0).UTC()
		if v, ok := ResolveDate(s, p); ok {
			checkInterval(t, s, v)
		}
		last := 0
		for _, m := range FindDates(s, p) {
			if !m.Span.Valid(len(s)) || m.Span.Start < last {
				t.Fatalf("FindDates(%q): span %v out of order or range", s, m.Span)
			}
			last = m.Span.End
			if s[m.Span.Start:m.Span.End] != m.Value.Text {
				t.Fatalf("FindDates(%q): span text %q != %q", s, s[m.Span.Start:m.Span.End], m.Value.Text)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Value.Text) {
				t.Fatalf("FindDates(%q): span %v splits a character", s, m.Span)
			}
			checkInterval(t, s, m.Value)
		}
	})
}

func checkInterval(t *testing.T, s string, v muster.Value) {
	t.Helper()
	from, err1 := time.Parse(time.DateOnly, v.From)
	to, err2 := time.Parse(time.DateOnly, v.To)
	if err1 != nil || err2 != nil {
		t.Fatalf("%q: bad interval %q..%q", s, v.From, v.To)
	}
	if from.After(to) {
		t.Fatalf("%q: interval %s..%s runs backwards", s, v.From, v.To)
	}
	switch v.Precision {
	case muster.PrecisionDay, muster.PrecisionMonth, muster.PrecisionSeason, muster.PrecisionYear:
	default:
		t.Fatalf("%q: precision %q", s, v.Precision)
	}
}

func BenchmarkFindDates(b *testing.B) {
	text := strings.Repeat("01/01/2021: An explosive device detonated on Friday in Beir al-Abd. The group, formed in August 2022, has fought since 2014 and again last week. ", 10)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FindDates(text, pub)
	}
}
