package extract

import "github.com/muster-osint/muster/nlp"

// Features of the attribution model over the dependency parse (issue 11).
// Where a reporting verb's subject is its source and its clausal
// complement its content, the tree says so directly: word windows only
// approximate it ("Officials in the capital of the region, who asked not
// to be named, said …"). Every feature here is zero when the Doc has no
// parse, so the model still runs on segmented text, only less well.

// relCodes are the dependency relations the features tell apart; every
// other relation is relOther.
var relCodes = map[string]byte{
	"nsubj": 1, "nsubj:pass": 2, "csubj": 3, "ccomp": 4, "xcomp": 5, "parataxis": 6, "obj": 7, "iobj": 8,
	"obl": 9, "obl:agent": 10, "advcl": 11, "advmod": 12, "punct": 13, "conj": 14, "cc": 15, "mark": 16,
	"aux": 17, "aux:pass": 18, "acl": 19, "acl:relcl": 20, "nmod": 21, "appos": 22, "root": 23, "dep": 24,
	"expl": 25, "compound": 26, "discourse": 27, "case": 28, "det": 29, "nmod:poss": 30, "amod": 31,
	"obl:tmod": 32, "nummod": 33, "cop": 34, "list": 35,
}

const (
	relNone  = 0  // no parse
	relOther = 60 // a relation not in relCodes
	relSelf  = 61 // the path ends at this token
)

// uposCodes number the UPOS tags.
var uposCodes = map[string]byte{
	"ADJ": 1, "ADP": 2, "ADV": 3, "AUX": 4, "CCONJ": 5, "DET": 6, "INTJ": 7, "NOUN": 8, "NUM": 9, "PART": 10,
	"PRON": 11, "PROPN": 12, "PUNCT": 13, "SCONJ": 14, "SYM": 15, "VERB": 16, "X": 17,
}

// Bits of tokInfo.kids: which relations a token governs.
const (
	kidSubj = 1 << iota
	kidComp
	kidXcomp
	kidParataxis
	kidObj
	kidAgent
	kidThat // a clausal complement marked by "that" or "if"/"whether"
	kidColon
)

// parseInfo fills the parse fields of info from d's tokens, when d is
// parsed (some token has a relation).
func parseInfo(d *nlp.Doc, info []tokInfo) {
	parsed := false
	for _, t := range d.Tokens {
		if t.Rel != "" {
			parsed = true
			break
		}
	}
	if !parsed {
		for i := range info {
			info[i].head = -1
		}
		return
	}
	for i, t := range d.Tokens {
		ti := &info[i]
		ti.upos = uposCodes[t.Tag]
		ti.rel = relCode(t.Rel)
		ti.lemma = t.Lemma
		ti.head = t.Head
		if t.Rel == "root" || t.Head < 0 || t.Head >= len(d.Tokens) || t.Head == i {
			ti.head = -1
		}
	}
	for i := range info {
		info[i].lo, info[i].hi = i, i
	}
	for i := range info {
		// Widen the span of every ancestor of i over i.
		for j, steps := info[i].head, 0; j >= 0 && steps < 64; j, steps = info[j].head, steps+1 {
			info[j].lo, info[j].hi = min(info[j].lo, i), max(info[j].hi, i)
		}
	}
	for i, t := range d.Tokens {
		h := info[i].head
		if h < 0 {
			continue
		}
		switch t.Rel {
		case "nsubj", "nsubj:pass", "csubj":
			info[h].kids |= kidSubj
		case "ccomp":
			info[h].kids |= kidComp
		case "xcomp":
			info[h].kids |= kidXcomp
		case "parataxis":
			info[h].kids |= kidParataxis
		case "obj", "iobj":
			info[h].kids |= kidObj
		case "obl:agent":
			info[h].kids |= kidAgent
		case "mark":
			switch info[i].lower {
			case "that", "if", "whether":
				if hh := info[h].head; hh >= 0 && (info[h].rel == relCodes["ccomp"] || info[h].rel == relCodes["advcl"]) {
					info[hh].kids |= kidThat
				}
			}
		case "punct":
			if info[i].lower == ":" {
				info[h].kids |= kidColon
			}
		}
	}
}

func relCode(rel string) byte {
	if rel == "" {
		return relNone
	}
	if c, ok := relCodes[rel]; ok {
		return c
	}
	return relOther
}

// cueHead returns the token of the cue [qs,qe) whose head lies outside
// it, the cue's root in the tree (its first token when there is none or
// no parse).
func cueHead(info []tokInfo, qs, qe int) int {
	for i := qs; i < qe; i++ {
		if h := info[i].head; h < qs || h >= qe {
			return i
		}
	}
	return qs
}

