package web

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// Bounds of the search for an outlet's verification note.
const (
	maxNoteDocs   = 2000 // documents read per snapshot for notes
	maxNoteLength = 300  // bytes of a note shown
	noteReach     = 3000 // bytes around the claim a note may stand
)

// verifyStems are the words of an outlet's "could not verify".
var verifyStems = []string{"verif", "confirm", "corroborat", "substantiat", "authenticat"}

// negations make them a disclaimer.
var negations = []string{"not ", "n't ", "unable", "no way", "cannot", "impossible"}

// disclaimerNear returns the sentence of text nearest to the code point
// offset at that says something could not be verified ("The Times could
// not independently confirm the casualty figures."), or "" when none
// stands within noteReach bytes: the outlet's own verification note, in
// its words.
func disclaimerNear(text string, at int) string {
	pos := byteOffset(text, at)
	lo, hi := max(0, pos-noteReach), min(len(text), pos+noteReach)
	best, bestDist := "", noteReach+1
	for start := lo; start < hi; {
		end := sentenceEnd(text, start, hi)
		s := text[start:end]
		ls := strings.ToLower(s)
		if hasAny(ls, verifyStems) && hasAny(ls, negations) {
			d := pos - end
			if start > pos {
				d = start - pos
			} else if end >= pos {
				d = 0
			}
			if d < bestDist {
				best, bestDist = strings.TrimSpace(s), d
			}
		}
		start = end
	}
	if len(best) > maxNoteLength {
		cut := maxNoteLength
		for cut > 0 && !utf8.RuneStart(best[cut]) {
			cut--
		}
		best = best[:cut] + "…"
	}
	return strings.Join(strings.Fields(best), " ")
}

// sentenceEnd returns the end of the sentence starting at start: after the
// next ". ", "? ", "! " or newline, or limit.
func sentenceEnd(text string, start, limit int) int {
	for i := start; i < limit; i++ {
		switch text[i] {
		case '\n':
			return i + 1
		case '.', '?', '!':
			if i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\n' {
				return i + 1
			}
		}
	}
	return limit
}

func hasAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// byteOffset converts a code-point offset into text to a byte offset.
func byteOffset(text string, cp int) int {
	n := 0
	for i := range text {
		if n == cp {
			return i
		}
		n++
	}
	return len(text)
}

// notes finds the verification note of every unverified claim in a
// disagreement, reading each document once.
func (snap *snapshot) findNotes(ctx context.Context, st Store) error {
	byDoc := map[string][]muster.Claim{}
	for _, c := range snap.contradictions {
		for _, cl := range c.Claims {
			if cl.Modality == muster.Unverified && len(cl.Evidence) > 0 {
				d := cl.Evidence[0].Document
				byDoc[d] = append(byDoc[d], cl)
			}
		}
	}
	n := 0
	for id, claims := range byDoc {
		if n == maxNoteDocs {
			break
		}
		n++
		d, err := st.Document(ctx, id)
		if err != nil {
			if muster.ErrorKind(err) == muster.KindNotFound {
				continue
			}
			return err
		}
		for _, cl := range claims {
			if note := disclaimerNear(d.Text, cl.Evidence[0].Start); note != "" {
				snap.notes[cl.ID] = note
			}
		}
	}
	return nil
}
