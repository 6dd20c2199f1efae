package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
)

// overrides turns analysts' stored decisions into resolution overrides.
func overrides(ds []store.Decision) []resolve.Override {
	out := make([]resolve.Override, 0, len(ds))
	for _, d := range ds {
		out = append(out, resolve.Override{A: d.AKey, B: d.BKey, Action: d.Decision})
	}
	return out
}

// writeJSON prints v as indented JSON without HTML escaping: quotes from
// articles keep their < and &.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// claimLine renders a claim for people: the fact, who says so and how,
// and the words that say it.
func claimLine(c muster.Claim) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", c.Subject.Name, strings.ReplaceAll(string(c.Predicate), "_", " "), objectText(c))
	if c.Role != "" && c.Predicate != muster.PredParticipant {
		fmt.Fprintf(&b, " (%s)", c.Role)
	} else if c.Role != "" {
		fmt.Fprintf(&b, " as %s", c.Role)
	}
	if c.Time != nil {
		fmt.Fprintf(&b, " [%s]", c.Time.Text)
	}
	fmt.Fprintf(&b, " — %s, per %s", c.Modality, c.AttributedTo.Name)
	return b.String()
}

// objectText renders a claim's object with the words of the source when
// they say more than the normalised value.
func objectText(c muster.Claim) string {
	v := c.Object
	switch v.Kind {
	case muster.ValueNumber:
		return fmt.Sprintf("%s (%q)", v.RangeString(), v.Text)
	case muster.ValueDate:
		return fmt.Sprintf("%s (%q)", v.String(), v.Text)
	}
	return v.String()
}

// printClaim prints a claim and its evidence, indented.
func printClaim(w io.Writer, indent string, c muster.Claim) {
	fmt.Fprintf(w, "%s• %s\n", indent, claimLine(c))
	for _, ev := range c.Evidence {
		fmt.Fprintf(w, "%s    “%s” [%s %d–%d]\n", indent, ev.Quote, ev.Document, ev.Start, ev.End)
	}
}

// printEvent prints an event with its slots.
func printEvent(w io.Writer, ev muster.Event) {
	when := ""
	if ev.Time != nil {
		when = " " + ev.Time.String()
	}
	fmt.Fprintf(w, "■ %s (%s)%s\n", ev.Label, ev.Type, when)
	var parts []string
	for _, p := range ev.Participants {
		parts = append(parts, p.Entity.Name+" ("+p.Role+")")
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "    participants: %s\n", strings.Join(parts, ", "))
	}
	for _, c := range ev.Claims {
		switch c.Predicate {
		case muster.PredParticipant, muster.PredOccurredAt, muster.PredOccurredOn:
			continue
		}
		printClaim(w, "    ", c)
	}
}

// writeJSONLine prints v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printList prints items as JSON Lines, or for people with a count.
func printList[T any](w io.Writer, items []T, asJSON bool, noun string, print func(T)) error {
	for _, it := range items {
		if asJSON {
			if err := writeJSONLine(w, it); err != nil {
				return err
			}
			continue
		}
		print(it)
	}
	if !asJSON {
		fmt.Fprintf(w, "%d %s\n", len(items), noun)
	}
	return nil
}
