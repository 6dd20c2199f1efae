// Package pipeline runs muster's stages over one document — nlp (sentences,
// tokens, mentions), extract (claims, events, attribution, modality) and
// resolve (entity ids across documents, geocoding) — and returns the
// muster.Analysis that the store saves in one transaction.
//
// It reads what is already stored only through resolve.Index, so that a
// new document resolves against the store without reprocessing it; the
// caller saves the result (cmd/muster wires *store.DB to both).
package pipeline

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
	"github.com/muster-osint/muster/nlp/tagger"
	"github.com/muster-osint/muster/resolve"
)

// Options configures a Pipeline.
type Options struct {
	// NoTagger skips the statistical tagger: mentions then come from the
	// extractor's capitalised-span finder alone.
	NoTagger bool
	// NoGeocode skips geocoding places.
	NoGeocode bool
	// NoSyntax skips the tagger, lemmatiser and dependency parser of
	// nlp/syntax, and so every extraction rule that needs the parse: for
	// measuring what the parse costs and gives.
	NoSyntax bool
	// LearnedRelations adds the claims of extract's learned relation
	// scorer (extract.Input.LearnedRelations; off by default).
	LearnedRelations bool
	// Overrides are analysts' merge and split decisions.
	Overrides []resolve.Override
}

// Pipeline analyses documents. It is safe for concurrent use.
type Pipeline struct {
	chain *nlp.Chain
	// caser re-cases documents written in capitals before analysis (nil
	// without the tagger; see Analyze).
	caser *nlp.Chain
	// known restores the casing of the alias table's multi-word names in
	// a document written in capitals, after the truecaser.
	known *knownCasing
	tag   *tagger.Tagger
	gaz   *resolve.Gazetteer
	opt   Options
}

// New loads the embedded models and returns a Pipeline.
func New(opt Options) (*Pipeline, error) {
	stages := []nlp.Annotator{segment.New()}
	p := &Pipeline{opt: opt}
	if !opt.NoTagger {
		t, err := tagger.Load()
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		stages = append(stages, t)
		p.tag = t
		if p.caser, err = nlp.NewChain(segment.New()); err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		al, err := resolve.DefaultAliases()
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		p.known = newKnownCasing(al.MixedCaseNames())
	}
	if !opt.NoSyntax {
		sx, err := syntax.New()
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		stages = append(stages, sx)
	}
	chain, err := nlp.NewChain(stages...)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	p.chain = chain
	if !opt.NoGeocode {
		if p.gaz, err = resolve.LoadGazetteer(); err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
	}
	return p, nil
}

// Analyze runs the stages over doc, resolving its entities against idx
// (nil for none). The returned analysis's evidence is checked against the
// text: a claim whose quote is not at its span is an internal error. It is
// Extract and then Resolve.
func (p *Pipeline) Analyze(ctx context.Context, doc muster.Document, idx resolve.Index) (*muster.Analysis, error) {
	x, err := p.Extract(ctx, doc)
	if err != nil {
		return nil, err
	}
	return p.Resolve(ctx, x, idx)
}

// AnalyzeMentions is Analyze with the document's names given (code-point
// spans and types) instead of found: every later stage — the in-document
// resolver, resolution across documents, geocoding — is the one Analyze
// runs. It scores resolution on oracle mentions (`muster eval resolve
// --mentions gold`). A mention outside the text is an error.
func (p *Pipeline) AnalyzeMentions(ctx context.Context, doc muster.Document, idx resolve.Index, names []muster.Mention) (*muster.Analysis, error) {
	if names == nil {
		names = []muster.Mention{}
	}
	x, err := p.extract(ctx, doc, names)
	if err != nil {
		return nil, err
	}
	return p.Resolve(ctx, x, idx)
}

// Extracted is a document after the stages that read nothing stored
// (sentences, tokens, mentions, claims, events): the costly part of an
// analysis, which may run on many documents in parallel. Resolve finishes it.
type Extracted struct {
	doc muster.Document
	r   *extract.Result
	// geo is the gazetteer's answer for the extracted place names.
	geo *located
}

// Document returns the document extracted from.
func (x *Extracted) Document() *muster.Document { return &x.doc }

