package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/muster-osint/muster"
)

// ftmEntity is one FollowTheMoney entity: an id, a schema and properties,
// every property a list of strings.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// FtM writes FollowTheMoney entities as JSON Lines: groups, forces,
// outlets and organisations as Organization, people as Person, places as
// Address, events as Event (with their places and participants), member_of
// and membership claims as Membership, other claims between entities as
// UnknownLink with the predicate as role, and claims with a value as Note.
// Links and notes carry the claim's quote, modality and source in their
// description.
func FtM(w io.Writer, entities []muster.Entity, events []muster.Event, claims []muster.Claim) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	emit := func(e ftmEntity) error {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("export ftm: %s: %w", e.ID, err)
		}
		return nil
	}
	for _, e := range entities {
		schema := "Organization"
		switch e.Type {
		case muster.EntityPerson:
			schema = "Person"
		case muster.EntityPlace:
			schema = "Address"
		}
		props := map[string][]string{"name": {e.Name}}
		if schema == "Address" {
			props = map[string][]string{"full": {e.Name}}
			if e.Place != nil {
				props["latitude"] = []string{fmt.Sprint(e.Place.Lat)}
				props["longitude"] = []string{fmt.Sprint(e.Place.Lon)}
				if e.Place.Country != "" {
					props["country"] = []string{strings.ToLower(e.Place.Country)}
				}
				if e.Place.Admin1 != "" {
					props["region"] = []string{e.Place.Admin1}
				}
			}
		}
		for _, a := range e.Aliases {
			if a.Name != e.Name && schema != "Address" {
				props["alias"] = append(props["alias"], a.Name)
			}
		}
		if e.Type == muster.EntityArmedGroup {
			props["topics"] = []string{"mil"}
		}
		if err := emit(ftmEntity{ID: e.ID, Schema: schema, Properties: props}); err != nil {
			return err
		}
	}
	for _, ev := range events {
		props := map[string][]string{"name": {ev.Label}, "summary": {string(ev.Type)}}
		if ev.Time != nil && ev.Time.From != "" {
			props["date"] = []string{ev.Time.From}
			if ev.Time.To != "" && ev.Time.To != ev.Time.From {
				props["endDate"] = []string{ev.Time.To}
			}
		}
		for _, p := range ev.Places {
			if p.ID != "" {
				props["addressEntity"] = append(props["addressEntity"], p.ID)
			}
		}
		for _, p := range ev.Participants {
			if p.Entity.ID != "" {
				props["involved"] = append(props["involved"], p.Entity.ID)
			}
		}
		if err := emit(ftmEntity{ID: ev.ID, Schema: "Event", Properties: props}); err != nil {
			return err
		}
	}
	for _, c := range claims {
		if c.Subject.ID == "" {
			continue
		}
		quote := ""
		if len(c.Evidence) > 0 {
			quote = c.Evidence[0].Quote
		}
		text := fmt.Sprintf("“%s” (%s, per %s)", quote, c.Modality, c.AttributedTo.Name)
		props := map[string][]string{"description": {text}}
		var e ftmEntity
		switch {
		case c.Object.Entity != nil && c.Object.Entity.ID != "" && c.Predicate == muster.PredMemberOf:
			props["member"], props["organization"] = []string{c.Subject.ID}, []string{c.Object.Entity.ID}
			e = ftmEntity{ID: c.ID, Schema: "Membership", Properties: props}
		case c.Object.Entity != nil && c.Object.Entity.ID != "":
			props["subject"], props["object"] = []string{c.Subject.ID}, []string{c.Object.Entity.ID}
			props["role"] = []string{strings.ReplaceAll(string(c.Predicate), "_", " ")}
			e = ftmEntity{ID: c.ID, Schema: "UnknownLink", Properties: props}
		default:
			props["entity"] = []string{c.Subject.ID}
			props["summary"] = []string{fmt.Sprintf("%s %s %s", c.Subject.Name, strings.ReplaceAll(string(c.Predicate), "_", " "), c.Object.String())}
			e = ftmEntity{ID: c.ID, Schema: "Note", Properties: props}
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}
