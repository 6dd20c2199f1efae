package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/export"
	"github.com/muster-osint/muster/store"
)

// runExport writes the knowledge base as JSON Lines or ACLED-style CSV
// events, to standard output or a file.
func (m *Main) runExport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("export", "--format jsonl|csv|stix|ftm [--out FILE]")
	format := fs.String("format", "jsonl", "jsonl (entities, events, claims), csv (ACLED-style events), stix (a STIX 2.1 bundle) or ftm (FollowTheMoney JSON Lines)")
	out := fs.String("out", "", "file to write (default: standard output)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *format {
	case "jsonl", "csv", "stix", "ftm":
	default:
		return muster.Errorf(muster.KindInvalid, "export: --format %q: want jsonl, csv, stix or ftm", *format)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	w := m.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "export: %v", err)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		defer bw.Flush()
		w = bw
	}
	events, err := db.Events(ctx, store.EventFilter{})
	if err != nil {
		return err
	}
	if *format == "csv" {
		return m.exportCSV(ctx, db, w, events)
	}
	ents, err := db.ListEntities(ctx, store.EntityFilter{})
	if err != nil {
		return err
	}
	claims, err := db.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		return err
	}
	if *format == "stix" {
		var docs []muster.Document
		err := db.EachDocument(ctx, func(d muster.Document) error {
			d.Text = ""
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return err
		}
		return export.STIX(w, docs, ents, events, claims)
	}
	if *format == "ftm" {
		return export.FtM(w, ents, events, claims)
	}
	return export.JSONL(w, ents, events, claims)
}

func (m *Main) exportCSV(ctx context.Context, db *store.DB, w io.Writer, events []muster.Event) error {
	places := map[string]muster.Place{}
	for _, ev := range events {
		for _, p := range ev.Places {
			if _, seen := places[p.ID]; seen || p.ID == "" {
				continue
			}
			e, err := db.Entity(ctx, p.ID)
			if err != nil {
				if muster.ErrorKind(err) == muster.KindNotFound {
					continue
				}
				return fmt.Errorf("export: %w", err)
			}
			if e.Place != nil {
				places[p.ID] = *e.Place
			}
		}
	}
	return export.EventsCSV(w, events, places)
}
