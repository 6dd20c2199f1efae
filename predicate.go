package muster

// Predicate is a verb of the claim vocabulary (DESIGN §3). A predicate is
// added when real text needs it, with a test sentence in extract.
type Predicate string

// Predicates about groups.
const (
	PredAlias        Predicate = "alias"
	PredFounded      Predicate = "founded"
	PredFoundedBy    Predicate = "founded_by"
	PredLeader       Predicate = "leader"
	PredCommander    Predicate = "commander"
	PredSpokesperson Predicate = "spokesperson"
	PredMember       Predicate = "member"
	PredSize         Predicate = "size"
	PredComposedOf   Predicate = "composed_of"
	PredIdeology     Predicate = "ideology"
	PredGoal         Predicate = "goal"
	PredFightsFor    Predicate = "fights_for"
	PredAlliedWith   Predicate = "allied_with"
	PredBackedBy     Predicate = "backed_by" // a state or patron arms, funds or directs it
	PredPartOf       Predicate = "part_of"
	PredOpposes      Predicate = "opposes"
	PredTiesTo       Predicate = "ties_to"
	PredBasedIn      Predicate = "based_in"
	PredActiveIn     Predicate = "active_in"
	PredDesignatedAs Predicate = "designated_as"
	PredResponsible  Predicate = "responsible_for"
)

// Predicates about people.
const (
	PredPseudonym    Predicate = "pseudonym"
	PredCallSign     Predicate = "call_sign"
	PredCitizenship  Predicate = "citizenship"
	PredMemberOf     Predicate = "member_of"
	PredRole         Predicate = "role"
	PredSanctionedBy Predicate = "sanctioned_by"
	PredBannedBy     Predicate = "banned_by"
)

// Predicates about events.
const (
	PredParticipant Predicate = "participant"
	PredOccurredAt  Predicate = "occurred_at"
	PredOccurredOn  Predicate = "occurred_on"
	PredKilled      Predicate = "killed"
	PredWounded     Predicate = "wounded"
	PredCaptured    Predicate = "captured"
	PredEvacuated   Predicate = "evacuated"
	PredOutcome     Predicate = "outcome"
	PredClaimedBy   Predicate = "claimed_by"
	PredDeniedBy    Predicate = "denied_by"
	PredInstrument  Predicate = "instrument" // weapon or means, text: "a car bomb", "drones"
)

var predicates = map[Predicate]bool{
	PredAlias: true, PredFounded: true, PredFoundedBy: true, PredLeader: true, PredCommander: true,
	PredSpokesperson: true, PredMember: true, PredSize: true, PredComposedOf: true, PredIdeology: true,
	PredGoal: true, PredFightsFor: true, PredAlliedWith: true, PredBackedBy: true, PredPartOf: true, PredOpposes: true,
	PredTiesTo: true, PredBasedIn: true, PredActiveIn: true, PredDesignatedAs: true, PredResponsible: true,
	PredPseudonym: true, PredCallSign: true, PredCitizenship: true, PredMemberOf: true, PredRole: true,
	PredSanctionedBy: true, PredBannedBy: true,
	PredParticipant: true, PredOccurredAt: true, PredOccurredOn: true, PredKilled: true, PredWounded: true,
	PredCaptured: true, PredEvacuated: true, PredOutcome: true, PredClaimedBy: true, PredDeniedBy: true,
	PredInstrument: true,
}

// Valid reports whether p is in the vocabulary.
func (p Predicate) Valid() bool { return predicates[p] }

// SingleValued reports whether a subject can hold only one value of p at a
// time, so that differing values from different sources contradict.
func (p Predicate) SingleValued() bool {
	switch p {
	case PredFounded, PredSize, PredKilled, PredWounded, PredCaptured, PredEvacuated, PredFoundedBy:
		return true
	}
	return false
}
