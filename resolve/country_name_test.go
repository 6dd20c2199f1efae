package resolve

import (
	"context"
	"testing"

	"github.com/muster-osint/muster"
)

// TestCountryCanonicalName: a country is named as the alias table names
// it, whatever the text wrote ("U.S.", "America", "UK"), with the text's
// name kept as an alias, so that claims about it meet those that name it
// in full (issue 12: "opposes U.S." missed the gold's "opposes United
// States"). Other names keep the text's spelling.
func TestCountryCanonicalName(t *testing.T) {
	place := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPlace} }
	tests := []struct {
		in   muster.Entity
		want string
	}{
		{place("U.S."), "United States"},
		{place("U.S"), "United States"},
		{place("America"), "United States"},
		{place("the United States"), "United States"},
		{place("UK"), "United Kingdom"},
		{place("Russian Federation"), "Russia"},
		{place("Grayvoron"), "Grayvoron"},
		{muster.Entity{Name: "Freedom of Russia Legion", Type: muster.EntityArmedGroup}, "Freedom of Russia Legion"},
		{muster.Entity{Name: "Volodymyr Zelensky", Type: muster.EntityPerson}, "Volodymyr Zelensky"},
	}
	for _, tt := range tests {
		out, err := Resolve(context.Background(), []muster.Entity{tt.in}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := out[0]
		if got.Name != tt.want {
			t.Errorf("%q: named %q, want %q", tt.in.Name, got.Name, tt.want)
			continue
		}
		if got.Name != tt.in.Name {
			kept := false
			for _, a := range got.Aliases {
				kept = kept || a.Name == tt.in.Name
			}
			if !kept {
				t.Errorf("%q: named %q without the text's name as an alias: %v", tt.in.Name, got.Name, got.Aliases)
			}
		}
	}
}
