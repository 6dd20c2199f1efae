package extract

import "testing"

func TestDatelineLen(t *testing.T) {
	tests := []struct {
		text, want string // want: the dateline that datelineLen cuts off
	}{
		{"BAMAKO — Gunmen ambushed a convoy.", "BAMAKO — "},
		{"KYIV, Ukraine (AP) — Russian drones struck the city.", "KYIV, Ukraine (AP) — "},
		{"Goma (Reuters) - Rebels seized the town.", "Goma (Reuters) - "},
		{"NEW YORK -- The council met.", "NEW YORK -- "},
		{"BEIRUT, Dec 1 — Fighters captured 14 villages.", "BEIRUT, Dec 1 — "},
		{"GOMA, Democratic Republic of Congo (Reuters) - Rebels fired.", "GOMA, Democratic Republic of Congo (Reuters) - "},
		{"Kabul, Mar 3, (dpa) – A blast hit the market.", "Kabul, Mar 3, (dpa) – "},
		{"GAO, Mali, May 23 (AP) — Gunmen attacked a post.", "GAO, Mali, May 23 (AP) — "},
		{"Mogadishu, Jun 12 (Xinhua/KNA) - Militants attacked a hotel.", "Mogadishu, Jun 12 (Xinhua/KNA) - "},
		{"dpa/KNA – The Sahel Vanguard claimed the attack.", "dpa/KNA – "},
		{"AFP/Jiji - Rebels seized the town.", "AFP/Jiji - "},
		{"Kherson — a city of 280,000 before the war — was shelled again.", ""},
		{"Putin — who ordered the invasion — spoke on Monday.", ""},
		{"Gunmen ambushed a convoy near Boni.", ""},
	}
	for _, tt := range tests {
		if got := tt.text[:datelineLen(tt.text)]; got != tt.want {
			t.Errorf("datelineLen(%q) cuts %q, want %q", tt.text, got, tt.want)
		}
	}
}
