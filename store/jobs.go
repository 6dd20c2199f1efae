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
	RunAfter time.Time // a failed job queued again waits until then
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

const jobColumns = `id, kind, payload, state, attempts, error, locked_by, locked_at, created, updated, run_after`

// DefaultMaxAttempts is how many times a job is claimed before a failure
// that may pass (or a lost worker) fails it for good, when
// DB.MaxJobAttempts is zero.
const DefaultMaxAttempts = 5

// retryBackoff is how long a failed job waits before its next attempt:
// 2s, 4s, 8s … doubling with each attempt, at most 5 minutes.
func retryBackoff(attempts int) time.Duration {
	d := 2 * time.Second
	for i := 1; i < attempts && d < 5*time.Minute; i++ {
		d *= 2
	}
	return min(d, 5*time.Minute)
}

func (db *DB) maxAttempts() int {
	if db.MaxJobAttempts > 0 {
		return db.MaxJobAttempts
	}
	return DefaultMaxAttempts
}

// ClaimJob gives the oldest queued job that is due to worker and marks it
// running, or nil when there is none. A running job whose lock is older
// than lease is taken to belong to a dead worker and is claimed again,
// unless it has been claimed DB.MaxJobAttempts times already: then it is
// failed ("worker lost"), so that an input that kills its workers does
// not kill the fleet. Two workers never get the same job: PostgreSQL
// skips rows another transaction has locked (FOR UPDATE SKIP LOCKED);
// SQLite runs the claim in an IMMEDIATE transaction, one writer at a
// time. A worker holding a job keeps it by calling RenewJob well within
// the lease.
func (db *DB) ClaimJob(ctx context.Context, worker string, lease time.Duration) (*Job, error) {
	now := db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: claim job for %s: %w", worker, err)
	}
	defer tx.Rollback()
	stale := now.Add(-lease)
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE jobs
		SET state = 'failed', error = ?, locked_at = NULL, updated = ?
		WHERE state = 'running' AND locked_at < ? AND attempts >= ?`),
		fmt.Sprintf("worker lost (lease expired) on each of %d attempts", db.maxAttempts()),
		db.d.timeArg(now), db.d.timeArg(stale), db.maxAttempts()); err != nil {
		return nil, fmt.Errorf("store: claim job for %s: %w", worker, err)
	}
	j, err := db.claimJob(ctx, tx, worker, now, stale)
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
			WHERE (state = 'queued' AND (run_after IS NULL OR run_after <= ?))
				OR (state = 'running' AND locked_at < ?)
			ORDER BY id LIMIT 1`+db.d.skipLocked+`
		)
		RETURNING `+jobColumns),
		worker, db.d.timeArg(now), db.d.timeArg(now), db.d.timeArg(now), db.d.timeArg(stale))
	j, err := scanJob(row)
	if notFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return j, nil
}

// errNotOwner is the error of RenewJob, FinishJob and ReleaseJob when the
// job is no longer the worker's: its lease ran out and another worker
// claimed it, or it was finished.
func errNotOwner(id int64, worker string) error {
	return muster.Errorf(muster.KindConflict, "job %d is no longer held by %s (lease lost)", id, worker)
}

// RenewJob extends worker's lease on a running job to now. It fails with
// an error of kind muster.KindConflict when the job is not running under
// worker any more: the worker must then stop working on it.
func (db *DB) RenewJob(ctx context.Context, id int64, worker string) error {
	now := db.d.timeArg(db.now())
	r, err := db.write.ExecContext(ctx, db.q(`UPDATE jobs SET locked_at = ?, updated = ?
		WHERE id = ? AND state = 'running' AND locked_by = ?`), now, now, id, worker)
	return db.owned(r, err, id, worker, "renew")
}

