package pipeline

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// chunkBytes bounds the text one extraction holds at once (issue 14: a
// document of 8 MB analysed whole took 12.6 times the CPU of one of 1 MB
// and 2 GB of memory). A longer document — a live blog, a digest, a
// crawl's long page — is extracted piece by piece, each piece ending at a
// paragraph break where one is near, and the pieces' results are put
// together at their offsets; cost and memory then grow with the pieces.
// News articles are far shorter and are analysed whole.
var chunkBytes = 256 << 10

// extractChunked extracts doc piece by piece (see chunkBytes). An entity
// named in several pieces is one entity with all their mentions, as the
// resolver would make it of one type and name; a claim or event is the
// piece's own, at its offsets in doc.
func (p *Pipeline) extractChunked(ctx context.Context, doc muster.Document) (*Extracted, error) {
	if doc.ID == "" {
		doc.SetText(doc.Text)
	}
	out := &extract.Result{}
	entity := map[string]int{} // localKey → index in out.Entities
	off := 0                   // code points before the piece
	for _, piece := range splitText(doc.Text, chunkBytes) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sub := doc
		sub.Text = piece // the id stays doc's: evidence names doc
		x, err := p.extract(ctx, sub, nil)
		if err != nil {
			return nil, err
		}
		r := x.r
		for i := range r.Claims {
			shiftClaim(&r.Claims[i], off)
		}
		out.Claims = append(out.Claims, r.Claims...)
		for i := range r.Events {
			ev := &r.Events[i]
			ev.Evidence = shiftEvidence(ev.Evidence, off)
			for j := range ev.Claims {
				shiftClaim(&ev.Claims[j], off)
			}
		}
		out.Events = append(out.Events, r.Events...)
		for _, e := range r.Entities {
			for j := range e.Mentions {
				e.Mentions[j].Start += off
				e.Mentions[j].End += off
			}
			k := localKey(e.Type, e.Name)
			if i, ok := entity[k]; ok {
				have := &out.Entities[i]
				have.Mentions = append(have.Mentions, e.Mentions...)
				have.Aliases = mergeAliases(have.Aliases, e.Aliases)
				continue
			}
			entity[k] = len(out.Entities)
			out.Entities = append(out.Entities, e)
		}
		off += utf8.RuneCountInString(piece)
	}
	return &Extracted{doc: doc, r: out}, nil
}

// shiftClaim moves a claim's evidence by off code points; its id, derived
// from the evidence's offsets, is derived again.
func shiftClaim(c *muster.Claim, off int) {
	c.Evidence = shiftEvidence(c.Evidence, off)
	c.SetID()
}

// shiftEvidence returns a copy of es moved by off code points (a copy:
// an event and its claims may share evidence).
func shiftEvidence(es []muster.Evidence, off int) []muster.Evidence {
	es = slices.Clone(es)
	for i := range es {
		e := &es[i]
		e.Start += off
		e.End += off
		if e.Sentence != nil {
			s := *e.Sentence
			s.Start += off
			s.End += off
			e.Sentence = &s
		}
	}
	return es
}

// splitText cuts text into pieces of at most size bytes (a piece is
// longer only when size splits a character), preferring to end a piece
// after a blank line, else a line break, else a sentence's full stop,
// else a space, in the piece's second half.
func splitText(text string, size int) []string {
	var out []string
	for len(text) > size {
		window := text[:size]
		cut := -1
		for _, sep := range []string{"\n\n", "\n", ". ", " "} {
			if i := strings.LastIndex(window, sep); i >= size/2 {
				cut = i + len(sep)
				break
			}
		}
		if cut < 0 {
			cut = size
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if cut == 0 {
				cut = size
			}
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	if len(text) > 0 || len(out) == 0 {
		out = append(out, text)
	}
	return out
}
