-- 0007: a document's full-text row is written by the store when its
-- transaction commits, for all the documents the transaction inserted in
-- one statement (wtx.commit), not by a trigger per document: with the
-- trigger, every later statement of a batch that opened a statement
-- journal made FTS5 flush its pending terms, so that a batch of 64
-- documents wrote 64 small index segments and merged them (issue 14).
-- Deletes and updates of title or text still go through their triggers.
DROP TRIGGER documents_fts_insert;
