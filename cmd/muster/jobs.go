package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

// runJobs lists the job queue of `muster worker`: each job's state, owner,
// attempts, input and last error, and a count per state.
func (m *Main) runJobs(ctx context.Context, args []string) error {
	fs := m.newFlagSet("jobs", "[--state queued|running|done|failed] [--limit N] [--json]")
	state := fs.String("state", "", "only jobs in this state")
	limit := fs.Int("limit", 0, "at most this many jobs (0: all)")
	asJSON := fs.Bool("json", false, "print JSON Lines, one job per line")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	switch store.JobState(*state) {
	case "", store.JobQueued, store.JobRunning, store.JobDone, store.JobFailed:
	default:
		return muster.Errorf(muster.KindInvalid, "jobs: --state %q: want queued, running, done or failed", *state)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	jobs, err := db.Jobs(ctx, store.JobFilter{State: store.JobState(*state), Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		for _, j := range jobs {
			if err := enc.Encode(jobJSON(j)); err != nil {
				return err
			}
		}
		return nil
	}
	counts := map[store.JobState]int{}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tATTEMPTS\tOWNER\tUPDATED\tINPUT\tERROR")
	for _, j := range jobs {
		counts[j.State]++
		owner := j.LockedBy
		if j.State != store.JobRunning {
			owner = "-"
		}
		state := string(j.State)
		if j.State == store.JobQueued && !j.RunAfter.IsZero() {
			state += " (retry " + j.RunAfter.Format(time.RFC3339) + ")"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\n", j.ID, state, j.Attempts, owner,
			j.Updated.Format(time.RFC3339), jobInput(j), oneLineErr(j.Error))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var parts []string
	for _, s := range []store.JobState{store.JobQueued, store.JobRunning, store.JobDone, store.JobFailed} {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	fmt.Fprintf(m.Stdout, "%d jobs: %s\n", len(jobs), strings.Join(parts, ", "))
	return nil
}

// jobInput names an ingest job's input, or the kind of another job.
func jobInput(j store.Job) string {
	if j.Kind != jobIngest {
		return j.Kind
	}
	var p ingestJob
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return "(bad payload)"
	}
	return p.String()
}

func oneLineErr(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	return s
}

// jobJSON is a job as `muster jobs --json` prints it.
func jobJSON(j store.Job) any {
	return struct {
		ID       int64     `json:"id"`
		Kind     string    `json:"kind"`
		Input    string    `json:"input"`
		State    string    `json:"state"`
		Attempts int       `json:"attempts"`
		Owner    string    `json:"owner,omitempty"`
		Error    string    `json:"error,omitempty"`
		RunAfter time.Time `json:"run_after,omitzero"`
		Created  time.Time `json:"created"`
		Updated  time.Time `json:"updated"`
	}{j.ID, j.Kind, jobInput(j), string(j.State), j.Attempts, j.LockedBy, j.Error, j.RunAfter, j.Created, j.Updated}
}