// Extract runs the stages of an analysis that need no store over doc (a
// long document piece by piece: see chunkBytes). It is safe to call from
// many goroutines at once.
func (p *Pipeline) Extract(ctx context.Context, doc muster.Document) (*Extracted, error) {
	var x *Extracted
	var err error
	if len(doc.Text) > chunkBytes {
		x, err = p.extractChunked(ctx, doc)
	} else {
		x, err = p.extract(ctx, doc, nil)
	}
	if err != nil {
		return nil, err
	}
	// The document's places are located here, where documents are
	// analysed in parallel; Resolve uses the answer unless resolution
	// renamed them.
	if p.gaz != nil {
		names := make([]string, 0, len(x.r.Entities))
		for _, e := range x.r.Entities {
			if e.Type == muster.EntityPlace {
				names = append(names, e.Name)
			}
		}
		x.geo = p.locate(x.doc.Text, names)
	}
	return x, nil
}

func (p *Pipeline) extract(ctx context.Context, doc muster.Document, names []muster.Mention) (*Extracted, error) {
	if doc.ID == "" {
		doc.SetText(doc.Text)
	}
	// A document written in capitals is analysed in a re-cased copy of the
	// same length (tagger.Truecase), so that capitals do not make a name of
	// every phrase; its evidence is quoted from the document's own text at
	// the same offsets below (issue 10 item 3).
	d, cased, err := p.annotate(ctx, doc.Text)
	if err != nil {
		return nil, fmt.Errorf("analyze %s: %w", doc.ID, err)
	}
	if names != nil {
		offs := muster.NewOffsets(doc.Text)
		n := utf8.RuneCountInString(doc.Text)
		d.Mentions = d.Mentions[:0]
		for i, m := range names {
			cs := muster.Span{Start: m.Start, End: m.End}
			if !cs.Valid(n) {
				return nil, muster.Errorf(muster.KindInvalid, "analyze %s: given mention %d [%d,%d) is outside the text (%d characters)", doc.ID, i, m.Start, m.End, n)
			}
			bs := offs.Bytes(cs)
			d.Mentions = append(d.Mentions, nlp.Mention{Span: bs, Text: doc.Text[bs.Start:bs.End], Type: m.Type, Source: "given"})
		}
	}
	r := extract.Extract(extract.Input{Doc: d, DocID: doc.ID, Published: doc.Published, Publisher: doc.Publisher, OracleMentions: names != nil,
		LearnedRelations: p.opt.LearnedRelations})
	if names == nil {
		dropBoilerplate(doc.Text, r)
	}
	if cased {
		requote(doc.Text, r)
	}
	return &Extracted{doc: doc, r: r}, nil
}

// Annotate runs the nlp stages over text as an analysis does, re-casing a
// document written in capitals first: the Doc the extractors read, for
// training models on it (extract.TrainRoleModel).
func (p *Pipeline) Annotate(ctx context.Context, text string) (*nlp.Doc, error) {
	d, _, err := p.annotate(ctx, text)
	return d, err
}

func (p *Pipeline) annotate(ctx context.Context, text string) (*nlp.Doc, bool, error) {
	cased := false
	if p.caser != nil && mostlyCapitals(text) {
		pre := nlp.NewDoc(text)
		if err := p.caser.Annotate(ctx, pre); err != nil {
			return nil, false, err
		}
		var tc string
		if tc, cased = p.tag.Truecase(pre); cased {
			text = p.known.apply(text, tc)
		}
	}
	d := nlp.NewDoc(text)
	if err := p.chain.Annotate(ctx, d); err != nil {
		return nil, false, err
	}
	return d, cased, nil
}

