package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/muster-osint/muster"
)

// sketchSize is k of the bottom-k sketch, and nearShare the share of it
// two documents must have in common to be copies of one story: their
// shingle sets' Jaccard similarity is estimated by that share (a wire copy
// with a new headline and a changed word is near 0.85; two reports of one
// event by different outlets are well under 0.2).
const (
	sketchSize = 16
	nearShare  = 0.6
)

// sketch returns the bottom-k MinHash sketch of a text's word 3-shingles:
// the sketchSize smallest distinct 63-bit FNV-1a hashes of the shingles
// (the lower-cased words, runs of letters and digits, joined by a space),
// sorted; a text of fewer than three words has the one hash of its words
// joined. The store keeps it as its own index, like full-text search, so
// it lives here. It holds the k smallest hashes only, not every shingle
// (issue 14: the shingles of one 8 MB document were tens of megabytes).
func sketch(text string) []int64 {
	lower := strings.ToLower(text)
	top := make([]int64, 0, sketchSize+1) // the smallest hashes, sorted
	add := func(v int64) {
		i, found := slices.BinarySearch(top, v)
		if found || i == sketchSize {
			return
		}
		top = slices.Insert(top, i, v)
		if len(top) > sketchSize {
			top = top[:sketchSize]
		}
	}
	var w [3]string // the last three words
	n := 0          // words seen
	start := -1     // start of the word being read
	word := func(end int) {
		w[0], w[1], w[2] = w[1], w[2], lower[start:end]
		start = -1
		if n++; n >= 3 {
			add(shingleHash(w[0], w[1], w[2]))
		}
	}
	for i, r := range lower {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			word(i)
		}
	}
	if start >= 0 {
		word(len(lower))
	}
	if n < 3 {
		add(shingleHash(w[3-n:]...))
	}
	return top
}

// shingleHash is the 63-bit FNV-1a hash of words joined by a space (63
// bits: a positive BIGINT on both backends).
func shingleHash(words ...string) int64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i, s := range words {
		if i > 0 {
			h = (h ^ ' ') * prime
		}
		for j := 0; j < len(s); j++ {
			h = (h ^ uint64(s[j])) * prime
		}
	}
	return int64(h >> 1)
}

// linkNearDuplicate finds the earliest stored document that d is a near
// copy of, links d to it (unless d already names one), and records d's
// sketch.
func (db *DB) linkNearDuplicate(ctx context.Context, tx *wtx, d *muster.Document, res *SaveResult) error {
	sk := sketch(d.Text)
	if len(sk) == 0 {
		return nil
	}
	if d.DuplicateOf == "" {
		args := make([]any, len(sk))
		for i, h := range sk {
			args[i] = h
		}
		need := int(nearShare*float64(len(sk)) + 0.5)
		var dup string
		err := tx.QueryRowContext(ctx, db.q(`SELECT s.document_id FROM document_sketch s JOIN documents d ON d.id = s.document_id
			WHERE s.h IN (`+placeholders(len(sk))+`) GROUP BY s.document_id, d.ingested
			HAVING count(*) >= `+strconv.Itoa(need)+` ORDER BY d.ingested, s.document_id LIMIT 1`), args...).Scan(&dup)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if dup != "" {
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE documents SET duplicate_of = ? WHERE id = ?`), dup, d.ID); err != nil {
				return err
			}
			d.DuplicateOf, res.NearDuplicateOf = dup, dup
		}
	}
	if db.d.name == Postgres {
		// One statement over an array: a round trip per hash was a sixth
		// of a save's statements.
		_, err := tx.ExecContext(ctx, `INSERT INTO document_sketch (document_id, h) SELECT $1, h FROM unnest($2::bigint[]) AS h`, d.ID, sk)
		return err
	}
	// One statement over a JSON array of the hashes (63-bit: JSON integers
	// SQLite reads exactly).
	js, err := json.Marshal(sk)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO document_sketch (document_id, h) SELECT ?, value FROM json_each(?)`, d.ID, string(js))
	return err
}
