package muster

// MentionType is the type of a mention: the CoNLL four, DATE and NUM, and
// muster's finer kinds of organisation.
type MentionType string

// Mention types (DESIGN §2).
const (
	MentionPER        MentionType = "PER"
	MentionORG        MentionType = "ORG"
	MentionLOC        MentionType = "LOC"
	MentionGPE        MentionType = "GPE"
	MentionDATE       MentionType = "DATE"
	MentionNUM        MentionType = "NUM"
	MentionMISC       MentionType = "MISC"
	MentionArmedGroup MentionType = "ARMED_GROUP"
	MentionStateForce MentionType = "STATE_FORCE"
	MentionMedia      MentionType = "MEDIA"
)

// Mention is a span of a document's text that names something. Start and End
// count code points.
type Mention struct {
	Document string      `json:"document"`
	Start    int         `json:"start"`
	End      int         `json:"end"`
	Text     string      `json:"text"`
	Type     MentionType `json:"type"`
	Entity   string      `json:"entity,omitempty"` // entity id once resolved
}

// EntityType returns the entity type a mention of type t usually refers to.
func (t MentionType) EntityType() EntityType {
	switch t {
	case MentionPER:
		return EntityPerson
	case MentionLOC, MentionGPE:
		return EntityPlace
	case MentionArmedGroup:
		return EntityArmedGroup
	case MentionStateForce:
		return EntityStateForce
	case MentionMedia:
		return EntityMedia
	case MentionORG:
		return EntityOrganization
	}
	return ""
}

// MentionType returns the mention type that names an entity of type t: the
// inverse of MentionType.EntityType (places are LOC).
func (t EntityType) MentionType() MentionType {
	switch t {
	case EntityPerson:
		return MentionPER
	case EntityPlace:
		return MentionLOC
	case EntityArmedGroup:
		return MentionArmedGroup
	case EntityStateForce:
		return MentionStateForce
	case EntityMedia:
		return MentionMedia
	}
	return MentionORG
}