// Resolve finishes an analysis: it resolves x's entities against idx (nil
// for none), geocodes its places and rewrites its claims and events to the
// resolved entities. Documents resolved one after another, each against an
// index that holds the ones before it, resolve as a sequential ingest
// would, whatever order they were extracted in.
func (p *Pipeline) Resolve(ctx context.Context, x *Extracted, idx resolve.Index) (*muster.Analysis, error) {
	doc, r := x.doc, x.r
	a := &muster.Analysis{Document: doc, Events: r.Events, Claims: r.Claims}

	ents := make([]muster.Entity, len(r.Entities))
	for i, e := range r.Entities {
		ents[i] = e.Entity
	}
	resolved, err := resolve.Resolve(ctx, ents, idx, p.opt.Overrides)
	// Every name this document uses is an alias of the entity it resolves
	// to, so that a profile finds it by that name even when the stored
	// canonical name is another.
	for i := range resolved {
		resolved[i].Aliases = mergeAliases(resolved[i].Aliases, []muster.Alias{{Name: r.Entities[i].Name, Kind: muster.AliasName}})
	}
	if err != nil {
		return nil, fmt.Errorf("analyze %s: %w", doc.ID, err)
	}
	p.geocode(doc.Text, resolved, r.Claims, x.geo)

	// Map each local entity (type + name) to its resolved reference.
	refs := map[string]muster.Ref{}
	byID := map[string]int{}
	for i, e := range resolved {
		refs[localKey(r.Entities[i].Type, r.Entities[i].Name)] = muster.Ref{ID: e.ID, Name: e.Name, Type: string(e.Type)}
		// Two local entities may resolve to one stored entity: keep one.
		if j, ok := byID[e.ID]; ok {
			a.Entities[j].Aliases = mergeAliases(a.Entities[j].Aliases, append(e.Aliases, muster.Alias{Name: r.Entities[i].Name, Kind: muster.AliasName}))
		} else {
			byID[e.ID] = len(a.Entities)
			a.Entities = append(a.Entities, e)
		}
		for _, m := range r.Entities[i].Mentions {
			m.Entity = e.ID
			a.Mentions = append(a.Mentions, m)
		}
	}
	// A reference by another name of a local entity ("Bryansk region" for
	// Bryansk) resolves as its name does.
	for _, e := range r.Entities {
		for _, al := range e.Aliases {
			if k := localKey(e.Type, al.Name); refs[k].ID == "" {
				refs[k] = refs[localKey(e.Type, e.Name)]
			}
		}
	}
	fix := func(ref *muster.Ref) {
		if ref == nil || ref.Type == "event" {
			return
		}
		if g, ok := refs[localKey(muster.EntityType(ref.Type), ref.Name)]; ok {
			*ref = g
		}
	}
	fixAttr := func(at *muster.Attribution) {
		for _, t := range []muster.EntityType{muster.EntityType(at.Type), muster.EntityMedia, muster.EntityPerson, muster.EntityOrganization, muster.EntityStateForce, muster.EntityArmedGroup} {
			if g, ok := refs[localKey(t, at.Name)]; ok {
				at.ID, at.Name = g.ID, g.Name
				return
			}
		}
	}
	for i := range a.Claims {
		c := &a.Claims[i]
		fix(&c.Subject)
		fix(c.Object.Entity)
		if c.Object.Entity != nil {
			c.Object.Text = c.Object.Entity.Name
		}
		fix(c.Place)
		fixAttr(&c.AttributedTo)
		c.SetID()
	}
	for i := range a.Events {
		ev := &a.Events[i]
		for j := range ev.Places {
			fix(&ev.Places[j])
		}
		for j := range ev.Participants {
			fix(&ev.Participants[j].Entity)
		}
	}
	// An event another document told (same kind, place and dates) takes
	// that event's id; this document's figures stay its own claims.
	if ei, ok := idx.(resolve.EventIndex); ok && len(a.Events) > 0 {
		same, err := resolve.ResolveEvents(ctx, a.Events, ei)
		if err != nil {
			return nil, fmt.Errorf("analyze %s: %w", doc.ID, err)
		}
		renameEvents(a, same)
	}
	// Each event carries the claims about it, in claim order (by subject
	// id: a scan of every claim for every event was quadratic in a long
	// document's size, issue 14).
	about := map[string][]muster.Claim{}
	for _, c := range a.Claims {
		about[c.Subject.ID] = append(about[c.Subject.ID], c)
	}
	for i := range a.Events {
		ev := &a.Events[i]
		ev.Claims = slices.Clone(about[ev.ID])
	}
	aliasSources(a)
	sortMentions(a.Mentions)
	if err := extract.Check(doc.Text, a.Claims, a.Events); err != nil {
		return nil, muster.Errorf(muster.KindInternal, "analyze %s: %v", doc.ID, err)
	}
	return a, nil
}

// aliasSources records, on each alias of an entity, the claims that state
// it (alias, pseudonym, call sign), so that every alias keeps its evidence
// (DESIGN §2) and `muster why` can quote it.
func aliasSources(a *muster.Analysis) {
	byID := map[string]int{}
	for i, e := range a.Entities {
		byID[e.ID] = i
	}
	for _, c := range a.Claims {
		if c.Predicate != muster.PredAlias && c.Predicate != muster.PredPseudonym && c.Predicate != muster.PredCallSign {
			continue
		}
		i, ok := byID[c.Subject.ID]
		if !ok {
			continue
		}
		e := &a.Entities[i]
		k := muster.NameKey(c.Object.Text)
		for j := range e.Aliases {
			al := &e.Aliases[j]
			if muster.NameKey(al.Name) != k || slices.Contains(al.Sources, c.ID) {
				continue
			}
			al.Sources = append(al.Sources, c.ID)
		}
	}
}

