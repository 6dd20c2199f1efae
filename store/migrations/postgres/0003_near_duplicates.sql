-- 0003: near-duplicate detection (DESIGN §2: wire copies are linked, not
-- dropped). Each document keeps a bottom-k MinHash sketch of its word
-- 3-shingles: the k smallest shingle hashes. Two copies of one story share
-- most of them; a lookup by hash finds the candidates through the index.
CREATE TABLE document_sketch (
	document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	h           BIGINT NOT NULL,
	PRIMARY KEY (document_id, h)
);
CREATE INDEX document_sketch_h ON document_sketch(h);
