package extract

// scanTriggers finds what eventTriggerRE finds in a lower-cased sentence,
// with the same submatch layout ([start, end, crossing start, crossing
// end, noun start, noun end, verb start, verb end], -1 for a group that
// did not take part), by walking its words once. The regexp is the
// readable statement of the rule and the test that this agrees with it;
// this is what runs, because trying an alternation of twenty words at
// every word of every sentence was one of the pipeline's larger costs.
func scanTriggers(low string) [][]int {
	var out [][]int
	i := 0
	for i < len(low) {
		// The next word: a maximal run of ASCII word bytes, as \b sees it
		// (after "moved into" in "moved intoraid", none starts mid-word).
		if i > 0 && isWordByte(low[i-1]) {
			for i < len(low) && isWordByte(low[i]) {
				i++
			}
		}
		for i < len(low) && !isWordByte(low[i]) {
			i++
		}
		j := i
		for j < len(low) && isWordByte(low[j]) {
			j++
		}
		if i == j {
			break
		}
		w := low[i:j]
		if end, ok := crossingAt(low, w, j); ok {
			out = append(out, []int{i, end, i, end, -1, -1, -1, -1})
			i = end
			continue
		}
		if end, ok := nounTriggerAt(low, w, j); ok {
			out = append(out, []int{i, end, -1, -1, i, end, -1, -1})
			i = end
			continue
		}
		if triggerLex.has("fight", w) {
			out = append(out, []int{i, j, -1, -1, -1, -1, i, j})
		}
		i = j
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '_'
}

// crossingAt matches "marched (the border) into" and "entered (the)
// villages" at word w, which ends at j; it returns the end of the match.
func crossingAt(low, w string, j int) (int, bool) {
	switch {
	case triggerLex.has("cross", w):
		k, ok := spaces(low, j)
		if !ok {
			return 0, false
		}
		if next, end := wordAt(low, k); next == "the" {
			if k2, ok := spaces(low, end); ok {
				if next2, end2 := wordAt(low, k2); next2 == "border" {
					if k3, ok := spaces(low, end2); ok && hasPrefixAt(low, k3, "into") {
						return k3 + len("into"), true
					}
				}
			}
		}
		if hasPrefixAt(low, k, "into") {
			return k + len("into"), true
		}
	case triggerLex.has("enter", w):
		k, ok := spaces(low, j)
		if !ok {
			return 0, false
		}
		next, end := wordAt(low, k)
		if next == "the" {
			if k2, ok := spaces(low, end); ok {
				if n2, e2 := wordAt(low, k2); placeWord(n2) {
					return e2, true
				}
			}
		}
		if placeWord(next) {
			return end, true
		}
	}
	return 0, false
}

func placeWord(w string) bool {
	switch w {
	case "village", "villages", "town", "towns", "district", "region", "city", "territory":
		return true
	}
	return false
}

// nounTriggerAt matches the lexicon's narrative event words at word w,
// which ends at j: one word, or two with one space between ("drone
// strike", "air strike").
func nounTriggerAt(low, w string, j int) (int, bool) {
	if j < len(low) && low[j] == ' ' {
		if next, end := wordAt(low, j+1); next != "" && triggerLex.has("narrative", w+" "+next) {
			return end, true
		}
	}
	if triggerLex.has("narrative", w) {
		return j, true
	}
	return 0, false
}

// spaces skips the run of white space (\s+) at k; ok is false when there
// is none.
func spaces(s string, k int) (int, bool) {
	start := k
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '\f') {
		k++
	}
	return k, k > start
}

// wordAt returns the word starting at k (empty when none) and its end.
func wordAt(s string, k int) (string, int) {
	e := k
	for e < len(s) && isWordByte(s[e]) {
		e++
	}
	return s[k:e], e
}

func hasPrefixAt(s string, k int, p string) bool {
	return len(s)-k >= len(p) && s[k:k+len(p)] == p
}
