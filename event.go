package muster

// EventType is the kind of an Event.
type EventType string

// Event types (DESIGN §2), with ACLED- and GTD-style distinctions where the
// text usually makes them.
const (
	EventIncursion     EventType = "incursion"
	EventRaid          EventType = "raid"
	EventArmedClash    EventType = "armed_clash"
	EventAttack        EventType = "attack"
	EventBombing       EventType = "bombing"
	EventShelling      EventType = "shelling"
	EventAirStrike     EventType = "air_strike"
	EventDroneStrike   EventType = "drone_strike"
	EventAssassination EventType = "assassination"
	EventKidnapping    EventType = "kidnapping"
	EventArrest        EventType = "arrest"
	EventDesignation   EventType = "designation"
	EventProtest       EventType = "protest"
	EventArson         EventType = "arson"      // setting fire to property (GTD facility attacks; added for issue 4)
	EventWithdrawal    EventType = "withdrawal" // a side leaves ground it held ("troops withdrew from Kidal"; issue 10)
	EventOther         EventType = "other"
)

// Valid reports whether t is one of DESIGN §2's event types: the one list
// of them, which the web filter checks a requested type against.
func (t EventType) Valid() bool {
	switch t {
	case EventIncursion, EventRaid, EventArmedClash, EventAttack, EventBombing,
		EventShelling, EventAirStrike, EventDroneStrike, EventAssassination,
		EventKidnapping, EventArrest, EventDesignation, EventProtest, EventArson, EventWithdrawal, EventOther:
		return true
	}
	return false
}

// Participant roles.
const (
	RoleActor       = "actor"
	RoleTarget      = "target"
	RolePerpetrator = "perpetrator"
	RoleDefender    = "defender"
)

// Participant is an entity taking part in an event, with its role.
type Participant struct {
	Entity Ref    `json:"entity"`
	Role   string `json:"role"`
}

// Event is something that happened. Its casualty figures and other slots are
// claims about it (subject = the event).
type Event struct {
	ID           string        `json:"id"` // "v_…"
	Type         EventType     `json:"type"`
	Label        string        `json:"label"`          // short description: "Belgorod incursion"
	Time         *Value        `json:"time,omitempty"` // date interval
	Places       []Ref         `json:"places,omitempty"`
	Participants []Participant `json:"participants,omitempty"`
	Evidence     []Evidence    `json:"evidence"`
	Claims       []Claim       `json:"claims,omitempty"` // killed, wounded, claimed_by…
}

// Ref returns the short form of ev used as a claim subject.
func (ev *Event) Ref() Ref { return Ref{ID: ev.ID, Name: ev.Label, Type: "event"} }