// treePath says where token i lies in the tree relative to the cue's root
// h: kind 'C' inside the cue; 'D' below h, with the relations of the first
// two steps down from h; 'U' below h's head p but not below h, with h's
// relation and the first step down from p; 'G' likewise one level higher;
// 'X' elsewhere in the sentence; 0 without a parse.
type treePath struct {
	kind, r1, r2 byte
	// edge says whether the token starts (1), ends (2) or is all (3) of
	// the subtree it lies in below h (or p, g): the boundaries of a
	// clausal complement are those of a content.
	edge byte
}

// treePaths fills paths[i-a] for every token of the sentence [a,b) and the
// cue [qs,qe), reusing paths' storage.
func treePaths(paths []treePath, info []tokInfo, a, b, qs, qe int) []treePath {
	n := b - a
	if cap(paths) < n {
		paths = make([]treePath, n)
	}
	paths = paths[:n]
	h := cueHead(info, qs, qe)
	if info[h].rel == relNone {
		clear(paths)
		return paths
	}
	p := info[h].head
	g := -1
	if p >= 0 {
		g = info[p].head
	}
	for i := a; i < b; i++ {
		tp := treePath{kind: 'X'}
		if i >= qs && i < qe {
			tp = treePath{kind: 'C'}
		} else {
			// Walk up from i, remembering the last two tokens below the
			// current one.
			c1, c2 := -1, -1 // child of the current token on the path, and its child
			for j, steps := i, 0; j >= 0 && steps < 64; j, steps = info[j].head, steps+1 {
				if j == h {
					tp = treePath{kind: 'D', r1: relAt(info, c1), r2: relAt(info, c2), edge: edgeOf(info, c1, i)}
					break
				}
				if j == p {
					tp = treePath{kind: 'U', r1: info[h].rel, r2: relAt(info, c1), edge: edgeOf(info, c1, i)}
					break
				}
				if j == g {
					tp = treePath{kind: 'G', r1: info[p].rel, r2: relAt(info, c1), edge: edgeOf(info, c1, i)}
					break
				}
				c2, c1 = c1, j
			}
		}
		paths[i-a] = tp
	}
	return paths
}

// edgeOf says whether token i starts (1) or ends (2) the subtree of c, or
// both (3); 0 for neither or no c.
func edgeOf(info []tokInfo, c, i int) byte {
	if c < 0 {
		return 0
	}
	var e byte
	if info[c].lo == i {
		e |= 1
	}
	if info[c].hi == i {
		e |= 2
	}
	return e
}

// relAt is the relation of token j, relSelf for -1 (the path ended there).
func relAt(info []tokInfo, j int) byte {
	if j < 0 {
		return relSelf
	}
	return info[j].rel
}

// subjectSource finds the source of a cue the model and the rules left
// without one in the parse: the subject of the cue's root ("The ministry
// now estimates that …"), or, for a participle or infinitive cue ("the
// monitors released their report by announcing that …") and a verb
// coordinated with an earlier one ("The governor has condemned the raids,
// and has called for …"), the subject of the verb it hangs on. The model
// sees only a window of words around such a cue and misses the subject
// a clause away. A passive subject is what is said about, not who says
// it, and is never taken. It returns the token run, ok false when the
// parse names no subject.
func subjectSource(info []tokInfo, qs, qe int) ([2]int, bool) {
	h := cueHead(info, qs, qe)
	for steps := 0; h >= 0 && steps < 3; steps++ {
		if info[h].rel == relNone {
			return [2]int{}, false
		}
		if k := childWith(info, h, relCodes["nsubj"]); k >= 0 {
			if info[k].lo <= qs && info[k].hi >= qs || info[k].lo == info[k].hi && expletives[info[k].lower] {
				return [2]int{}, false
			}
			s, e := info[k].lo, info[k].hi
			for e > s && info[e].shape == 'p' {
				e-- // "The minister, citing a poll, said": the comma is not his
			}
			for s < e && info[s].shape == 'p' {
				s++ // nor, in "On Tuesday, Gov. Brown endorsed her", the one before him
			}
			return [2]int{s, e + 1}, true
		}
		if childWith(info, h, relCodes["nsubj:pass"]) >= 0 {
			return [2]int{}, false
		}
		switch info[h].rel {
		case relCodes["advcl"], relCodes["xcomp"], relCodes["conj"]:
			h = info[h].head
		default:
			return [2]int{}, false
		}
	}
	return [2]int{}, false
}

// childWith returns the first token whose head is h and whose relation is
// rel, -1 for none.
func childWith(info []tokInfo, h int, rel byte) int {
	for i := info[h].lo; i <= info[h].hi; i++ {
		if info[i].head == h && info[i].rel == rel {
			return i
		}
	}
	return -1
}

// expletives are subjects that name no one ("it seems", "this led to")
// and relative pronouns, whose antecedent the model finds better.
var expletives = map[string]bool{"it": true, "this": true, "that": true, "there": true, "which": true, "who": true}
