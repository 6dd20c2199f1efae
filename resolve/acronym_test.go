package resolve

import "testing"

func TestInitials(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russian Volunteer Corps", "RVC"},
		{"Free Russia Legion", "FRL"},
		{"Institute for the Study of War", "ISW"},
		{"North Atlantic Treaty Organization", "NATO"},
		{"Русский добровольческий корпус", "RDK"},
		{"Wagner", ""},
	}
	for _, tt := range tests {
		if got := Initials(tt.in); got != tt.want {
			t.Errorf("Initials(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsAcronym(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"RDK", true}, {"U.S.", true}, {"DoD", true}, {"ChVK", true}, {"NATO", true},
		{"Kyiv", false}, {"I", false}, {"Legion", false}, {"dOD", false}, {"ISIS-K", true},
	}
	for _, tt := range tests {
		if got := IsAcronym(tt.in); got != tt.want {
			t.Errorf("IsAcronym(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestInitialsMatch(t *testing.T) {
	tests := []struct {
		name      string
		acr, full string
		want      bool
	}{
		{"RVC spells Russian Volunteer Corps", "RVC", "Russian Volunteer Corps", true},
		{"FRL spells Free Russia Legion", "FRL", "Free Russia Legion", true},
		{"MOD keeps the stop word", "MOD", "Ministry of Defence", true},
		{"RDK is not guessed from the English name", "RDK", "Russian Volunteer Corps", false},
		{"LSR is not guessed from the English name", "LSR", "Free Russia Legion", false},
		{"one letter is not an acronym", "R", "Russia", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := InitialsMatch(tt.acr, tt.full); got != tt.want {
				t.Errorf("InitialsMatch(%q, %q) = %v, want %v", tt.acr, tt.full, got, tt.want)
			}
		})
	}
}

func TestDefinedAcronym(t *testing.T) {
	tests := []struct {
		name           string
		between, after string
		want           bool
	}{
		{"bracket", " (", ") said", true},
		{"known as", " (known as ", "), a", true},
		{"no closing bracket", " (", " and", false},
		{"comma", ", ", " said", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefinedAcronym(tt.between, tt.after); got != tt.want {
				t.Errorf("DefinedAcronym(%q, %q) = %v, want %v", tt.between, tt.after, got, tt.want)
			}
		})
	}
}
