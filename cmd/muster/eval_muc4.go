package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
)

// muc4Dir is the MUC-4 distribution beside the repo, relative to the module.
const muc4Dir = "../shared/data/muc4/raw"

// muc4Split names the text and key files of one MUC-4 set, and the 1992
// score archive when the systems were scored on it.
type muc4Split struct {
	texts, keys []string
	mixed       string // the original mixed-case text, where kept
	results     string
	responses   string // the 1992 systems' response templates
}

// muc4Splits are the sets: dev (1,300 texts) and TST1/TST2 to tune,
// TST3/TST4 to report.
func muc4Splits(dir string) map[string]muc4Split {
	dev := muc4Split{}
	for i := 1; i <= 1201; i += 100 {
		dev.texts = append(dev.texts, filepath.Join(dir, "dev", fmt.Sprintf("dev-muc3-%04d-%04d", i, i+99)))
		dev.keys = append(dev.keys, filepath.Join(dir, "dev", fmt.Sprintf("key-dev-%04d.muc4", i)))
	}
	return map[string]muc4Split{
		"dev":  dev,
		"tst1": {texts: []string{filepath.Join(dir, "tst1", "tst1-muc3")}, keys: []string{filepath.Join(dir, "tst1", "key-tst1.v7")}},
		"tst2": {texts: []string{filepath.Join(dir, "tst2", "tst2-muc4")}, keys: []string{filepath.Join(dir, "tst2", "key-tst2.v4")}},
		"tst3": {texts: []string{filepath.Join(dir, "tst3", "tst3-muc4")}, keys: []string{filepath.Join(dir, "tst3", "key-tst3.v2")},
			results:   filepath.Join(dir, "results", "TST3", "scores-pass1.tst3.nrad.tar.Z"),
			responses: filepath.Join(dir, "results", "TST3", "response-templates.tst3.tar.Z")},
		"tst4": {texts: []string{filepath.Join(dir, "tst4", "tst4-muc4")}, keys: []string{filepath.Join(dir, "tst4", "key-tst4.v2")},
			mixed:     filepath.Join(dir, "tst4", "tst4-muc4.mixed-case"),
			results:   filepath.Join(dir, "results", "TST4", "scores-pass1.tst4.nrad.tar.Z"),
			responses: filepath.Join(dir, "results", "TST4", "response-templates.tst4.tar.Z")},
	}
}

