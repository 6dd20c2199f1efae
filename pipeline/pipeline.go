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
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

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
	// NoSyntax skips the syntax layer (tags, lemmas, dependency parse);
	// nothing in extract reads it yet, so this only saves its time.
	NoSyntax bool
	// NoGeocode skips geocoding places.
	NoGeocode bool
	// Overrides are analysts' merge and split decisions.
	Overrides []resolve.Override
}

// Pipeline analyses documents. It is safe for concurrent use.
type Pipeline struct {
	chain *nlp.Chain
	gaz   *resolve.Gazetteer
	opt   Options
}

// New loads the embedded models and returns a Pipeline.
func New(opt Options) (*Pipeline, error) {
	stages := []nlp.Annotator{segment.New()}
	if !opt.NoSyntax {
		sx, err := syntax.New()
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		stages = append(stages, sx)
	}
	if !opt.NoTagger {
		t, err := tagger.Load()
		if err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		stages = append(stages, t)
	}
	chain, err := nlp.NewChain(stages...)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	p := &Pipeline{chain: chain, opt: opt}
	if !opt.NoGeocode {
		if p.gaz, err = resolve.LoadGazetteer(); err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
	}
	return p, nil
}

// Analyze runs the stages over doc, resolving its entities against idx
// (nil for none). The returned analysis's evidence is checked against the
// text: a claim whose quote is not at its span is an internal error.
func (p *Pipeline) Analyze(ctx context.Context, doc muster.Document, idx resolve.Index) (*muster.Analysis, error) {
	if doc.ID == "" {
		doc.SetText(doc.Text)
	}
	d := nlp.NewDoc(doc.Text)
	if err := p.chain.Annotate(ctx, d); err != nil {
		return nil, fmt.Errorf("analyze %s: %w", doc.ID, err)
	}
	r := extract.Extract(extract.Input{Doc: d, DocID: doc.ID, Published: doc.Published, Publisher: doc.Publisher})
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
	p.geocode(resolved)

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
		ev.Claims = nil
		for _, c := range a.Claims {
			if c.Subject.ID == ev.ID {
				ev.Claims = append(ev.Claims, c)
			}
		}
	}
	sortMentions(a.Mentions)
	if err := extract.Check(doc.Text, a.Claims, a.Events); err != nil {
		return nil, muster.Errorf(muster.KindInternal, "analyze %s: %v", doc.ID, err)
	}
	return a, nil
}

func localKey(t muster.EntityType, name string) string { return string(t) + "|" + name }

// geocode puts places on the map, with the document's other places and
// countries as context, and gives each geocoded place an id derived from
// its GeoNames id, so that every spelling of one place is one entity.
func (p *Pipeline) geocode(ents []muster.Entity) {
	if p.gaz == nil {
		return
	}
	gz := p.gaz.ForDocument()
	var ctx resolve.GeoContext
	for _, e := range ents {
		if e.Type != muster.EntityPlace {
			continue
		}
		if cc := gz.CountryCode(e.Name); cc != "" {
			ctx.Countries = append(ctx.Countries, cc)
		} else {
			// A place name may be a region's ("the Bryansk region"): the
			// geocoder prefers candidates inside regions the text names.
			ctx.Places = append(ctx.Places, e.Name)
			ctx.Admin1 = append(ctx.Admin1, e.Name)
		}
	}
	for i := range ents {
		e := &ents[i]
		if e.Type != muster.EntityPlace {
			continue
		}
		pl, ok := gz.Geocode(e.Name, ctx)
		if !ok || !inCountries(pl, ctx.Countries) {
			// A village the gazetteer lacks may share its name with one
			// abroad: a place outside every country the text names stays
			// unlocated rather than misplaced.
			continue
		}
		e.Place = &pl
		if pl.GeonameID != 0 {
			if e.ExternalIDs == nil {
				e.ExternalIDs = map[string]string{}
			}
			e.ExternalIDs["geonames"] = strconv.Itoa(pl.GeonameID)
			h := sha256.Sum256([]byte("place|geonames:" + strconv.Itoa(pl.GeonameID)))
			e.ID = "e_" + hex.EncodeToString(h[:])[:16]
		}
	}
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

func sortMentions(ms []muster.Mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// inCountries reports whether a geocoded place may stand: it lies in one
// of the countries (ISO 3166-1 alpha-2) the document names, the document
// names none, or it is a place named from abroad.
func inCountries(pl muster.Place, countries []string) bool {
	// Capitals, admin seats, regions and countries are named from abroad
	// ("did not answer to Kyiv"); villages rarely are.
	if len(countries) == 0 || pl.Feature == "PPLC" || pl.Feature == "PPLA" ||
		strings.HasPrefix(pl.Feature, "ADM1") || strings.HasPrefix(pl.Feature, "PCL") {
		return true
	}
	for _, c := range countries {
		if strings.EqualFold(c, pl.Country) {
			return true
		}
	}
	return false
}
