package muster

// EntityType is the kind of thing an Entity is.
type EntityType string

// Entity types (DESIGN §2).
const (
	EntityArmedGroup   EntityType = "armed_group"
	EntityStateForce   EntityType = "state_force"
	EntityPerson       EntityType = "person"
	EntityPlace        EntityType = "place"
	EntityOrganization EntityType = "organization"
	EntityMedia        EntityType = "media"
)

// Valid reports whether t is one of the entity types.
func (t EntityType) Valid() bool {
	switch t {
	case EntityArmedGroup, EntityStateForce, EntityPerson, EntityPlace, EntityOrganization, EntityMedia:
		return true
	}
	return false
}

// Entity is a thing in the world. Its names other than Name are aliases,
// each backed by the claims that state it.
type Entity struct {
	ID      string     `json:"id"` // "e_…"
	Type    EntityType `json:"type"`
	Name    string     `json:"name"`
	Aliases []Alias    `json:"aliases,omitempty"`
	Place   *Place     `json:"place,omitempty"` // for geocoded places
	// ExternalIDs maps a registry ("geonames", "ucdp") to its id.
	ExternalIDs map[string]string `json:"external_ids,omitempty"`
}

// Ref returns the short form of e used inside claims.
func (e *Entity) Ref() Ref { return Ref{ID: e.ID, Name: e.Name, Type: string(e.Type)} }

// AliasKind says how an alias relates to the canonical name.
type AliasKind string

// Alias kinds.
const (
	AliasName            AliasKind = "name"            // another written form
	AliasAcronym         AliasKind = "acronym"         // RDK, FRL
	AliasNativeScript    AliasKind = "native_script"   // Русский добровольческий корпус
	AliasTransliteration AliasKind = "transliteration" // Graivoron / Grayvoron
	AliasPseudonym       AliasKind = "pseudonym"       // Denis Nikitin
	AliasCallSign        AliasKind = "call_sign"       // Caesar
	AliasSurname         AliasKind = "surname"         // Kapustin
)

// Alias is another name of an entity, with the kind of name it is. Sources
// lists the claims that state it (empty for names learned from a gazetteer).
type Alias struct {
	Name    string    `json:"name"`
	Kind    AliasKind `json:"kind"`
	Sources []string  `json:"sources,omitempty"` // claim ids
}

// Place holds a geocoded place's coordinates and admin hierarchy.
type Place struct {
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Admin1    string  `json:"admin1,omitempty"`
	Admin2    string  `json:"admin2,omitempty"`
	Feature   string  `json:"feature,omitempty"`   // GeoNames feature code: PPL, PPLA, ADM1, PCLI…
	Precision string  `json:"precision,omitempty"` // exact, near, region, country
	GeonameID int     `json:"geonameid,omitempty"`
}

// Geo precision codes, after ACLED's and UCDP's.
const (
	PrecisionExact   = "exact"
	PrecisionNear    = "near"
	PrecisionRegion  = "region"
	PrecisionCountry = "country"
)

// Ref is the short form of an entity or event inside claims and answers.
type Ref struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
	Type string `json:"type"`
}
