// Package muster is the vocabulary of muster: the nouns of DESIGN §2 (Document,
// Mention, Entity, Alias, Event, Claim, Value, Evidence, Attribution, Modality,
// Predicate, Contradiction) and their one shared JSON shape (DESIGN §6).
//
// muster turns news text into a source-grounded knowledge base of armed groups,
// people, places, events and claims. The pipeline is:
//
//	bytes ─► ingest ─► nlp ─► extract ─► resolve ─► store ─► query ─► cli / api / web
//
// Every stage is a package that speaks in these types; none of them import
// each other except as DESIGN/STYLE allow (see deps_test.go). This package
// imports only the standard library.
//
// Offsets: every persisted or printed offset (Mention, Evidence) counts
// Unicode code points into Document.Text, as Python and spaCy do. Packages
// may work in bytes internally and convert with CharOffsets at the boundary.
package muster
