package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/muster-osint/muster"
)

// Main is the muster program: its streams and global configuration. Tests
// build one with their own streams and call Run.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Config Config
	// SetMemoryLimit, when set, applies ingest's and worker's soft heap
	// limit (main sets it to debug.SetMemoryLimit; see limitMemory).
	SetMemoryLimit func(int64) int64
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Config: DefaultConfig()}
}

// errUsage marks an error that should print usage.
var errUsage = errors.New("usage")

const usage = `muster — a source-grounded knowledge base of armed groups from news text

Usage: muster [--db PATH|URL] COMMAND [flags] ARGS

Commands:
  ingest PATH…         read articles (text, HTML, JSONL, RSS/Atom, WARC; dirs; - for stdin)
  profile NAME         what we know about a group, person or place, with citations
  ask "QUESTION"       answer a question such as "Who founded the RDK?"
  claims               list claims (filter with --subject, --predicate)
  contradictions       claims on which sources disagree
  events               events with date, place, participants and casualty figures
  export --format F    write the knowledge base: jsonl, csv (ACLED-style events), stix or ftm
  eval TASK            score muster against a data set (ner, events, attribution, geo, resolve)
  why NAME1 NAME2      why two names are (or are not) one entity
  merge NAME1 NAME2    record an analyst's decision: one entity
  split NAME1 NAME2    record an analyst's decision: two entities
  rebuild              re-analyse every stored document (after a decision or an upgrade)
  serve                JSON API under /api/v1/ and a web UI (--addr 127.0.0.1:8080)
  worker               ingest the jobs queued by 'ingest --queue' (many workers may share a PostgreSQL store)
  jobs                 list the job queue: state, owner, attempts, input, error
  version              print the version

Global flags:
  --db PATH|URL        store: a SQLite file (default ./muster.db) or postgres:// URL
Run 'muster COMMAND -h' for a command's flags.
`

// Run parses global flags and runs one subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("muster", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	m.Config.RegisterGlobal(fs)
	fs.Usage = func() { fmt.Fprint(m.Stderr, usage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return muster.Errorf(muster.KindInvalid, "%v", err)
	}
	m.Config.ApplyEnv(os.Getenv)
	args = fs.Args()
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return muster.Errorf(muster.KindInvalid, "no command given")
	}
	cmd, rest := args[0], args[1:]
	run, ok := m.commands()[cmd]
	if !ok {
		fmt.Fprint(m.Stderr, usage)
		return muster.Errorf(muster.KindInvalid, "unknown command %q", cmd)
	}
	// A subcommand asked for -h has printed its usage: that is not an error.
	if err := run(ctx, rest); !errors.Is(err, flag.ErrHelp) {
		return err
	}
	return nil
}

func (m *Main) commands() map[string]func(context.Context, []string) error {
	return map[string]func(context.Context, []string) error{
		"ingest":         m.runIngest,
		"profile":        m.runProfile,
		"ask":            m.runAsk,
		"claims":         m.runClaims,
		"contradictions": m.runContradictions,
		"events":         m.runEvents,
		"why":            m.runWhy,
		"merge":          m.runMerge,
		"split":          m.runSplit,
		"eval":           m.runEval,
		"rebuild":        m.runRebuild,
		"serve":          m.runServe,
		"worker":         m.runWorker,
		"jobs":           m.runJobs,
		"export":         m.runExport,
		"version":        m.runVersion,
		"help": func(context.Context, []string) error {
			fmt.Fprint(m.Stdout, usage)
			return nil
		},
	}
}

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

func (m *Main) runVersion(ctx context.Context, args []string) error {
	fmt.Fprintln(m.Stdout, "muster", Version)
	return nil
}

// exitCode maps an error's kind to the process exit code: 2 for bad input,
// 3 for not found, 1 otherwise.
func exitCode(err error) int {
	switch muster.ErrorKind(err) {
	case muster.KindInvalid:
		return 2
	case muster.KindNotFound:
		return 3
	}
	return 1
}

// newFlagSet returns a FlagSet for a subcommand that writes its usage to stderr.
func (m *Main) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: muster %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlagsOnly parses args for a subcommand that takes no positional
// arguments, and names the first stray one instead of ignoring it.
func parseFlagsOnly(fs *flag.FlagSet, args []string) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "%s: unexpected argument %q", fs.Name(), pos[0])
	}
	return nil
}

// parseFlags parses args, allowing flags after positional arguments
// ("muster profile RDK --json").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, muster.Errorf(muster.KindInvalid, "%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) == 0 || !strings.HasPrefix(args[0], "-") {
			for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
				pos = append(pos, args[0])
				args = args[1:]
			}
			if len(args) == 0 {
				return pos, nil
			}
		}
	}
}