// renameEvents gives the events in same (old id → stored id) their stored
// ids, in the events and in the claims about them, whose ids are derived
// again.
func renameEvents(a *muster.Analysis, same map[string]string) {
	if len(same) == 0 {
		return
	}
	for i := range a.Events {
		if id, ok := same[a.Events[i].ID]; ok {
			a.Events[i].ID = id
		}
	}
	for i := range a.Claims {
		c := &a.Claims[i]
		changed := false
		if id, ok := same[c.Subject.ID]; ok && c.Subject.Type == "event" {
			c.Subject.ID, changed = id, true
		}
		if e := c.Object.Entity; e != nil && e.Type == "event" {
			if id, ok := same[e.ID]; ok {
				e.ID, changed = id, true
			}
		}
		if changed {
			c.SetID()
		}
	}
}

func localKey(t muster.EntityType, name string) string { return string(t) + "|" + name }

// mostlyCapitals is a cheap first look for a document written in capitals
// (fewer than one lower-case letter in ten), so that other documents are
// not segmented twice; tagger.Truecase decides.
func mostlyCapitals(text string) bool {
	up, lo := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			lo++
		}
	}
	return up > 0 && lo*10 < up
}

// requote quotes every evidence span and mention of r again from text,
// the document's own: r was extracted from a re-cased copy of text with
// the same offsets.
func requote(text string, r *extract.Result) {
	off := muster.NewOffsets(text)
	quote := func(start, end int) string {
		b := off.Bytes(muster.Span{Start: start, End: end})
		return text[b.Start:b.End]
	}
	evidence := func(es []muster.Evidence) {
		for i := range es {
			es[i].Quote = quote(es[i].Start, es[i].End)
		}
	}
	for i := range r.Claims {
		evidence(r.Claims[i].Evidence)
	}
	for i := range r.Events {
		evidence(r.Events[i].Evidence)
		for j := range r.Events[i].Claims {
			evidence(r.Events[i].Claims[j].Evidence)
		}
	}
	for i := range r.Entities {
		for j := range r.Entities[i].Mentions {
			m := &r.Entities[i].Mentions[j]
			m.Text = quote(m.Start, m.End)
		}
	}
}

// geocode puts places on the map, with the document's other places and
// countries as context, and gives each geocoded place an id derived from
// its GeoNames id, so that every spelling of one place is one entity.
//
// An event's place list ranks its names ("Palma, Cabo Delgado,
// Mozambique"; "near Tykhe, Kharkiv"): the settlement lies in the country
// of the region or the country named after it. A namesake elsewhere, even
// a seat that news may name from abroad (Palma in Spain), is no point for
// it: it is geocoded again within that country, and left unlocated when
// the gazetteer has no such place there.
//
// Extract has already located the document's own place names (geo); the
// lookup is made again only when resolution changed them.
func (p *Pipeline) geocode(text string, ents []muster.Entity, claims []muster.Claim, geo *located) {
	if p.gaz == nil {
		return
	}
	names := placeNames(ents)
	if geo == nil || !slices.Equal(names, geo.names) {
		geo = p.locate(text, names)
	}
	byName := map[string]int{}
	k := 0
	for i := range ents {
		e := &ents[i]
		if e.Type != muster.EntityPlace {
			continue
		}
		byName[muster.NameKey(e.Name)] = i
		// A list names the place as the text does ("Chora district"),
		// which may be an alias of the entity ("Chora").
		for _, al := range e.Aliases {
			if _, ok := byName[muster.NameKey(al.Name)]; !ok {
				byName[muster.NameKey(al.Name)] = i
			}
		}
		if pl := geo.places[k]; pl != nil {
			e.Place = pl
		}
		k++
	}
	// The geocoder and context locate used: its memo already holds these
	// names' lookups, so the writer does not repeat them.
	gz, ctx := geo.gz, geo.ctx
	for i, in := range listCountries(claims, func(name string) string {
		if cc := gz.CountryCode(name); cc != "" {
			return cc
		}
		if j, ok := byName[muster.NameKey(name)]; ok && ents[j].Place != nil {
			return ents[j].Place.Country
		}
		return ""
	}, byName) {
		e := &ents[i]
		if e.Place == nil || slices.Contains(in, e.Place.Country) {
			continue
		}
		e.Place = nil
		c := ctx
		c.Countries = in
		if pl, ok := gz.Geocode(e.Name, c); ok && slices.Contains(in, pl.Country) {
			e.Place = &pl
		}
	}
	// "Starytsia, Kharkiv": a settlement is looked for first in the
	// regions its list ranks above it; only the country bounded it, and a
	// larger namesake elsewhere in the country won (issue 12). When none
	// of those regions holds it, the gazetteer lacks it and the namesake
	// is no answer: the event is placed at the region.
	for i, regions := range listRegions(claims, byName) {
		e := &ents[i]
		if e.Place != nil && e.Place.Feature != "" && (strings.HasPrefix(e.Place.Feature, "ADM1") || strings.HasPrefix(e.Place.Feature, "PCL")) {
			continue
		}
		if pl, ok := gz.GeocodeInRegions(e.Name, regions, ctx); ok {
			e.Place = &pl
		} else if e.Place != nil && gz.OutsideRegions(*e.Place, regions) {
			e.Place = nil
		}
	}
	for i := range ents {
		e := &ents[i]
		if e.Place == nil || e.Place.GeonameID == 0 {
			continue
		}
		if e.ExternalIDs == nil {
			e.ExternalIDs = map[string]string{}
		}
		e.ExternalIDs["geonames"] = strconv.Itoa(e.Place.GeonameID)
		h := sha256.Sum256([]byte("place|geonames:" + strconv.Itoa(e.Place.GeonameID)))
		e.ID = "e_" + hex.EncodeToString(h[:])[:16]
	}
}

