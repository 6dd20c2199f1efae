package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/resolve"
)

// defaultSharedData is where the shared data sets lie relative to the
// module root.
const defaultSharedData = "../shared/data"

// runEvalGeo scores muster's places against coders' coordinates:
//
//	muster eval geo --dataset gtd|acled|ucdp|bellingcat [--split dev|test] [--path locator|ingest] [--errors N] [--far N] [--about auto|none|CC,…] [--json] [--data DIR]
//
// --path locator (the default) scores resolve.LocateEvent on each record's
// text alone, the geocoder's event locator, which ingest never calls.
// --path ingest scores what a user gets (issue 12): the pipeline ingest
// runs (EventExtractor: extract's place reader, resolve.Geocode; no store)
// over the text with the record's date as publication date, and the place
// of the main event as the web map shows it (eval.EventPlace). Both are
// scored alike. With --about (locator path only), a text that names no
// country is read as about the countries its collection is about: auto
// takes those its texts name most, found from the texts alone, never from
// the coders' columns. Ingest has no such collection reading, so the
// default is none.
func (m *Main) runEvalGeo(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval geo", "--dataset gtd|acled|ucdp|bellingcat [--split dev|test] [--path locator|ingest] [--errors N] [--far N] [--about auto|none|CC,…] [--json]")
	dataset := fs.String("dataset", "", "data set: gtd, acled, ucdp or bellingcat")
	split := fs.String("split", "dev", "split: dev or test")
	path := fs.String("path", eval.GeoPathLocator, "what places the records: locator (resolve's event locator on the text alone) or ingest (the pipeline ingest runs; the main event's place as the web map shows it)")
	nErrors := fs.Int("errors", 0, "print the `N` worst records (unlocated first, then farthest)")
	nFar := fs.Int("far", 0, "print the `N` farthest of the records placed more than 500 km off")
	asJSON := fs.Bool("json", false, "print the result as JSON (DESIGN §7)")
	data := fs.String("data", defaultSharedData, "shared data `dir`")
	aboutFlag := fs.String("about", "none", "the `countries` the records are about, for texts that name none: none (as ingest reads a document), auto (those the records' texts name most, resolve.AboutCountries) or ISO codes (UA,RU)")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	if _, ok := eval.GeoDatasets[*dataset]; !ok {
		return muster.Errorf(muster.KindInvalid, "eval geo: unknown --dataset %q (want gtd, acled, ucdp or bellingcat)", *dataset)
	}
	switch *split {
	case "dev", "test":
	default:
		return muster.Errorf(muster.KindInvalid, "eval geo: unknown split %q (want dev or test)", *split)
	}
	switch *path {
	case eval.GeoPathLocator:
	case eval.GeoPathIngest:
		if *aboutFlag != "none" && *aboutFlag != "" {
			return muster.Errorf(muster.KindInvalid, "eval geo: --about applies to --path locator only (ingest reads each document alone)")
		}
	default:
		return muster.Errorf(muster.KindInvalid, "eval geo: unknown --path %q (want locator or ingest)", *path)
	}
	recs, err := eval.LoadGeoRecords(ctx, *data, *dataset, *split)
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval geo: %v", err)
	}
	gaz, err := resolve.LoadGazetteer()
	if err != nil {
		return fmt.Errorf("eval geo: %w", err)
	}
	var about []string
	switch *aboutFlag {
	case "auto":
		texts := make([]string, len(recs))
		for i, r := range recs {
			texts[i] = r.Text
		}
		about = gaz.AboutCountries(texts)
	case "none", "":
	default:
		for _, cc := range strings.Split(*aboutFlag, ",") {
			if cc = strings.ToUpper(strings.TrimSpace(cc)); len(cc) != 2 {
				return muster.Errorf(muster.KindInvalid, "eval geo: --about %q: want auto, none or ISO 3166-1 alpha-2 codes", *aboutFlag)
			}
			about = append(about, cc)
		}
	}
	var locate eval.GeoLocator = func(_ context.Context, r eval.GeoRecord) (muster.Place, bool, error) {
		p, ok := gaz.LocateEventAbout(r.Text, nil, about)
		return p, ok, nil
	}
	if *path == eval.GeoPathIngest {
		ex, err := EventExtractor()
		if err != nil {
			return fmt.Errorf("eval geo: %w", err)
		}
		locate = eval.IngestLocator(ex)
	}
	candidates := func(name string) [][2]float64 {
		var out [][2]float64
		for _, c := range gaz.Lookup(name) {
			out = append(out, [2]float64{c.Place.Lat, c.Place.Lon})
		}
		return out
	}
	textCandidates := func(text string) [][2]float64 {
		var out [][2]float64
		for _, m := range gaz.Spot(text) {
			out = append(out, candidates(m.Text)...)
		}
		return out
	}
	opt := eval.GeoOptions{Path: *path, CountryCode: gaz.CountryCode, Errors: *nErrors, Far: *nFar, Candidates: candidates, TextCandidates: textCandidates}
	res, err := eval.Geo(ctx, *dataset, *split, recs, locate, opt)
	if err != nil {
		return fmt.Errorf("eval geo: %w", err)
	}
	res.About = about
	if *asJSON {
		return res.WriteJSON(m.Stdout)
	}
	return res.WriteText(m.Stdout)
}
