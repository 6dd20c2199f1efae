package tagger

import (
	"math"
	"sort"
)

// WordClusters groups the words of an unlabeled corpus that occur at least
// minCount times into k classes (ids 1..k) with the predictive exchange
// algorithm (Uszkoreit & Brants 2008): each word in turn moves to the class
// that most raises the likelihood of the class-bigram model
// P(w | v) = P(class(w) | v) · P(w | class(w)). Words used in similar
// contexts end up together ("Kharkiv" with "Donetsk", "Monday" with
// "Tuesday"), which lets the tagger generalise to names it never saw
// labelled. The result depends only on the corpus and the arguments.
func WordClusters(sents [][]string, k, minCount, iters int) map[string]uint16 {
	if k < 2 {
		k = 2
	}
	counts := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			counts[w]++
		}
	}
	var vocab []string
	for w, n := range counts {
		if n >= minCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		a, b := counts[vocab[i]], counts[vocab[j]]
		if a != b {
			return a > b
		}
		return vocab[i] < vocab[j]
	})
	V := len(vocab)
	if V == 0 {
		return map[string]uint16{}
	}
	id := make(map[string]int32, V)
	for i, w := range vocab {
		id[w] = int32(i)
	}
	unk, bos := int32(V), int32(V+1)
	P := V + 2
	// Bigram counts (prev context, next word in vocabulary).
	big := map[uint64]int32{}
	for _, s := range sents {
		prev := bos
		for _, w := range s {
			cur, ok := id[w]
			if !ok {
				prev = unk
				continue
			}
			big[uint64(cur)<<32|uint64(prev)]++
			prev = cur
		}
	}
	keys := make([]uint64, 0, len(big))
	for key := range big {
		keys = append(keys, key)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	type edge struct {
		v int32
		n int32
	}
	start := make([]int, V+1)
	edges := make([]edge, len(keys))
	nw := make([]int64, V)
	for i, key := range keys {
		w := int(key >> 32)
		edges[i] = edge{v: int32(key & 0xffffffff), n: big[key]}
		start[w+1]++
		nw[w] += int64(big[key])
	}
	for w := 0; w < V; w++ {
		start[w+1] += start[w]
	}
	class := make([]int32, V)
	for w := range class {
		class[w] = int32(w % k)
	}
	nvc := make([]int32, P*k)
	nc := make([]int64, k)
	for w := 0; w < V; w++ {
		c := int(class[w])
		nc[c] += nw[w]
		for _, e := range edges[start[w]:start[w+1]] {
			nvc[int(e.v)*k+c] += e.n
		}
	}
	const tab = 1 << 16
	xlogx := make([]float64, tab)
	for i := 1; i < tab; i++ {
		xlogx[i] = float64(i) * math.Log(float64(i))
	}
	f := func(x int64) float64 {
		if x < tab {
			return xlogx[x]
		}
		return float64(x) * math.Log(float64(x))
	}
	delta := make([]float64, k)
	for it := 0; it < iters; it++ {
		moved := 0
		for w := 0; w < V; w++ {
			old := int(class[w])
			es := edges[start[w]:start[w+1]]
			nc[old] -= nw[w]
			for _, e := range es {
				nvc[int(e.v)*k+old] -= e.n
			}
			for c := range delta {
				delta[c] = f(nc[c]) - f(nc[c]+nw[w])
			}
			for _, e := range es {
				row := nvc[int(e.v)*k : int(e.v)*k+k]
				n := int64(e.n)
				for c, x := range row {
					delta[c] += f(int64(x)+n) - f(int64(x))
				}
			}
			best := old
			for c := range delta {
				if delta[c] > delta[best]+1e-9 {
					best = c
				}
			}
			if best != old {
				moved++
			}
			class[w] = int32(best)
			nc[best] += nw[w]
			for _, e := range es {
				nvc[int(e.v)*k+best] += e.n
			}
		}
		if moved == 0 {
			break
		}
	}
	out := make(map[string]uint16, V)
	for w, c := range class {
		out[vocab[w]] = uint16(c + 1)
	}
	return out
}
