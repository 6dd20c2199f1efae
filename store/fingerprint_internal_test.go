package store

import (
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// sketchAll is the sketch as first written: every shingle hashed and
// kept, then sorted and cut to the k smallest.
func sketchAll(text string) []int64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	seen := map[int64]bool{}
	var hs []int64
	add := func(s string) {
		h := fnv.New64a()
		h.Write([]byte(s))
		v := int64(h.Sum64() >> 1)
		if !seen[v] {
			seen[v] = true
			hs = append(hs, v)
		}
	}
	if len(words) < 3 {
		add(strings.Join(words, " "))
	}
	for i := 0; i+3 <= len(words); i++ {
		add(words[i] + " " + words[i+1] + " " + words[i+2])
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	if len(hs) > sketchSize {
		hs = hs[:sketchSize]
	}
	return hs
}

// TestSketch checks the bounded sketch against every shingle kept.
func TestSketch(t *testing.T) {
	long := strings.Repeat("Shelling hit the depot at Varno; 12 were hurt, officials said. ", 40) +
		"Отряд «Север» заявил о потерях. \xff broken byte, then the end"
	for _, text := range []string{"", "   ", "one", "Two words", "exactly three words", "four words right here",
		"the same the same the same the same", long, long[:1000], strings.ToUpper(long)} {
		if got, want := sketch(text), sketchAll(text); !slices.Equal(got, want) {
			t.Errorf("sketch(%.30q) = %v, want %v", text, got, want)
		}
	}
}
