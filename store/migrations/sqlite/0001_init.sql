-- 0001: documents with full-text search, entities and aliases, mentions,
-- events, claims, jobs and analyst decisions (DESIGN §2, §5).
-- Times are TEXT in a fixed-width UTC layout (2006-01-02T15:04:05.000000Z)
-- so that they sort as strings.

CREATE TABLE documents (
	seq          INTEGER PRIMARY KEY, -- stable rowid for the FTS index
	id           TEXT NOT NULL UNIQUE,
	hash         TEXT NOT NULL UNIQUE,
	title        TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	publisher    TEXT NOT NULL DEFAULT '',
	byline       TEXT NOT NULL DEFAULT '',
	published    TEXT,
	language     TEXT NOT NULL DEFAULT '',
	format       TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL DEFAULT '',
	ingested     TEXT,
	duplicate_of TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_published ON documents(published);

CREATE VIRTUAL TABLE documents_fts USING fts5(
	title, text,
	content='documents', content_rowid='seq',
	tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TABLE entities (
	id           TEXT PRIMARY KEY,
	type         TEXT NOT NULL DEFAULT '',
	name         TEXT NOT NULL DEFAULT '',
	key          TEXT NOT NULL DEFAULT '', -- muster.NameKey(name)
	place        TEXT,                     -- JSON muster.Place
	external_ids TEXT,                     -- JSON object
	updated      TEXT
);
CREATE INDEX entities_key ON entities(key);
CREATE INDEX entities_type ON entities(type);

CREATE TABLE aliases (
	seq       INTEGER PRIMARY KEY, -- keeps aliases in the order they were learned
	entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
	key       TEXT NOT NULL,       -- muster.NameKey(name)
	name      TEXT NOT NULL,
	kind      TEXT NOT NULL DEFAULT '',
	sources   TEXT,                -- JSON array of claim ids
	UNIQUE (entity_id, key)
);
CREATE INDEX aliases_key ON aliases(key);

CREATE TABLE mentions (
	seq         INTEGER PRIMARY KEY,
	document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	start_pos   INTEGER NOT NULL, -- code points
	end_pos     INTEGER NOT NULL,
	text        TEXT NOT NULL DEFAULT '',
	type        TEXT NOT NULL DEFAULT '',
	entity_id   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mentions_document ON mentions(document_id, start_pos);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE events (
	id          TEXT PRIMARY KEY,
	document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	type        TEXT NOT NULL DEFAULT '',
	label       TEXT NOT NULL DEFAULT '',
	time_from   TEXT NOT NULL DEFAULT '', -- ISO date
	time_to     TEXT NOT NULL DEFAULT '',
	json        TEXT NOT NULL             -- the whole muster.Event
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_time ON events(time_from);

CREATE TABLE event_participants (
	event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	entity_id TEXT NOT NULL,
	role      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, entity_id, role)
);
CREATE INDEX event_participants_entity ON event_participants(entity_id);

CREATE TABLE event_places (
	event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	entity_id TEXT NOT NULL,
	PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_places_entity ON event_places(entity_id);

CREATE TABLE claims (
	id               TEXT PRIMARY KEY,
	document_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	subject_id       TEXT NOT NULL DEFAULT '',
	subject_name     TEXT NOT NULL DEFAULT '',
	predicate        TEXT NOT NULL,
	object_entity_id TEXT NOT NULL DEFAULT '',
	modality         TEXT NOT NULL,
	attributed_to    TEXT NOT NULL DEFAULT '', -- attribution entity id, else its name
	evidence_start   INTEGER NOT NULL DEFAULT 0,
	json             TEXT NOT NULL             -- the whole muster.Claim
);
CREATE INDEX claims_document ON claims(document_id, evidence_start);
CREATE INDEX claims_subject ON claims(subject_id, predicate);
CREATE INDEX claims_object ON claims(object_entity_id);
CREATE INDEX claims_predicate ON claims(predicate);

CREATE TABLE jobs (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	kind      TEXT NOT NULL,
	payload   BLOB,
	state     TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
	attempts  INTEGER NOT NULL DEFAULT 0,
	error     TEXT NOT NULL DEFAULT '',
	locked_by TEXT NOT NULL DEFAULT '',
	locked_at TEXT,
	created   TEXT NOT NULL,
	updated   TEXT NOT NULL
);
CREATE INDEX jobs_state ON jobs(state, id);

CREATE TABLE decisions (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	a_key    TEXT NOT NULL,
	b_key    TEXT NOT NULL,
	decision TEXT NOT NULL CHECK (decision IN ('merge', 'split')),
	note     TEXT NOT NULL DEFAULT '',
	created  TEXT NOT NULL
);
CREATE INDEX decisions_keys ON decisions(a_key, b_key);
