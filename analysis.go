package muster

// Analysis is what the pipeline makes of one document, and what the store
// saves in one transaction: the document, its mentions, the entities they
// resolve to, its events and its claims.
type Analysis struct {
	Document Document  `json:"document"`
	Mentions []Mention `json:"mentions"`
	Entities []Entity  `json:"entities"`
	Events   []Event   `json:"events"`
	Claims   []Claim   `json:"claims"`
	// Note says why the analysis is incomplete, when it is: "analysis
	// truncated: …" for a document stored without the claims its analysis
	// did not finish in time (issue 14). Empty for a whole analysis.
	Note string `json:"note,omitempty"`
}
