package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

// TestEvalFlags checks that every eval task shares the subcommands' flag
// handling: -h prints its usage and is no error, an unknown flag or a
// stray argument (to a task that takes none) is an invalid-input error naming the task, never
// silently ignored.
func TestEvalFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, task := range []string{"ask", "attribution", "claims", "events", "geo", "muc4", "ner", "parse"} {
		t.Run(task, func(t *testing.T) {
			_, stderr, err := run(t, db, "eval", task, "-h")
			if err != nil || !strings.Contains(stderr, "Usage: muster eval "+task) {
				t.Errorf("eval %s -h: err %v, stderr %q; want its usage and no error", task, err, stderr)
			}
			_, _, err = run(t, db, "eval", task, "--no-such-flag")
			if muster.ErrorKind(err) != muster.KindInvalid || !strings.Contains(err.Error(), "eval "+task) {
				t.Errorf("eval %s --no-such-flag: err %v; want an invalid-input error naming the task", task, err)
			}
			if task == "ner" || task == "parse" {
				return // they take a file argument
			}
			_, _, err = run(t, db, "eval", task, "stray")
			if muster.ErrorKind(err) != muster.KindInvalid || !strings.Contains(err.Error(), `unexpected argument "stray"`) {
				t.Errorf("eval %s stray: err %v; want an invalid-input error naming the stray argument", task, err)
			}
		})
	}
}
