package muster

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Document is one ingested text. Its identity is the hash of its normalised
// text, so ingesting the same article twice stores it once.
type Document struct {
	ID        string    `json:"id"`   // "d_" + first 16 hex digits of Hash
	Hash      string    `json:"hash"` // SHA-256 of Text, hex
	Title     string    `json:"title,omitempty"`
	URL       string    `json:"url,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published time.Time `json:"published,omitzero"` // zero when unknown
	Language  string    `json:"language,omitempty"`
	Format    string    `json:"format,omitempty"` // text, html, jsonl, rss, atom, warc
	Source    string    `json:"source,omitempty"` // file path or URL it was read from
	Text      string    `json:"text,omitempty"`   // normalised text; offsets index into it
	Ingested  time.Time `json:"ingested,omitzero"`
	// DuplicateOf names an earlier document this one is a near-copy of
	// (wire copies are linked, not dropped).
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// ContentHash returns the hex SHA-256 of a normalised text.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// DocumentID returns the document id for a content hash.
func DocumentID(hash string) string {
	if len(hash) > 16 {
		hash = hash[:16]
	}
	return "d_" + hash
}

// SetText sets Text and derives Hash and ID from it.
func (d *Document) SetText(text string) {
	d.Text = text
	d.Hash = ContentHash(text)
	d.ID = DocumentID(d.Hash)
}

// DocumentRef is the short form of a document in lists and profiles.
type DocumentRef struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	Published time.Time `json:"published,omitzero"`
	URL       string    `json:"url,omitempty"`
}

// Ref returns the short form of d.
func (d *Document) Ref() DocumentRef {
	return DocumentRef{ID: d.ID, Title: d.Title, Publisher: d.Publisher, Published: d.Published, URL: d.URL}
}
