package tagger

import "strings"

// Capitalised words the model takes for names that name no entity muster
// keeps (issue 12: spurious mentions hold the resolver's CEAF-e precision
// down, each a cluster of its own). Written from the kinds of text news
// and government releases use, not from any gold file.
var (
	// referenceWords, before a number, cite a part of a law or a
	// document: "Section 1(a)", "Article 51", "E.O. 14024", "Resolution
	// 2231". Capitalised for the citation, not because they are names.
	referenceWords = map[string]bool{
		"section": true, "sections": true, "article": true, "articles": true, "paragraph": true,
		"clause": true, "chapter": true, "annex": true, "appendix": true, "schedule": true,
		"part": true, "title": true, "e.o.": true, "e.o": true, "eo": true, "order": true,
		"resolution": true, "amendment": true, "protocol": true, "decree": true, "directive": true,
		"regulation": true, "rule": true, "no.": true, "no": true, "sec.": true, "art.": true,
	}
	// platformNames are online services that news names as the medium a
	// statement went out on ("said on Telegram", "in a Facebook post"):
	// products, MISC in CoNLL's scheme, never a place and never an actor
	// of the story.
	platformNames = map[string]bool{
		"telegram": true, "facebook": true, "twitter": true, "instagram": true, "youtube": true,
		"tiktok": true, "whatsapp": true, "vkontakte": true, "viber": true, "odnoklassniki": true,
		"rutube": true, "threads": false, "x": false, "signal": false, "vk": true,
	}
	// officeTitles after a nationality describe a person ("a Ukrainian
	// MP", "the British PM"): the nationality is MISC, the title no name.
	officeTitles = map[string]bool{
		"mp": true, "mps": true, "pm": true, "president": true, "minister": true, "prime": true,
		"ambassador": true, "envoy": true, "lawmaker": true, "senator": true, "general": true,
		"commander": true, "official": true, "officials": true, "diplomat": true, "diplomats": true,
	}
)

// dropNonNames removes from one sentence's chunks the citations of a part
// of a document ("Section 1(a)", "E.O. 14024": every word a reference
// word, a number next), and retypes as MISC an online platform alone and
// an acronym in brackets after a MISC name ("Executive Order (E.O.)"): it
// abbreviates that name, and is of its kind. A nationality and an office
// ("Ukrainian MP") become the nationality alone, MISC. The sentence's
// first token is document token k.
func (m *model) dropNonNames(st *docState, sent []string, k int, cs []chunk) []chunk {
	misc := m.typeIndex("MISC", -1)
	out := cs[:0]
	for _, c := range cs {
		words := make([]string, 0, c.end-c.start)
		for _, w := range sent[c.start:c.end] {
			words = append(words, strings.ToLower(string(normalize(nil, w))))
		}
		if allIn(words, referenceWords) && numberAfter(sent, c.end) {
			continue
		}
		if len(words) > 1 && misc >= 0 && st.toks[k+c.start].gazB&gazDemonym != 0 && allIn(words[1:], officeTitles) {
			c.end, c.typ = c.start+1, misc
		}
		if len(words) == 1 && platformNames[words[0]] && misc >= 0 {
			c.typ = misc
		}
		if n := len(out); n > 0 && c.end-c.start == 1 && c.start >= 1 && sent[c.start-1] == "(" && out[n-1].end == c.start-1 &&
			out[n-1].typ == misc && misc >= 0 && isAcronym(sent[c.start]) {
			c.typ = misc
		}
		out = append(out, c)
	}
	return out
}

func allIn(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return len(words) > 0
}

// numberAfter reports whether a number follows token i of sent, past a
// closing or opening bracket: "Section 1(a)", "(E.O.) 14024", "Section
// (1)(a)".
func numberAfter(sent []string, i int) bool {
	for k := i; k < len(sent) && k < i+2; k++ {
		w := sent[k]
		if w == ")" || w == "(" {
			continue
		}
		return w != "" && w[0] >= '0' && w[0] <= '9'
	}
	return false
}