// runEvalMUC4 scores muster's events as MUC-4 templates (issue 10 item 4)
// and prints them beside the 1992 systems' official per-slot scores.
func (m *Main) runEvalMUC4(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval muc4", "--split tst3|tst4 [--mixed-case] [--json]")
	split := fs.String("split", "", "tst3 or tst4 (report); dev, tst1 or tst2 (tune)")
	mixed := fs.Bool("mixed-case", false, "read TST4 in its original mixed case")
	asJSON := fs.Bool("json", false, "print one JSON object")
	verbose := fs.Bool("v", false, "print each text's key and response templates (never on tst3/tst4 while tuning)")
	limit := fs.Int("limit", 0, "score only the first `N` texts")
	only := fs.String("id", "", "score only the texts whose id contains this `string` (with -v: and list their events)")
	systems := fs.String("systems", strings.Join(eval.MUC4Systems, ","), "1992 `systems` to print beside muster (comma-separated; all for every one)")
	data := fs.String("data", muc4Dir, "MUC-4 raw `dir`")
	rescore := fs.String("rescore", "", "score this 1992 `system`'s own response templates instead of muster's, to set this scorer beside the official one")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	sp, ok := muc4Splits(*data)[*split]
	if !ok || fs.NArg() > 0 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "eval muc4: unknown split %q (want tst3, tst4, or dev, tst1, tst2 to tune)", *split)
	}
	if *mixed {
		if sp.mixed == "" {
			return muster.Errorf(muster.KindInvalid, "eval muc4: --mixed-case: only tst4 is kept in mixed case")
		}
		sp.texts = []string{sp.mixed}
	}
	texts, keys, err := readMUC4(sp)
	if err != nil {
		return err
	}
	if *only != "" {
		var keep []eval.MUC4Text
		for _, t := range texts {
			if strings.Contains(t.ID, strings.ToUpper(*only)) {
				keep = append(keep, t)
			}
		}
		texts = keep
	}
	if *limit > 0 && len(texts) > *limit {
		texts = texts[:*limit]
	}
	countries, err := readCountries(filepath.Join(*data, "..", "..", "countries", "countries_flat.tsv"))
	if err != nil {
		return err
	}
	var rep *eval.MUC4Report
	if *rescore != "" {
		if rep, err = rescoreMUC4(sp, *rescore, keys, countries); err != nil {
			return err
		}
	} else {
		ex, err := EventExtractor()
		if err != nil {
			return err
		}
		if rep, err = eval.ScoreMUC4(ctx, texts, keys, ex, countries, eventTypes()); err != nil {
			return muster.Errorf(muster.KindInternal, "eval muc4: %v", err)
		}
	}
	var results map[string]map[string]eval.SlotCount
	if sp.results != "" && *limit == 0 && *only == "" {
		f, err := os.Open(sp.results)
		if err != nil {
			return muster.Errorf(muster.KindNotFound, "eval muc4: %v", err)
		}
		results, err = eval.ReadMUC4Results(f, sp.results)
		f.Close()
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "eval muc4: %v", err)
		}
	}
	var syss []string
	if *systems == "all" {
		for s := range results {
			syss = append(syss, s)
		}
		sort.Strings(syss)
	} else if *systems != "" {
		syss = strings.Split(*systems, ",")
	}
	for _, s := range syss {
		if _, ok := results[s]; results != nil && !ok {
			return muster.Errorf(muster.KindInvalid, "eval muc4: no 1992 system %q in %s", s, sp.results)
		}
	}
	name := *split
	if *mixed {
		name += "-mixed-case"
	}
	if *asJSON {
		out := muc4JSON{eventsReport: eventsReport{Task: "muc4", Dataset: "muc4", Split: name, N: rep.N, DocsPerS: rep.DocsPerSecond(), Metrics: map[string]eventMetric{}}}
		metric := func(c eval.SlotCount) eventMetric {
			return eventMetric{Precision: ptr(c.Precision()), Recall: ptr(c.Recall()), F1: ptr(c.F1()), N: int(c.POS)}
		}
		for _, s := range append(eval.MUC4Slots, "overall") {
			out.Metrics[s] = metric(rep.Slots[s])
		}
		if results != nil {
			out.Systems = map[string]map[string]eventMetric{}
			for _, sys := range syss {
				ms := map[string]eventMetric{}
				for _, s := range eval.MUC4Slots {
					ms[s] = metric(results[sys][s])
				}
				ms["overall"] = metric(eval.SumSlots(results[sys], eval.MUC4Slots))
				out.Systems[sys] = ms
			}
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if *verbose {
		for _, d := range rep.Docs {
			o := eval.SumSlots(d.Slots, eval.MUC4Slots)
			fmt.Fprintf(m.Stdout, "%s: %d key, %d response templates; POS %g ACT %g COR %g PAR %g\n", d.ID, len(d.Key), len(d.Resp), o.POS, o.ACT, o.COR, o.PAR)
			for i, t := range d.Key {
				fmt.Fprintf(m.Stdout, "  key %d:  %s\n", i, formatTemplate(t))
			}
			for j, t := range d.Resp {
				to := "spurious"
				if d.Mapped[j] >= 0 {
					to = fmt.Sprintf("key %d", d.Mapped[j])
				}
				fmt.Fprintf(m.Stdout, "  resp (%s): %s\n", to, formatTemplate(t))
			}
			if *only != "" {
				for _, ev := range d.Events {
					q := ""
					if len(ev.Evidence) > 0 {
						q = strings.Join(strings.Fields(ev.Evidence[0].Quote), " ")
					}
					fmt.Fprintf(m.Stdout, "  event %s %q: %s\n", ev.Type, ev.Label, q)
				}
			}
		}
		fmt.Fprintln(m.Stdout)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 1, ' ', tabwriter.AlignRight)
	who := "muster"
	if *rescore != "" {
		who = *rescore + " rescored"
	}
	fmt.Fprintf(tw, "slot\t%s R\tP\tF\t", who)
	for _, s := range syss {
		if results != nil {
			fmt.Fprintf(tw, "%s R\tP\tF\t", s)
		}
	}
	fmt.Fprintln(tw)
	row := func(name string, c eval.SlotCount, sys func(string) eval.SlotCount) {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.1f\t", name, 100*c.Recall(), 100*c.Precision(), 100*c.F1())
		if results != nil {
			for _, s := range syss {
				x := sys(s)
				fmt.Fprintf(tw, "%.0f\t%.0f\t%.1f\t", 100*x.Recall(), 100*x.Precision(), 100*x.F1())
			}
		}
		fmt.Fprintln(tw)
	}
	for _, s := range eval.MUC4Slots {
		row(s, rep.Slots[s], func(sys string) eval.SlotCount { return results[sys][s] })
	}
	row("overall", rep.Slots["overall"], func(sys string) eval.SlotCount { return eval.SumSlots(results[sys], eval.MUC4Slots) })
	tw.Flush()
	rate := fmt.Sprintf(", %.1f texts/s", rep.DocsPerSecond())
	if *rescore != "" {
		rate = "" // nothing was analysed
	}
	fmt.Fprintf(m.Stdout, "MUC-4 %s: %d texts%s; overall is over the slots above (the 1992 systems' too, summed from their official counts)\n", name, rep.N, rate)
	return nil
}

// muc4JSON is DESIGN §7's report with the 1992 systems' metrics beside.
type muc4JSON struct {
	eventsReport
	Systems map[string]map[string]eventMetric `json:"systems_1992,omitempty"`
}

func formatTemplate(t eval.MUC4Template) string {
	var parts []string
	for _, s := range eval.MUC4Slots {
		for _, f := range t[s] {
			v := strings.Join(f.Alts, " / ")
			if f.Optional {
				v = "? " + v
			}
			parts = append(parts, s+"="+v)
		}
	}
	return strings.Join(parts, "; ")
}

// rescoreMUC4 scores a 1992 system's own responses with muster's scorer.
func rescoreMUC4(sp muc4Split, system string, keys []eval.MUC4Key, countries *eval.Countries) (*eval.MUC4Report, error) {
	if sp.responses == "" {
		return nil, muster.Errorf(muster.KindInvalid, "eval muc4: --rescore: the 1992 systems ran on tst3 and tst4 only")
	}
	f, err := os.Open(sp.responses)
	if err != nil {
		return nil, muster.Errorf(muster.KindNotFound, "eval muc4: %v", err)
	}
	defer f.Close()
	all, err := eval.ReadMUC4Responses(f, sp.responses)
	if err != nil {
		return nil, muster.Errorf(muster.KindInvalid, "eval muc4: %v", err)
	}
	resp, ok := all[system]
	if !ok {
		return nil, muster.Errorf(muster.KindInvalid, "eval muc4: no 1992 system %q in %s", system, sp.responses)
	}
	return eval.ScoreMUC4Responses(keys, resp, countries), nil
}

// readMUC4 reads the texts and keys of a split.
func readMUC4(sp muc4Split) ([]eval.MUC4Text, []eval.MUC4Key, error) {
	var texts []eval.MUC4Text
	var keys []eval.MUC4Key
	for _, p := range sp.texts {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, muster.Errorf(muster.KindNotFound, "eval muc4: %v (the MUC-4 data is read from ../shared at run time)", err)
		}
		t, err := eval.ReadMUC4Texts(f, p)
		f.Close()
		if err != nil {
			return nil, nil, muster.Errorf(muster.KindInvalid, "eval muc4: %v", err)
		}
		texts = append(texts, t...)
	}
	for _, p := range sp.keys {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, muster.Errorf(muster.KindNotFound, "eval muc4: %v", err)
		}
		k, err := eval.ReadMUC4Keys(f, p)
		f.Close()
		if err != nil {
			return nil, nil, muster.Errorf(muster.KindInvalid, "eval muc4: %v", err)
		}
		keys = append(keys, k...)
	}
	return texts, keys, nil
}
