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
// quote, so nothing in the bundle is unsourced. now stamps created and
// modified.
func STIX(w io.Writer, docs []muster.Document, entities []muster.Entity, events []muster.Event, claims []muster.Claim, now time.Time) error {
	ts := now.UTC().Format("2006-01-02T15:04:05.000Z")
	var objs []map[string]any
	common := func(typ, id string) map[string]any {
		return map[string]any{"type": typ, "spec_version": "2.1", "id": stixID(typ, id), "created": ts, "modified": ts}
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
			published = now
		}
		o["published"] = published.UTC().Format("2006-01-02T15:04:05.000Z")
		o["object_refs"] = refs
		ext := map[string]string{"source_name": orDefault(d.Publisher, "muster"), "external_id": d.ID}
		if d.URL != "" {
			ext["url"] = d.URL
		}
		o["external_references"] = []map[string]string{ext}
		objs = append(objs, o)
	}
	bundle := map[string]any{"type": "bundle", "id": stixID("bundle", ts), "objects": objs}
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
