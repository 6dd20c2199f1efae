package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/muster-osint/muster"
)

// JobState is where a job is in its life: queued → running → done | failed.
type JobState string

// Job states.
const (
	JobQueued  JobState = "queued"
	JobRunning JobState = "running"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed"
)

// Job is a unit of work for `muster worker`, such as a document to ingest.
// Payload is opaque to the store; Kind tells the worker how to read it.
type Job struct {
	ID       int64
	Kind     string
	Payload  []byte
	State    JobState
	Attempts int    // times it was claimed
	Error    string // why it failed
	LockedBy string // the worker that claimed it last
	LockedAt time.Time
	Created  time.Time
	Updated  time.Time
}

// EnqueueJob queues a job and returns its id.
func (db *DB) EnqueueJob(ctx context.Context, kind string, payload []byte) (int64, error) {
	if kind == "" {
		return 0, muster.Errorf(muster.KindInvalid, "store: enqueue job: empty kind")
	}
	now := db.d.timeArg(db.now())
	var id int64
	err := db.write.QueryRowContext(ctx, db.q(`INSERT INTO jobs (kind, payload, state, created, updated)
		VALUES (?, ?, 'queued', ?, ?) RETURNING id`), kind, payload, now, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s job: %w", kind, err)
	}
	return id, nil
}

const jobColumns = `id, kind, payload, state, attempts, error, locked_by, locked_at, created, updated`

// ClaimJob gives the oldest queued job to worker and marks it running, or
// nil when there is none. A running job whose lock is older than lease is
// taken to belong to a dead worker and is claimed again. Two workers never
// get the same job: PostgreSQL skips rows another transaction has locked
// (FOR UPDATE SKIP LOCKED); SQLite runs the claim in an IMMEDIATE
// transaction, one writer at a time.
func (db *DB) ClaimJob(ctx context.Context, worker string, lease time.Duration) (*Job, error) {
	now := db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: claim job for %s: %w", worker, err)
	}
	defer tx.Rollback()
	j, err := db.claimJob(ctx, tx, worker, now, now.Add(-lease))
	if err != nil {
		return nil, fmt.Errorf("store: claim job for %s: %w", worker, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: claim job for %s: commit: %w", worker, err)
	}
	return j, nil
}

func (db *DB) claimJob(ctx context.Context, tx *sql.Tx, worker string, now, stale time.Time) (*Job, error) {
	row := tx.QueryRowContext(ctx, db.q(`UPDATE jobs
		SET state = 'running', attempts = attempts + 1, locked_by = ?, locked_at = ?, updated = ?
		WHERE id = (
			SELECT id FROM jobs
			WHERE state = 'queued' OR (state = 'running' AND locked_at < ?)
			ORDER BY id LIMIT 1`+db.d.skipLocked+`
		)
		RETURNING `+jobColumns),
		worker, db.d.timeArg(now), db.d.timeArg(now), db.d.timeArg(stale))
	var j Job
	err := row.Scan(&j.ID, &j.Kind, &j.Payload, &j.State, &j.Attempts, &j.Error, &j.LockedBy,
		sqlTime{&j.LockedAt}, sqlTime{&j.Created}, sqlTime{&j.Updated})
	if notFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &j, nil
}

// FinishJob marks a job done, or failed with jobErr's message when jobErr
// is not nil.
func (db *DB) FinishJob(ctx context.Context, id int64, jobErr error) error {
	state, msg := JobDone, ""
	if jobErr != nil {
		state, msg = JobFailed, jobErr.Error()
	}
	r, err := db.write.ExecContext(ctx, db.q(`UPDATE jobs SET state = ?, error = ?, locked_at = NULL, updated = ?
		WHERE id = ?`), string(state), msg, db.d.timeArg(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: finish job %d: %w", id, err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return fmt.Errorf("store: finish job %d: %w", id, err)
	} else if n == 0 {
		return muster.Errorf(muster.KindNotFound, "job %d not found", id)
	}
	return nil
}

// Job returns the job with the id; an error of kind muster.KindNotFound
// when there is none.
func (db *DB) Job(ctx context.Context, id int64) (*Job, error) {
	var j Job
	err := db.read.QueryRowContext(ctx, db.q(`SELECT `+jobColumns+` FROM jobs WHERE id = ?`), id).Scan(
		&j.ID, &j.Kind, &j.Payload, &j.State, &j.Attempts, &j.Error, &j.LockedBy,
		sqlTime{&j.LockedAt}, sqlTime{&j.Created}, sqlTime{&j.Updated})
	if notFound(err) {
		return nil, muster.Errorf(muster.KindNotFound, "job %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: job %d: %w", id, err)
	}
	return &j, nil
}

// Decision kinds: an analyst says two names are one entity, or two.
const (
	DecisionMerge = "merge"
	DecisionSplit = "split"
)

// Decision is an analyst's ruling that the entities named by two keys
// (muster.NameKey values or entity ids, as resolution uses them) are the
// same (merge) or different (split). Decisions are kept across re-ingest.
type Decision struct {
	ID       int64
	AKey     string
	BKey     string
	Decision string // DecisionMerge or DecisionSplit
	Note     string
	Created  time.Time // set by SaveDecision when zero
}

// SaveDecision records an analyst's decision.
func (db *DB) SaveDecision(ctx context.Context, d Decision) error {
	if d.Decision != DecisionMerge && d.Decision != DecisionSplit {
		return muster.Errorf(muster.KindInvalid, "store: decision on %q and %q: %q is neither merge nor split", d.AKey, d.BKey, d.Decision)
	}
	if d.AKey == "" || d.BKey == "" {
		return muster.Errorf(muster.KindInvalid, "store: %s decision: empty key", d.Decision)
	}
	created := d.Created
	if created.IsZero() {
		created = db.now()
	}
	_, err := db.write.ExecContext(ctx, db.q(`INSERT INTO decisions (a_key, b_key, decision, note, created)
		VALUES (?, ?, ?, ?, ?)`), d.AKey, d.BKey, d.Decision, d.Note, db.d.timeArg(created))
	return wrap(err, "store: %s decision on %q and %q", d.Decision, d.AKey, d.BKey)
}

// Decisions returns all decisions in the order they were made; a later
// decision on the same pair overrides an earlier one.
func (db *DB) Decisions(ctx context.Context) ([]Decision, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, a_key, b_key, decision, note, created FROM decisions ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: decisions: %w", err)
	}
	defer rows.Close()
	var out []Decision
	for rows.Next() {
		var d Decision
		if err := rows.Scan(&d.ID, &d.AKey, &d.BKey, &d.Decision, &d.Note, sqlTime{&d.Created}); err != nil {
			return nil, fmt.Errorf("store: decisions: %w", err)
		}
		out = append(out, d)
	}
	return out, wrap(closeRows(rows), "store: decisions")
}
