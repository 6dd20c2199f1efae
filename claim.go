package muster

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Modality is how the source holds a claim.
type Modality string

// Modalities (DESIGN §2).
const (
	Asserted   Modality = "asserted"   // stated as fact in the source's own voice
	Reported   Modality = "reported"   // stated as fact, on someone else's word
	Claimed    Modality = "claimed"    // an interested party's claim
	Estimated  Modality = "estimated"  // an estimate
	Denied     Modality = "denied"     // the source says it is not so
	Unverified Modality = "unverified" // the outlet says it could not verify it
	Hedged     Modality = "hedged"     // may, reportedly, allegedly
)

// Valid reports whether m is one of the modalities.
func (m Modality) Valid() bool {
	switch m {
	case Asserted, Reported, Claimed, Estimated, Denied, Unverified, Hedged:
		return true
	}
	return false
}

// AttributionType says what kind of source asserts a claim.
type AttributionType string

// Attribution types. Entity types are used as they are when the source is a
// known entity (media, person, state_force, organization, armed_group).
const (
	SourcePublisher AttributionType = "publisher" // the outlet in its own voice
	SourceUnnamed   AttributionType = "unnamed"   // "some estimates", "officials"
)

// Attribution is who asserts a claim: an entity, a description ("Russian
// state media"), the publisher, or an unnamed source.
type Attribution struct {
	ID   string          `json:"id,omitempty"` // entity id when resolved
	Name string          `json:"name"`
	Type AttributionType `json:"type"`
}

// Evidence is the exact words that state a claim. Start and End count code
// points into the document's text; Quote is that text.
type Evidence struct {
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Quote    string `json:"quote"`
	// Sentence is the code-point span of the enclosing sentence.
	Sentence *Span `json:"sentence,omitempty"`
}

// Claim is the unit of knowledge: subject · predicate · object, with the
// words that state it, who asserts it, and how.
type Claim struct {
	ID           string      `json:"id"` // "c_…", derived from content (see SetID)
	Subject      Ref         `json:"subject"`
	Predicate    Predicate   `json:"predicate"`
	Object       Value       `json:"object"`
	Time         *Value      `json:"time,omitempty"`  // qualifier: when it held
	Place        *Ref        `json:"place,omitempty"` // qualifier: where
	Role         string      `json:"role,omitempty"`  // qualifier for participant; side for casualties
	AttributedTo Attribution `json:"attributed_to"`
	Modality     Modality    `json:"modality"`
	Evidence     []Evidence  `json:"evidence"`
	Extractor    string      `json:"extractor,omitempty"`
	Confidence   float64     `json:"confidence"`
}

// SetID derives the claim's id from its document, evidence span, predicate,
// subject and object, so re-extracting the same text gives the same id.
func (c *Claim) SetID() {
	h := sha256.New()
	for _, e := range c.Evidence {
		h.Write([]byte(e.Document + ":" + strconv.Itoa(e.Start) + ":" + strconv.Itoa(e.End) + "|"))
	}
	h.Write([]byte(strings.Join([]string{c.Subject.ID, c.Subject.Name, string(c.Predicate), c.Object.Text, c.Object.String(), c.Role}, "|")))
	c.ID = "c_" + hex.EncodeToString(h.Sum(nil))[:16]
}

// Validate checks a claim before it is stored.
func (c *Claim) Validate() error {
	switch {
	case c.Subject.Name == "":
		return Errorf(KindInvalid, "claim %s: no subject", c.ID)
	case !c.Predicate.Valid():
		return Errorf(KindInvalid, "claim %s: unknown predicate %q", c.ID, c.Predicate)
	case !c.Modality.Valid():
		return Errorf(KindInvalid, "claim %s: unknown modality %q", c.ID, c.Modality)
	case len(c.Evidence) == 0:
		return Errorf(KindInvalid, "claim %s: no evidence", c.ID)
	}
	return nil
}

// Contradiction is derived, never stored as truth: claims on one subject and
// predicate whose values cannot all hold, from different attributions.
type Contradiction struct {
	Subject   Ref       `json:"subject"`
	Predicate Predicate `json:"predicate"`
	Claims    []Claim   `json:"claims"`
	Why       string    `json:"why"`
}
