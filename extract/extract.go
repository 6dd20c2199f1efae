// Package extract turns an annotated document into claims: who an armed
// group is, who founded and leads it, how big it is, what it believes,
// whom it fights for and against, what it did, and — for every one of
// them — the exact words that say so, who says so, and how sure they are.
//
// The extractor that ships is rules over the nlp.Doc layers: entity
// mentions (from the tagger, or from the capitalised-span finder here when
// there is none), within-document coreference ("the group", "the militia
// unit", surnames, acronyms in brackets), attribution (who asserts a
// statement, attribution.go) and modality (modality.go), and the value
// normalisers (number.go, date.go). Events and their casualty slots are in
// event.go. Every claim's evidence is a span of the text; Check rejects a
// claim whose quote is not the text at its span.
//
// Offsets inside this package are bytes; claims leave it in code points
// (muster.CharOffsets).
package extract

import (
	"fmt"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Version is the extractor's version, recorded on every claim.
const Version = "rules/0.1"

// Input is one document to extract from.
type Input struct {
	Doc       *nlp.Doc // segmented (and, when available, tagged)
	DocID     string
	Published time.Time // relative dates resolve against it; zero = unknown
	Publisher string    // the outlet whose own voice unattributed statements are
	// OracleMentions makes Doc.Mentions the document's names, typed as
	// given, instead of the names the mention finder would find: the gold
	// mentions with which `muster eval resolve --mentions gold` scores the
	// in-document resolver alone, through the code ingest runs.
	OracleMentions bool
	// LearnedRelations adds the relation scorer's claims
	// (relation_claims.go). Off by default: on news_armed_groups dev it
	// changes at most one claim, and on our own example sentences it
	// gives a wrong one (see DefaultRelationMargin).
	LearnedRelations bool
}

// Result is what Extract finds: the document's entities (with their
// aliases and mentions), claims and events. Claim subjects and objects
// name entities by Ref with an empty ID; resolution assigns IDs.
type Result struct {
	Entities []Entity
	Claims   []muster.Claim
	Events   []muster.Event
}

// Entity is an entity as one document knows it.
type Entity struct {
	muster.Entity
	Mentions []muster.Mention // code-point spans
}

// Check returns an error for the first claim or event whose evidence quote
// is not the text at its span: the guard that keeps every claim grounded
// (DESIGN §4), applied to rule and LLM extractors alike.
func Check(text string, claims []muster.Claim, events []muster.Event) error {
	return check(muster.NewOffsets(text), text, claims, events)
}

func check(offs *muster.Offsets, text string, claims []muster.Claim, events []muster.Event) error {
	checkEv := func(what string, ev []muster.Evidence) error {
		for _, e := range ev {
			b := offs.Bytes(muster.Span{Start: e.Start, End: e.End})
			if !b.Valid(len(text)) || text[b.Start:b.End] != e.Quote {
				return fmt.Errorf("%s: evidence [%d,%d) %q is not in the text", what, e.Start, e.End, e.Quote)
			}
		}
		return nil
	}
	for _, c := range claims {
		if err := checkEv("claim "+c.ID+" ("+string(c.Predicate)+")", c.Evidence); err != nil {
			return err
		}
	}
	for _, ev := range events {
		if err := checkEv("event "+ev.ID, ev.Evidence); err != nil {
			return err
		}
		if err := check(offs, text, ev.Claims, nil); err != nil {
			return err
		}
	}
	return nil
}
