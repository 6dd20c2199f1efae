package resolve

import (
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

func TestDefaultAliasesParse(t *testing.T) {
	a, err := DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() < 1000 {
		t.Errorf("embedded alias table has %d rows, want more than 1000", a.Len())
	}
	if !strings.Contains(aliasesTSV, "CC BY 4.0") || !strings.Contains(aliasesTSV, "ODbL") {
		t.Error("alias table header does not attribute UCDP (CC BY 4.0) and countries (ODbL)")
	}
	for _, forbidden := range []string{"gtd", "acled"} {
		for _, line := range strings.Split(aliasesTSV, "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) == 5 && strings.Contains(strings.ToLower(f[4]), forbidden) {
				t.Fatalf("alias table row sourced from %s: %q", forbidden, line)
			}
		}
	}
}

func TestAliasLookup(t *testing.T) {
	a, err := DefaultAliases()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		alias     string
		typ       muster.EntityType
		canonical string // "" = not found
	}{
		{"Freedom of Russia Legion", "Freedom of Russia Legion", muster.EntityArmedGroup, "Free Russia Legion"},
		{"Liberty of Russia Legion", "Liberty of Russia Legion", muster.EntityArmedGroup, "Free Russia Legion"},
		{"quoted legion", `the Legion "Freedom of Russia"`, muster.EntityArmedGroup, "Free Russia Legion"},
		{"LSR", "LSR", muster.EntityArmedGroup, "Free Russia Legion"},
		{"RDK", "RDK", muster.EntityArmedGroup, "Russian Volunteer Corps"},
		{"Cyrillic RDK", "РДК", muster.EntityArmedGroup, "Russian Volunteer Corps"},
		{"transliterated RDK", "Russkiy Dobrovolcheskiy Korpus", muster.EntityArmedGroup, "Russian Volunteer Corps"},
		{"PMC Wagner typed as organisation", "PMC Wagner", muster.EntityOrganization, "Wagner Group"},
		{"Russian army", "Russian army", muster.EntityStateForce, "Armed Forces of Russia"},
		{"Russia's military", "Russia's military", muster.EntityStateForce, "Armed Forces of Russia"},
		{"Military Forces of Russia", "Military Forces of Russia", muster.EntityStateForce, "Armed Forces of Russia"},
		{"Russian Federation is the place", "Russian Federation", muster.EntityPlace, "Russia"},
		{"Kiev", "Kiev", muster.EntityPlace, "Kyiv"},
		{"Artemovsk", "Artemovsk", muster.EntityPlace, "Bakhmut"},
		{"ISIS from UCDP", "ISIS", muster.EntityArmedGroup, "Islamic State (Iraq, Syria, Jordan, Lebanon)"},
		{"Russia is not an army", "Russia", muster.EntityStateForce, ""},
		{"Russian army is not a place", "Russian army", muster.EntityPlace, ""},
		{"ISKP is not IS", "Islamic State Khorasan Province", muster.EntityArmedGroup, ""},
		{"International Legion is not Free Russia Legion", "International Legion", muster.EntityArmedGroup, "International Legion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, ok := a.Lookup(tt.alias, tt.typ)
			if tt.canonical == "" {
				if ok {
					t.Errorf("Lookup(%q, %s) = %+v, want not found", tt.alias, tt.typ, row)
				}
				return
			}
			if !ok || row.Canonical != tt.canonical {
				t.Errorf("Lookup(%q, %s) = %q, %v; want %q", tt.alias, tt.typ, row.Canonical, ok, tt.canonical)
			}
		})
	}
}

func TestParseAliasesErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"too few fields", "A\tarmed_group\tB\tname\n"},
		{"bad type", "A\tgang\tB\tname\tmuster\n"},
		{"empty alias", "A\tarmed_group\t\tname\tmuster\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseAliases(strings.NewReader(tt.in)); err == nil {
				t.Errorf("ParseAliases(%q): no error", tt.in)
			} else if !strings.Contains(err.Error(), "line 1") {
				t.Errorf("ParseAliases(%q) error %q does not name the line", tt.in, err)
			}
		})
	}
}
