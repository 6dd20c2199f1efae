package eval

import (
	"fmt"

	"github.com/muster-osint/muster"
)

// EventTypeMapping is an event type's ACLED sub-event type, GTD attack
// type and MUC-4 incident type; "" where the type has none.
type EventTypeMapping struct {
	ACLED, GTD, MUC4 string
}

// EventTypes maps muster's event types to the coders' types eval scores
// them as. eval keeps no table of its own: cmd/muster fills it from the
// trigger lexicon (extract.EventTypeMappings), the one source of truth.
type EventTypes map[muster.EventType]EventTypeMapping

// Check reports the first type whose mapping names an ACLED sub-event
// type, GTD attack type or MUC-4 incident type that eval does not know.
func (m EventTypes) Check() error {
	for t, v := range m {
		switch {
		case v.ACLED != "" && acledEventType(v.ACLED) == "":
			return fmt.Errorf("event type %s: %q is no ACLED sub-event type", t, v.ACLED)
		case v.GTD != "" && gtdAttackType(v.GTD) == "":
			return fmt.Errorf("event type %s: %q is no GTD attack type", t, v.GTD)
		case v.MUC4 != "" && !muc4Types[v.MUC4]:
			return fmt.Errorf("event type %s: %q is no MUC-4 incident type", t, v.MUC4)
		}
	}
	return nil
}

// gtdClass maps a muster event type to GTD's classes, through its GTD
// attack type; a type with none is its own class.
func (m EventTypes) gtdClass(t muster.EventType) string {
	if c := gtdAttackType(m[t].GTD); c != "" {
		return c
	}
	return string(t)
}

// MUC4IncidentType returns the MUC-4 incident type of a muster event
// type, or "" when it is none.
func (m EventTypes) MUC4IncidentType(t muster.EventType) string { return m[t].MUC4 }
