-- 0002: match keys of entities beyond their names' NameKey (transliteration
-- keys, acronym and surname keys), written by Save when DB.EntityKeys is
-- set, so that a new document resolves against stored entities by them.
CREATE TABLE entity_keys (
	entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	key       TEXT NOT NULL,
	PRIMARY KEY (entity_id, key)
);
CREATE INDEX entity_keys_key ON entity_keys(key);
