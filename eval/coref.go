package eval

// CoNLL-2012-style coreference scores over predicted mentions (issue 12):
// mention detection, MUC, B-cubed and CEAF-e, computed as the reference
// scorer does when the key and the response hold different mentions
// (Pradhan et al. 2014, "Scoring Coreference Partitions of Predicted
// Mentions: A Reference Implementation"). A mention is identified by a
// string (document and span); a cluster by its label. Singletons count.

import (
	"math"
	"sort"
)

// PRF is precision, recall and F1, fractions in [0,1].
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func corefPRF(pNum, pDen, rNum, rDen float64) PRF {
	var s PRF
	if pDen > 0 {
		s.Precision = pNum / pDen
	}
	if rDen > 0 {
		s.Recall = rNum / rDen
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// CorefScores are the scores of one response against one key.
type CorefScores struct {
	Mentions PRF `json:"mentions"` // exact-span mention detection
	MUC      PRF `json:"muc"`
	B3       PRF `json:"b3"`
	CEAFe    PRF `json:"ceafe"`
	// CoNLL is the mean of the MUC, B-cubed and CEAF-e F1.
	CoNLL        float64 `json:"conll"`
	KeyMentions  int     `json:"key_mentions"`
	RespMentions int     `json:"response_mentions"`
	KeyClusters  int     `json:"key_clusters"`
	RespClusters int     `json:"response_clusters"`
}

// Coref scores the response clustering against the key: each maps a
// mention id to its cluster label.
func Coref(key, resp map[string]string) CorefScores {
	k, r := clustersOf(key), clustersOf(resp)
	var s CorefScores
	s.KeyMentions, s.RespMentions = len(key), len(resp)
	s.KeyClusters, s.RespClusters = len(k), len(r)
	both := 0
	for m := range resp {
		if _, ok := key[m]; ok {
			both++
		}
	}
	s.Mentions = corefPRF(float64(both), float64(len(resp)), float64(both), float64(len(key)))

	mr, md := mucPart(k, resp)
	mp, mpd := mucPart(r, key)
	s.MUC = corefPRF(mp, mpd, mr, md)

	br := b3Part(k, resp)
	bp := b3Part(r, key)
	s.B3 = corefPRF(bp, float64(len(resp)), br, float64(len(key)))

	phi := ceafe(k, r, key, resp)
	s.CEAFe = corefPRF(phi, float64(len(r)), phi, float64(len(k)))
	s.CoNLL = (s.MUC.F1 + s.B3.F1 + s.CEAFe.F1) / 3
	return s
}

// clustersOf groups mention ids by label, in a stable order.
func clustersOf(m map[string]string) [][]string {
	by := map[string][]string{}
	for id, l := range m {
		by[l] = append(by[l], id)
	}
	labels := make([]string, 0, len(by))
	for l := range by {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	out := make([][]string, len(labels))
	for i, l := range labels {
		ids := by[l]
		sort.Strings(ids)
		out[i] = ids
	}
	return out
}

// mucPart is MUC's numerator and denominator for the clusters cs against
// the other side's labels: Σ(|K| − |p(K)|) and Σ(|K| − 1), where p(K) is
// K's partition by the other side, a mention the other side lacks being a
// part of its own (Vilain et al. 1995).
func mucPart(cs [][]string, other map[string]string) (num, den float64) {
	for _, c := range cs {
		parts := map[string]bool{}
		alone := 0
		for _, m := range c {
			if l, ok := other[m]; ok {
				parts[l] = true
			} else {
				alone++
			}
		}
		num += float64(len(c) - len(parts) - alone)
		den += float64(len(c) - 1)
	}
	return num, den
}

// b3Part is B-cubed's numerator for the clusters cs against the other
// side: Σ over clusters K and other clusters R of |K∩R|²/|K|.
func b3Part(cs [][]string, other map[string]string) float64 {
	var sum float64
	for _, c := range cs {
		n := map[string]int{}
		for _, m := range c {
			if l, ok := other[m]; ok {
				n[l]++
			}
		}
		for _, v := range n {
			sum += float64(v*v) / float64(len(c))
		}
	}
	return sum
}

// ceafe is the total similarity of the best one-to-one alignment of key
// and response clusters under φ4(K,R) = 2|K∩R|/(|K|+|R|) (Luo 2005). Only
// clusters that share a mention can gain from being aligned, so the
// alignment is solved per connected component of that sharing.
func ceafe(k, r [][]string, key, resp map[string]string) float64 {
	kIdx := map[string]int{}
	for i, c := range k {
		for _, m := range c {
			kIdx[m] = i
		}
	}
	// overlap[i][j] = |K_i ∩ R_j| for sharing pairs.
	overlap := map[[2]int]int{}
	for j, c := range r {
		for _, m := range c {
			if i, ok := kIdx[m]; ok {
				overlap[[2]int{i, j}]++
			}
		}
	}
	// Union-find over key clusters 0..len(k)-1 and response clusters len(k)+j.
	parent := make([]int, len(k)+len(r))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for p := range overlap {
		a, b := find(p[0]), find(len(k)+p[1])
		if a != b {
			parent[a] = b
		}
	}
	comps := map[int][2][]int{}
	seen := map[int]bool{}
	for p := range overlap {
		for _, node := range []int{p[0], len(k) + p[1]} {
			if seen[node] {
				continue
			}
			seen[node] = true
			root := find(node)
			c := comps[root]
			if node < len(k) {
				c[0] = append(c[0], node)
			} else {
				c[1] = append(c[1], node-len(k))
			}
			comps[root] = c
		}
	}
	var total float64
	for _, c := range comps {
		ks, rs := c[0], c[1]
		sort.Ints(ks)
		sort.Ints(rs)
		w := make([][]float64, len(ks))
		for a, i := range ks {
			w[a] = make([]float64, len(rs))
			for b, j := range rs {
				if n := overlap[[2]int{i, j}]; n > 0 {
					w[a][b] = 2 * float64(n) / float64(len(k[i])+len(r[j]))
				}
			}
		}
		total += maxAssignment(w)
	}
	return total
}

// maxAssignment returns the largest total weight of a one-to-one
// assignment of rows to columns (the Hungarian method on the negated
// weights, padded to a square).
func maxAssignment(w [][]float64) float64 {
	n := len(w)
	if n == 0 {
		return 0
	}
	m := len(w[0])
	size := max(n, m)
	// cost[i][j] (1-based for the classic formulation), minimised.
	cost := make([][]float64, size+1)
	for i := range cost {
		cost[i] = make([]float64, size+1)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			cost[i+1][j+1] = -w[i][j]
		}
	}
	u := make([]float64, size+1)
	v := make([]float64, size+1)
	p := make([]int, size+1)
	way := make([]int, size+1)
	for i := 1; i <= size; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, size+1)
		used := make([]bool, size+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= size; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0][j] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= size; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
			if j0 == 0 {
				break
			}
		}
	}
	var total float64
	for j := 1; j <= size; j++ {
		if i := p[j]; i >= 1 && i <= n && j <= m {
			total += w[i-1][j-1]
		}
	}
	return total
}
