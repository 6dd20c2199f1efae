package store_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/muster-osint/muster/store"
)

// FuzzSearchQuery checks that no query text, however hostile to FTS5 or
// tsquery syntax, makes Search fail, and that hits are stored documents. It
// searches SQLite, and PostgreSQL too when the test server is reachable.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{
		"Kapustin", `"`, `""`, "AND OR", "NOT", "*", "Kap*", "^x", "title:x", "NEAR(a b, 2)", "a + b", "-x",
		"(((", ")", "{a b}", ":", "'", "'; DROP TABLE documents; --", "белгород", "🙂", "\x00", "\xff\xfe",
		"a\u0301", "x & y | !z", "<->", "a:*", "\\", "%_", "\u200b", "ǅ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
	} {
		f.Add(q)
	}
	ctx := context.Background()
	dbs := []*store.DB{MustOpen(f, store.SQLite)}
	if _, admin, err := postgresServer(); err == nil {
		admin.Close()
		dbs = append(dbs, MustOpen(f, store.Postgres))
	} else {
		f.Logf("postgres: %v; fuzzing SQLite only", err)
	}
	stored := map[string]bool{}
	for _, a := range []*struct{ title, text string }{{"Volunteers cross the border", sampleText}, {"Ünïcödé ǅemal", "Straße «quoted» 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 a\u0301b x*y NOT AND"}} {
		an := docOnly(a.title, a.text, day1)
		stored[an.Document.ID] = true
		for _, db := range dbs {
			if _, err := db.Save(ctx, an); err != nil {
				f.Fatal(err)
			}
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 4096 {
			return
		}
		for _, db := range dbs {
			hits, err := db.Search(ctx, q, 5)
			if err != nil {
				t.Fatalf("%s: Search(%q): %v", db.Dialect(), q, err)
			}
			for _, h := range hits {
				if !stored[h.Document.ID] {
					t.Errorf("%s: Search(%q) found unknown document %s", db.Dialect(), q, h.Document.ID)
				}
				if !utf8.ValidString(h.Snippet) {
					t.Errorf("%s: Search(%q) snippet %q is not UTF-8", db.Dialect(), q, h.Snippet)
				}
			}
		}
	})
}