// listCountries returns, by index in byName's entities, the countries a
// place lies in by the place lists of the events it is a place of: the
// countries (by countryOf) of the names its list ranks above it — for a
// settlement the regions (admin1, admin2) and the country, for a region
// the country. A place no list ranks below another is absent.
func listCountries(claims []muster.Claim, countryOf func(name string) string, byName map[string]int) map[int][]string {
	type above struct{ regions, countries []string }
	byEvent := map[string]*above{}
	add := func(to *[]string, cc string) {
		if cc != "" && !slices.Contains(*to, cc) {
			*to = append(*to, cc)
		}
	}
	for _, c := range claims {
		if c.Predicate != muster.PredOccurredAt || c.Object.Entity == nil {
			continue
		}
		a := byEvent[c.Subject.ID]
		if a == nil {
			a = &above{}
			byEvent[c.Subject.ID] = a
		}
		switch c.Role {
		case extract.PlaceCountry:
			cc := countryOf(c.Object.Entity.Name)
			add(&a.countries, cc)
			add(&a.regions, cc)
		case extract.PlaceAdmin1, extract.PlaceAdmin2:
			add(&a.regions, countryOf(c.Object.Entity.Name))
		}
	}
	return rankedAbove(claims, byName, func(event, role string) []string {
		switch a := byEvent[event]; role {
		case extract.PlaceCity, extract.PlaceLocality, extract.PlacePlace:
			return a.regions
		case extract.PlaceAdmin1, extract.PlaceAdmin2:
			return a.countries
		}
		return nil
	})
}

// listRegions returns, by index in byName's entities, the names of the
// first-order regions that the place lists of the events rank above a
// settlement ("Kharkiv" in "Starytsia, Kharkiv"). A place no list ranks
// below a region is absent.
func listRegions(claims []muster.Claim, byName map[string]int) map[int][]string {
	regions := map[string][]string{}
	for _, c := range claims {
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && c.Role == extract.PlaceAdmin1 {
			regions[c.Subject.ID] = append(regions[c.Subject.ID], c.Object.Entity.Name)
		}
	}
	return rankedAbove(claims, byName, func(event, role string) []string {
		switch role {
		case extract.PlaceCity, extract.PlaceLocality, extract.PlacePlace:
			return regions[event]
		}
		return nil
	})
}

// rankedAbove returns, by index in byName's entities, what the place lists
// of the events rank above each place, as above gives it for a place of
// role in event; each value once. listCountries and listRegions differ
// only in what they collect per event.
func rankedAbove(claims []muster.Claim, byName map[string]int, above func(event, role string) []string) map[int][]string {
	out := map[int][]string{}
	for _, c := range claims {
		if c.Predicate != muster.PredOccurredAt || c.Object.Entity == nil {
			continue
		}
		in := above(c.Subject.ID, c.Role)
		if len(in) == 0 {
			continue
		}
		i, ok := byName[muster.NameKey(c.Object.Entity.Name)]
		if !ok {
			continue
		}
		for _, v := range in {
			if !slices.Contains(out[i], v) {
				out[i] = append(out[i], v)
			}
		}
	}
	return out
}

