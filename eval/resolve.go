package eval

// Entity-resolution scoring (issue 5): B-cubed precision, recall and F1 of
// predicted entity clusters over gold mentions.
//
// The gold file (testdata/resolve_gold.jsonl) holds, per document, only the
// document id and its mentions as code-point offsets with the entity key and
// type each refers to; the texts stay in ../shared and are read at run time.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"
)

// ResolveGoldDoc is one annotated document of the resolution gold set.
type ResolveGoldDoc struct {
	Doc      string               `json:"doc"`
	Mentions []ResolveGoldMention `json:"mentions"`
}

// ResolveGoldMention is one gold mention: a code-point span of the document
// text, the type of entity it names and the key of that entity. Mentions
// with the same type and key, in any document, are one entity.
type ResolveGoldMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Key   string `json:"key"`
}

// Cluster returns the gold cluster label of m: its type and key.
func (m ResolveGoldMention) Cluster() string { return m.Type + ":" + m.Key }

// ReadResolveGold reads a resolution gold file: one JSON object a line.
// name is used in errors.
func ReadResolveGold(r io.Reader, name string) ([]ResolveGoldDoc, error) {
	var docs []ResolveGoldDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	line := 0
	seen := map[string]bool{}
	for sc.Scan() {
		line++
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var d ResolveGoldDoc
		if err := json.Unmarshal([]byte(b), &d); err != nil {
			return nil, fmt.Errorf("resolve gold %s line %d: %w", name, line, err)
		}
		if d.Doc == "" {
			return nil, fmt.Errorf("resolve gold %s line %d: no doc id", name, line)
		}
		if seen[d.Doc] {
			return nil, fmt.Errorf("resolve gold %s line %d: document %q listed twice", name, line, d.Doc)
		}
		seen[d.Doc] = true
		prevEnd := -1
		for i, m := range d.Mentions {
			if m.Start < 0 || m.End <= m.Start {
				return nil, fmt.Errorf("resolve gold %s line %d: mention %d has bad span [%d,%d)", name, line, i, m.Start, m.End)
			}
			if m.Start < prevEnd {
				return nil, fmt.Errorf("resolve gold %s line %d: mention %d overlaps or precedes the previous one", name, line, i)
			}
			if m.Key == "" || m.Type == "" {
				return nil, fmt.Errorf("resolve gold %s line %d: mention %d has no key or type", name, line, i)
			}
			prevEnd = m.End
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("resolve gold %s line %d: %w", name, line, err)
	}
	return docs, nil
}

// ResolveSplit returns the split a gold document belongs to, "dev" or
// "test", by an FNV-1a hash of its id: stable, and independent of the
// order of the file.
func ResolveSplit(docID string) string {
	h := fnv.New32a()
	h.Write([]byte(docID))
	if h.Sum32()%2 == 0 {
		return "dev"
	}
	return "test"
}

// BCubedScore is B-cubed precision, recall and F1 (fractions in [0,1]) over
// N mentions in Clusters gold clusters.
type BCubedScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	N         int     `json:"n"`
	Clusters  int     `json:"clusters"`
	// PredClusters is the number of predicted clusters.
	PredClusters int `json:"pred_clusters"`
}

// BCubed scores predicted cluster labels against gold ones, mention by
// mention (Bagga & Baldwin 1998): a mention's precision is the share of its
// predicted cluster that shares its gold cluster, its recall the share of
// its gold cluster that shares its predicted cluster; both are averaged over
// mentions. gold[i] and pred[i] label mention i. It returns an error when
// the two differ in length.
func BCubed(gold, pred []string) (BCubedScore, error) {
	if len(gold) != len(pred) {
		return BCubedScore{}, fmt.Errorf("bcubed: %d gold labels but %d predicted", len(gold), len(pred))
	}
	s := BCubedScore{N: len(gold)}
	if len(gold) == 0 {
		return s, nil
	}
	gSize := map[string]int{}
	pSize := map[string]int{}
	both := map[[2]string]int{}
	for i := range gold {
		gSize[gold[i]]++
		pSize[pred[i]]++
		both[[2]string{gold[i], pred[i]}]++
	}
	var p, r float64
	for i := range gold {
		n := float64(both[[2]string{gold[i], pred[i]}])
		p += n / float64(pSize[pred[i]])
		r += n / float64(gSize[gold[i]])
	}
	s.Precision = p / float64(len(gold))
	s.Recall = r / float64(len(gold))
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.Clusters = len(gSize)
	s.PredClusters = len(pSize)
	return s, nil
}

// ClusterError is one resolution error for --errors: a wrong merge (one
// predicted cluster holding mentions of several gold clusters) or a missed
// merge (one gold cluster spread over several predicted clusters). Members
// lists, for each cluster on the other side, how many mentions it holds and
// example surface texts.
type ClusterError struct {
	Kind    string         `json:"kind"` // "wrong_merge" or "missed_merge"
	Cluster string         `json:"cluster"`
	Size    int            `json:"size"`
	Members []ClusterShare `json:"members"`
}

// ClusterShare is one part of a ClusterError.
type ClusterShare struct {
	Cluster string   `json:"cluster"`
	N       int      `json:"n"`
	Texts   []string `json:"texts"`
}

// ClusterErrors lists wrong and missed merges, largest first, at most max of
// each kind (all when max < 0). texts[i] is mention i's surface text.
func ClusterErrors(gold, pred, texts []string, max int) []ClusterError {
	wrong := clusterErrors("wrong_merge", pred, gold, texts)
	missed := clusterErrors("missed_merge", gold, pred, texts)
	if max >= 0 {
		if len(wrong) > max {
			wrong = wrong[:max]
		}
		if len(missed) > max {
			missed = missed[:max]
		}
	}
	return append(wrong, missed...)
}

func clusterErrors(kind string, by, other, texts []string) []ClusterError {
	parts := map[string]map[string][]int{}
	for i := range by {
		if parts[by[i]] == nil {
			parts[by[i]] = map[string][]int{}
		}
		parts[by[i]][other[i]] = append(parts[by[i]][other[i]], i)
	}
	var out []ClusterError
	for c, m := range parts {
		if len(m) < 2 {
			continue
		}
		e := ClusterError{Kind: kind, Cluster: c}
		for oc, idx := range m {
			e.Size += len(idx)
			sh := ClusterShare{Cluster: oc, N: len(idx)}
			seen := map[string]bool{}
			for _, i := range idx {
				if i < len(texts) && !seen[texts[i]] && len(sh.Texts) < 4 {
					seen[texts[i]] = true
					sh.Texts = append(sh.Texts, texts[i])
				}
			}
			e.Members = append(e.Members, sh)
		}
		sort.Slice(e.Members, func(i, j int) bool {
			if e.Members[i].N != e.Members[j].N {
				return e.Members[i].N > e.Members[j].N
			}
			return e.Members[i].Cluster < e.Members[j].Cluster
		})
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Size != out[j].Size {
			return out[i].Size > out[j].Size
		}
		return out[i].Cluster < out[j].Cluster
	})
	return out
}
