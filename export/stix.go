package export

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// stixNamespace seeds the name-based (version 5) UUIDs of STIX ids, so that
// one muster id always becomes the same STIX id.
const stixNamespace = "muster-osint/stix"

// stixID returns a deterministic STIX identifier for a muster id.
func stixID(typ, id string) string {
	h := sha1.Sum([]byte(stixNamespace + "|" + typ + "|" + id))
	h[6] = (h[6] & 0x0f) | 0x50 // version 5
	h[8] = (h[8] & 0x3f) | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%s--%x-%x-%x-%x-%x", typ, h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// STIX writes a STIX 2.1 bundle: armed groups as threat-actors, people,
// forces, outlets and organisations as identities, places as locations,
// events as incidents, documents as reports, claims between entities as
// relationships, and every other claim as a note on its subject. Each
// relationship and note carries the claim's modality, its source and its
// quote, so nothing in the bundle is unsourced.
//
// The bundle is deterministic: the same store gives the same bytes. No
// timestamp comes from the clock (issue 14): an object's created and
// modified are the earliest and latest times (publication, else ingest) of
// the documents behind it, and an object no document stands behind takes
// the earliest time of the whole bundle (the Unix epoch when no document
// has one).
func STIX(w io.Writer, docs []muster.Document, entities []muster.Entity, events []muster.Event, claims []muster.Claim) error {
	times := stixTimes(docs, events, claims)
	var objs []map[string]any
	common := func(typ, id string) map[string]any {
		span := times.of(id)
		return map[string]any{"type": typ, "spec_version": "2.1", "id": stixID(typ, id),
			"created": stixTime(span[0]), "modified": stixTime(span[1])}
	}
	refOf := map[string]string{} // muster id → STIX id
	for _, e := range entities {
		var o map[string]any
		switch e.Type {
		case muster.EntityArmedGroup:
			o = common("threat-actor", e.ID)
			o["threat_actor_types"] = []string{"unknown"}
		case muster.EntityPlace:
			o = common("location", e.ID)
			if e.Place != nil {
				o["latitude"], o["longitude"] = e.Place.Lat, e.Place.Lon
				if e.Place.Country != "" {
					o["country"] = e.Place.Country
				}
				if e.Place.Admin1 != "" {
					o["administrative_area"] = e.Place.Admin1
				}
			}
		default:
			o = common("identity", e.ID)
			o["identity_class"] = "organization"
			if e.Type == muster.EntityPerson {
				o["identity_class"] = "individual"
			}
			o["x_muster_type"] = string(e.Type)
		}
		o["name"] = e.Name
		if len(e.Aliases) > 0 && e.Type == muster.EntityArmedGroup {
			var names []string
			for _, a := range e.Aliases {
				if a.Name != e.Name {
					names = append(names, a.Name)
				}
			}
			if len(names) > 0 {
				o["aliases"] = names
			}
		}
		refOf[e.ID] = o["id"].(string)
		objs = append(objs, o)
	}
	for _, ev := range events {
		o := common("incident", ev.ID)
		o["name"] = ev.Label
		o["x_muster_event_type"] = string(ev.Type)
		if ev.Time != nil {
			o["x_muster_time"] = map[string]string{"from": ev.Time.From, "to": ev.Time.To, "precision": string(ev.Time.Precision)}
		}
		if len(ev.Evidence) > 0 {
			o["description"] = ev.Evidence[0].Quote
		}
		refOf[ev.ID] = o["id"].(string)
		objs = append(objs, o)
	}
	docRefs := map[string][]string{}
	for _, c := range claims {
		subj, ok := refOf[c.Subject.ID]
		if !ok {
			continue
		}
		quote, doc := "", ""
		if len(c.Evidence) > 0 {
			quote, doc = c.Evidence[0].Quote, c.Evidence[0].Document
		}
		source := fmt.Sprintf("%s (%s), per %s", quote, c.Modality, c.AttributedTo.Name)
		var o map[string]any
		if c.Object.Entity != nil && refOf[c.Object.Entity.ID] != "" {
			o = common("relationship", c.ID)
			o["relationship_type"] = strings.ReplaceAll(string(c.Predicate), "_", "-")
			o["source_ref"], o["target_ref"] = subj, refOf[c.Object.Entity.ID]
			o["description"] = source
		} else {
			o = common("note", c.ID)
			o["abstract"] = fmt.Sprintf("%s %s %s", c.Subject.Name, strings.ReplaceAll(string(c.Predicate), "_", " "), c.Object.String())
			o["content"] = source
			o["object_refs"] = []string{subj}
		}
		o["confidence"] = int(c.Confidence * 100)
		o["x_muster_modality"] = string(c.Modality)
		o["x_muster_attributed_to"] = c.AttributedTo.Name
		objs = append(objs, o)
		if doc != "" {
			docRefs[doc] = append(docRefs[doc], o["id"].(string), subj)
		}
	}
	for _, d := range docs {
		refs := uniq(docRefs[d.ID])
		if len(refs) == 0 {
			continue // a STIX report must refer to something
		}
		o := common("report", d.ID)
		o["name"] = orDefault(d.Title, d.ID)
		o["report_types"] = []string{"threat-report"}
		published := d.Published
		if published.IsZero() {
			published = d.Ingested
		}
		if published.IsZero() {
			published = times.first
		}
		o["published"] = stixTime(published)
		o["object_refs"] = refs
		ext := map[string]string{"source_name": orDefault(d.Publisher, "muster"), "external_id": d.ID}
		if d.URL != "" {
			ext["url"] = d.URL
		}
		o["external_references"] = []map[string]string{ext}
		objs = append(objs, o)
	}
	h := sha1.New()
	for _, o := range objs {
		h.Write([]byte(o["id"].(string) + "|"))
	}
	bundle := map[string]any{"type": "bundle", "id": stixID("bundle", fmt.Sprintf("%x", h.Sum(nil))), "objects": objs}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(bundle); err != nil {
		return fmt.Errorf("export stix: %w", err)
	}
	return nil
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func stixTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// dataTimes gives each muster id (document, entity, event, claim) the
// earliest and latest time of the documents behind it.
type dataTimes struct {
	span  map[string][2]time.Time
	first time.Time // the earliest document time, or the Unix epoch
}

func (t dataTimes) of(id string) [2]time.Time {
	if s, ok := t.span[id]; ok {
		return s
	}
	return [2]time.Time{t.first, t.first}
}

func stixTimes(docs []muster.Document, events []muster.Event, claims []muster.Claim) dataTimes {
	t := dataTimes{span: map[string][2]time.Time{}}
	docTime := map[string]time.Time{}
	for _, d := range docs {
		at := d.Published
		if at.IsZero() {
			at = d.Ingested
		}
		if at.IsZero() {
			continue
		}
		docTime[d.ID] = at
		if t.first.IsZero() || at.Before(t.first) {
			t.first = at
		}
	}
	if t.first.IsZero() {
		t.first = time.Unix(0, 0)
	}
	add := func(id string, ev []muster.Evidence) {
		for _, e := range ev {
			at, ok := docTime[e.Document]
			if !ok || id == "" {
				continue
			}
			s, seen := t.span[id]
			if !seen {
				s = [2]time.Time{at, at}
			}
			if at.Before(s[0]) {
				s[0] = at
			}
			if at.After(s[1]) {
				s[1] = at
			}
			t.span[id] = s
		}
	}
	for id, at := range docTime {
		t.span[id] = [2]time.Time{at, at}
	}
	for _, ev := range events {
		add(ev.ID, ev.Evidence)
		for _, p := range ev.Participants {
			add(p.Entity.ID, ev.Evidence)
		}
		for _, p := range ev.Places {
			add(p.ID, ev.Evidence)
		}
	}
	for _, c := range claims {
		add(c.ID, c.Evidence)
		add(c.Subject.ID, c.Evidence)
		if c.Object.Entity != nil {
			add(c.Object.Entity.ID, c.Evidence)
		}
	}
	return t
}
