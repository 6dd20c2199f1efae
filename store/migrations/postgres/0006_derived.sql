-- 0006: what the heavy pages derive from the whole store, kept up to date
-- at ingest in the transaction that saves the claims and events it comes
-- from (issue 14: contradictions and map data computed at ingest, not per
-- request). derived.go writes and reads these tables.

-- happening_keys indexes the events that can be one happening told twice
-- (query.HappeningKeys) by each key they share, with their dates, so that
-- a new event finds its candidates without a scan of all events.
CREATE TABLE happening_keys (
	key       TEXT NOT NULL,
	event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	time_from TEXT NOT NULL,
	time_to   TEXT NOT NULL,
	PRIMARY KEY (key, event_id)
);
CREATE INDEX happening_keys_event ON happening_keys(event_id);

-- event_clusters names the cluster (the id of its earliest event) of every
-- event in happening_keys; an event not listed is its own cluster.
CREATE TABLE event_clusters (
	event_id   TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
	cluster_id TEXT NOT NULL
);
CREATE INDEX event_clusters_cluster ON event_clusters(cluster_id);

-- contradictions holds the disagreements (muster.Contradiction as JSON)
-- about a subject (an entity, or an event cluster) and a predicate, seq
-- numbering them within the pair.
CREATE TABLE contradictions (
	subject_id   TEXT NOT NULL,
	predicate    TEXT NOT NULL,
	seq          INTEGER NOT NULL,
	subject_name TEXT NOT NULL,
	json         TEXT NOT NULL,
	PRIMARY KEY (subject_id, predicate, seq)
);
CREATE INDEX contradictions_order ON contradictions(subject_name, subject_id, predicate, seq);

-- map_places counts the events at each place, with the labels of the first
-- of them in time order, for the map.
CREATE TABLE map_places (
	place_id TEXT PRIMARY KEY,
	events   INTEGER NOT NULL,
	labels   TEXT NOT NULL -- JSON array
);

-- derived_state.stale is 1 when saves happened without the computation
-- (a store written before this migration, or by a program that did not
-- set DB.Derive): RefreshDerived computes everything again. version counts
-- the transactions that changed what the store holds: DB.State reads it
-- instead of counting every table's rows once a second.
CREATE TABLE derived_state (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	stale   INTEGER NOT NULL,
	version INTEGER NOT NULL
);
INSERT INTO derived_state (id, stale, version) VALUES (1, 1, 0);
