package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"hash/fnv"
	"sort"
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
// the sketchSize smallest 63-bit shingle hashes, sorted. The store keeps it
// as its own index, like full-text search, so it lives here.
func sketch(text string) []int64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	seen := map[int64]bool{}
	var hs []int64
	add := func(s string) {
		h := fnv.New64a()
		h.Write([]byte(s))
		v := int64(h.Sum64() >> 1) // 63 bits: a positive BIGINT on both backends
		if !seen[v] {
			seen[v] = true
			hs = append(hs, v)
		}
	}
	if len(words) < 3 {
		add(strings.Join(words, " "))
	}
	for i := 0; i+3 <= len(words); i++ {
		add(words[i] + " " + words[i+1] + " " + words[i+2])
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	if len(hs) > sketchSize {
		hs = hs[:sketchSize]
	}
	return hs
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
