package pipeline_test

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/pipeline"
)

var trainRoles = flag.Bool("train-roles", false, "retrain extract/event_roles_model.gz on MUC-4's dev texts and keys")

var rolesShared = flag.String("roles-shared", "../../shared", "the shared data folder, for -train-roles")

// roleTrainRuns is how many shuffled orders the role model averages
// (extract.RoleTrainOptions.Runs).
const roleTrainRuns = 20

// TestTrainRoleModel rewrites the role scorer's embedded model when run
// with -train-roles (make model-roles): MUC-4's 1,300 dev texts, read
// through the pipeline's own nlp stages (re-cased as ingest re-cases
// them), labelled by their answer keys, and the GTD summaries of the
// dev-train half of GTD's dev split (eval.RoleTrainPart), labelled by
// their coded perpetrator group. The same data gives the same bytes.
func TestTrainRoleModel(t *testing.T) {
	if !*trainRoles {
		t.Skip("run with -train-roles to retrain the model")
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	muc4Raw := filepath.Join(*rolesShared, "data", "muc4", "raw")
	var docs []extract.RoleTrainingDoc
	for i := 1; i <= 1201; i += 100 {
		texts := readMUC4File(t, filepath.Join(muc4Raw, "dev", fmt.Sprintf("dev-muc3-%04d-%04d", i, i+99)), eval.ReadMUC4Texts)
		keys := readMUC4File(t, filepath.Join(muc4Raw, "dev", fmt.Sprintf("key-dev-%04d.muc4", i)), eval.ReadMUC4Keys)
		byID := map[string]eval.MUC4Key{}
		for _, k := range keys {
			byID[k.ID] = k
		}
		for _, tx := range texts {
			d, err := p.Annotate(context.Background(), tx.Text)
			if err != nil {
				t.Fatal(err)
			}
			td := extract.RoleTrainingDoc{Doc: d}
			for _, tm := range byID[tx.ID].Templates {
				for k, slot := range extract.RoleSlots {
					for _, f := range tm[slot] {
						if k > 0 {
							td.Fills[k] = append(td.Fills[k], f.Alts)
						}
					}
				}
			}
			docs = append(docs, td)
		}
	}
	nMUC := len(docs)
	gtd, err := gtdRoleDocs(p, filepath.Join(*rolesShared, "data", "gtd", "gtd_events_with_summary.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, gtd...)
	t0 := time.Now()
	m := extract.TrainRoleModel(docs, extract.RoleTrainOptions{Seed: 1, Runs: roleTrainRuns})
	t.Logf("trained on %d MUC-4 and %d GTD documents in %s", nMUC, len(gtd), time.Since(t0))
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../extract/event_roles_model.gz", b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote extract/event_roles_model.gz: %d bytes", len(b))
}

// gtdRoleDocs reads the GTD records the role scorer learns from: the
// dev-train half of the dev split, each summary annotated and its coded
// groups (gname, gname2) given as perpetrator organisation fills, with
// the name without its bracketed acronym and the acronym as
// alternatives ("Tehrik-i-Taliban Pakistan (TTP)").
func gtdRoleDocs(p *pipeline.Pipeline, path string) ([]extract.RoleTrainingDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gtd: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gtd: %s: %w", path, err)
	}
	recs, err := eval.ReadGTD(zr, path)
	if err != nil {
		return nil, fmt.Errorf("gtd: %w", err)
	}
	var docs []extract.RoleTrainingDoc
	for _, r := range eval.Split(recs, "dev-train") {
		d, err := p.Annotate(context.Background(), r.Text)
		if err != nil {
			return nil, fmt.Errorf("gtd %s: %w", r.ID, err)
		}
		td := extract.RoleTrainingDoc{Doc: d, Partial: true}
		for _, g := range r.Gold["perpetrator"] {
			td.Fills[extract.SlotPerpOrg] = append(td.Fills[extract.SlotPerpOrg], nameAlts(g))
		}
		docs = append(docs, td)
	}
	return docs, nil
}

// nameAlts returns a coded group name's upper-case alternatives: the
// name, the name without its bracketed part, and what the brackets hold.
func nameAlts(name string) []string {
	alts := []string{strings.ToUpper(name)}
	if i := strings.Index(name, "("); i > 0 {
		alts = append(alts, strings.ToUpper(strings.TrimSpace(name[:i])))
		if j := strings.Index(name[i:], ")"); j > 1 {
			alts = append(alts, strings.ToUpper(strings.TrimSpace(name[i+1:i+j])))
		}
	}
	return alts
}

func readMUC4File[T any](t *testing.T, path string, read func(r io.Reader, name string) ([]T, error)) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := read(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
