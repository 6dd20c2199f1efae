package eval

import (
	"math"
	"testing"
)

func labels(clusters ...[]string) map[string]string {
	out := map[string]string{}
	for i, c := range clusters {
		for _, m := range c {
			out[m] = string(rune('A' + i))
		}
	}
	return out
}

// TestCoref checks the scores against the worked example of Pradhan et al.
// (2014), whose key and response hold different mentions: key {a,b,c}
// {d,e,f,g}, response {a,b} {c,d} {f,g,h,i}.
func TestCoref(t *testing.T) {
	type want struct{ p, r float64 }
	tests := []struct {
		name                     string
		key, resp                map[string]string
		mentions, muc, b3, ceafe want
	}{
		{"Pradhan et al. 2014",
			labels([]string{"a", "b", "c"}, []string{"d", "e", "f", "g"}),
			labels([]string{"a", "b"}, []string{"c", "d"}, []string{"f", "g", "h", "i"}),
			want{6.0 / 8, 6.0 / 7}, want{0.4, 0.4}, want{0.5, 35.0 / 84}, want{1.3 / 3, 0.65}},
		{"perfect",
			labels([]string{"a", "b"}, []string{"c"}),
			labels([]string{"a", "b"}, []string{"c"}),
			want{1, 1}, want{1, 1}, want{1, 1}, want{1, 1}},
		{"all merged",
			labels([]string{"a", "b"}, []string{"c"}),
			labels([]string{"a", "b", "c"}),
			want{1, 1}, want{0.5, 1}, want{5.0 / 9, 1}, want{0.8, 0.4}},
		{"nothing found",
			labels([]string{"a", "b"}),
			map[string]string{},
			want{0, 0}, want{0, 0}, want{0, 0}, want{0, 0}},
	}
	near := func(what string, got PRF, w want) {
		t.Helper()
		if math.Abs(got.Precision-w.p) > 1e-9 || math.Abs(got.Recall-w.r) > 1e-9 {
			t.Errorf("%s = P %.4f R %.4f, want P %.4f R %.4f", what, got.Precision, got.Recall, w.p, w.r)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Coref(tt.key, tt.resp)
			near("mentions", s.Mentions, tt.mentions)
			near("MUC", s.MUC, tt.muc)
			near("B-cubed", s.B3, tt.b3)
			near("CEAF-e", s.CEAFe, tt.ceafe)
		})
	}
}

func TestMaxAssignment(t *testing.T) {
	tests := []struct {
		w    [][]float64
		want float64
	}{
		{[][]float64{{0.8, 0.4}, {0, 0.5}}, 1.3},
		{[][]float64{{0.8, 0.4, 0}, {0, 0.333, 0.5}}, 1.3},
		{[][]float64{{1}, {0.9}, {0.2}}, 1},
		{[][]float64{{0.5, 0.9}, {0.9, 0.1}}, 1.8},
	}
	for _, tt := range tests {
		if got := maxAssignment(tt.w); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("maxAssignment(%v) = %v, want %v", tt.w, got, tt.want)
		}
	}
}