// FinishJob marks worker's running job done, or, when jobErr is not nil,
// records the error and either fails the job for good or queues it again
// after a backoff: bad input (an error of kind muster.KindInvalid) fails
// at once, another error is retried until the job has been claimed
// DB.MaxJobAttempts times. It fails with kind muster.KindConflict when the
// job is not running under worker (its lease ran out and another worker
// took it), and with muster.KindNotFound when there is no such job.
func (db *DB) FinishJob(ctx context.Context, id int64, worker string, jobErr error) error {
	now := db.now()
	var r sql.Result
	var err error
	switch {
	case jobErr == nil:
		r, err = db.write.ExecContext(ctx, db.q(`UPDATE jobs SET state = 'done', error = '', locked_at = NULL, run_after = NULL, updated = ?
			WHERE id = ? AND state = 'running' AND locked_by = ?`), db.d.timeArg(now), id, worker)
	case muster.ErrorKind(jobErr) == muster.KindInvalid:
		r, err = db.write.ExecContext(ctx, db.q(`UPDATE jobs SET state = 'failed', error = ?, locked_at = NULL, run_after = NULL, updated = ?
			WHERE id = ? AND state = 'running' AND locked_by = ?`), jobErr.Error(), db.d.timeArg(now), id, worker)
	default:
		// The attempts read here cannot change under us while the job is
		// ours: only a claim changes them, and a claim takes the job away,
		// which the update's ownership test then sees.
		var attempts int
		if err := db.read.QueryRowContext(ctx, db.q(`SELECT attempts FROM jobs WHERE id = ?`), id).Scan(&attempts); err != nil && !notFound(err) {
			return fmt.Errorf("store: finish job %d: %w", id, err)
		}
		if attempts >= db.maxAttempts() {
			r, err = db.write.ExecContext(ctx, db.q(`UPDATE jobs SET state = 'failed', error = ?, locked_at = NULL, run_after = NULL, updated = ?
				WHERE id = ? AND state = 'running' AND locked_by = ?`),
				fmt.Sprintf("attempt %d of %d: %v", attempts, db.maxAttempts(), jobErr), db.d.timeArg(now), id, worker)
		} else {
			r, err = db.write.ExecContext(ctx, db.q(`UPDATE jobs SET state = 'queued', error = ?, locked_by = '', locked_at = NULL, run_after = ?, updated = ?
				WHERE id = ? AND state = 'running' AND locked_by = ?`),
				fmt.Sprintf("attempt %d of %d: %v", attempts, db.maxAttempts(), jobErr),
				db.d.timeArg(now.Add(retryBackoff(attempts))), db.d.timeArg(now), id, worker)
		}
	}
	return db.owned(r, err, id, worker, "finish")
}

// ReleaseJob gives worker's running job back to the queue, for a worker
// that stops (SIGTERM) before finishing it: another worker may claim it at
// once, and the interrupted attempt is not counted.
func (db *DB) ReleaseJob(ctx context.Context, id int64, worker string) error {
	r, err := db.write.ExecContext(ctx, db.q(`UPDATE jobs SET state = 'queued', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
			locked_by = '', locked_at = NULL, updated = ?
		WHERE id = ? AND state = 'running' AND locked_by = ?`), db.d.timeArg(db.now()), id, worker)
	return db.owned(r, err, id, worker, "release")
}

// owned turns the result of an update of worker's job into an error: not
// found when there is no job id, a conflict when it is not worker's.
func (db *DB) owned(r sql.Result, err error, id int64, worker, what string) error {
	if err != nil {
		return fmt.Errorf("store: %s job %d: %w", what, id, err)
	}
	n, err := r.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s job %d: %w", what, id, err)
	}
	if n > 0 {
		return nil
	}
	var state string
	if err := db.write.QueryRowContext(context.Background(), db.q(`SELECT state FROM jobs WHERE id = ?`), id).Scan(&state); notFound(err) {
		return muster.Errorf(muster.KindNotFound, "job %d not found", id)
	}
	return errNotOwner(id, worker)
}

// scanJob scans the jobColumns of one row.
func scanJob(row interface{ Scan(...any) error }) (*Job, error) {
	var j Job
	err := row.Scan(&j.ID, &j.Kind, &j.Payload, &j.State, &j.Attempts, &j.Error, &j.LockedBy,
		sqlTime{&j.LockedAt}, sqlTime{&j.Created}, sqlTime{&j.Updated}, sqlTime{&j.RunAfter})
	if err != nil {
		return nil, err
	}
	return &j, nil
}

// JobFilter selects jobs for Jobs. Zero fields do not filter; Limit 0
// means no limit.
type JobFilter struct {
	State JobState
	Limit int
}

// Jobs returns the jobs that pass the filter, oldest first.
func (db *DB) Jobs(ctx context.Context, f JobFilter) ([]Job, error) {
	query, args := `SELECT `+jobColumns+` FROM jobs`, []any{}
	if f.State != "" {
		query += ` WHERE state = ?`
		args = append(args, string(f.State))
	}
	query += ` ORDER BY id` + limit(f.Limit)
	rows, err := db.read.QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("store: jobs: %w", err)
		}
		out = append(out, *j)
	}
	return out, wrap(closeRows(rows), "store: jobs")
}

// Job returns the job with the id; an error of kind muster.KindNotFound
// when there is none.
func (db *DB) Job(ctx context.Context, id int64) (*Job, error) {
	j, err := scanJob(db.read.QueryRowContext(ctx, db.q(`SELECT `+jobColumns+` FROM jobs WHERE id = ?`), id))
	if notFound(err) {
		return nil, muster.Errorf(muster.KindNotFound, "job %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: job %d: %w", id, err)
	}
	return j, nil
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