// located is the gazetteer's answer for a document's place names, in
// order: a place or nil for each. Extract finds it on the extracting
// goroutine, so that an ingest's one writer, which resolves documents in
// turn, does not (issue 14: geocoding was a tenth of the writer's CPU).
type located struct {
	names  []string
	places []*muster.Place
	// gz and ctx are the geocoder (with its memo of lookups) and the
	// context the places were found with; geocode reuses them. The
	// writer takes them over after Extract is done with them, so the
	// memo is never used by two goroutines at once.
	gz  *resolve.DocumentGeocoder
	ctx resolve.GeoContext
}

// placeNames returns the names of the place entities of ents, in order:
// all that geocoding reads of them.
func placeNames(ents []muster.Entity) []string {
	var names []string
	for _, e := range ents {
		if e.Type == muster.EntityPlace {
			names = append(names, e.Name)
		}
	}
	return names
}

// locate geocodes the place names of one document, each with the others
// and the countries among them as context.
func (p *Pipeline) locate(text string, names []string) *located {
	geo := &located{names: names, places: make([]*muster.Place, len(names))}
	if p.gaz == nil {
		return geo
	}
	gz := p.gaz.ForDocument()
	ctx := geoContext(gz, names)
	geo.gz, geo.ctx = gz, ctx
	for i, name := range names {
		pl, ok := gz.Geocode(name, ctx)
		if !ok {
			pl, ok = gz.GeocodeFacility(name, ctx) // "Kyiv TV Tower"
		}
		if !ok || !inCountries(pl, ctx.Countries) {
			// A village the gazetteer lacks may share its name with one
			// abroad: a place outside every country the text names stays
			// unlocated rather than misplaced.
			continue
		}
		if len(ctx.Countries) == 0 && !namedFromAbroad(pl) && !gz.AboutCountry(text, pl.Country) {
			// So does one in a text that names no country, outside the
			// countries of its nationalities (issue 12: "Street", "Dam"
			// and "Riviera" were put in England, Ghana and California).
			continue
		}
		geo.places[i] = &pl
	}
	return geo
}

// geoContext is what a document's place names tell the geocoder: the
// countries among them, and the others as regions it may name.
func geoContext(gz *resolve.DocumentGeocoder, names []string) resolve.GeoContext {
	var ctx resolve.GeoContext
	for _, name := range names {
		if cc := gz.CountryCode(name); cc != "" {
			ctx.Countries = append(ctx.Countries, cc)
		} else {
			// A place name may be a region's ("the Bryansk region"): the
			// geocoder prefers candidates inside regions the text names.
			ctx.Places = append(ctx.Places, name)
			ctx.Admin1 = append(ctx.Admin1, name)
		}
	}
	return ctx
}

func mergeAliases(as, more []muster.Alias) []muster.Alias {
	for _, m := range more {
		k := muster.NameKey(m.Name)
		dup := false
		for _, a := range as {
			if muster.NameKey(a.Name) == k {
				dup = true
				break
			}
		}
		if !dup && strings.TrimSpace(m.Name) != "" {
			as = append(as, m)
		}
	}
	return as
}

// sortMentions orders mentions by start, stably (n log n: an insertion
// sort was quadratic on a long document, issue 14).
func sortMentions(ms []muster.Mention) {
	slices.SortStableFunc(ms, func(a, b muster.Mention) int { return cmp.Compare(a.Start, b.Start) })
}

// namedFromAbroad reports whether a place is one that news names from
// abroad: capitals, admin seats, regions and countries ("did not answer
// to Kyiv"); villages rarely are.
func namedFromAbroad(pl muster.Place) bool {
	return pl.Feature == "PPLC" || pl.Feature == "PPLA" || strings.HasPrefix(pl.Feature, "ADM1") || strings.HasPrefix(pl.Feature, "PCL")
}

// inCountries reports whether a geocoded place may stand: it lies in one
// of the countries (ISO 3166-1 alpha-2) the document names, the document
// names none, or it is a place named from abroad.
func inCountries(pl muster.Place, countries []string) bool {
	if len(countries) == 0 || namedFromAbroad(pl) {
		return true
	}
	for _, c := range countries {
		if strings.EqualFold(c, pl.Country) {
			return true
		}
	}
	return false
}
