package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to create and drop test schemas

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

// The API other packages call (pipeline's Saver, query's reader, resolve,
// the worker, the CLI): renaming any of it breaks the build here first.
var _ interface {
	Close() error
	Dialect() string
	Save(context.Context, *muster.Analysis) (store.SaveResult, error)
	HasDocument(context.Context, string) (bool, error)
	Document(context.Context, string) (*muster.Document, error)
	Documents(context.Context, []string) ([]muster.DocumentRef, error)
	Entity(context.Context, string) (*muster.Entity, error)
	FindEntities(context.Context, string) ([]muster.Entity, error)
	EntitiesByKeys(context.Context, []string) ([]muster.Entity, error)
	ListEntities(context.Context, store.EntityFilter) ([]muster.Entity, error)
	Claims(context.Context, store.ClaimFilter) ([]muster.Claim, error)
	Events(context.Context, store.EventFilter) ([]muster.Event, error)
	Mentions(context.Context, string) ([]muster.Mention, error)
	Search(context.Context, string, int) ([]store.SearchHit, error)
	Stats(context.Context) (store.Stats, error)
	EnqueueJob(context.Context, string, []byte) (int64, error)
	ClaimJob(context.Context, string, time.Duration) (*store.Job, error)
	FinishJob(context.Context, int64, string, error) error
	RenewJob(context.Context, int64, string) error
	ReleaseJob(context.Context, int64, string) error
	Jobs(context.Context, store.JobFilter) ([]store.Job, error)
	Job(context.Context, int64) (*store.Job, error)
	SaveDecision(context.Context, store.Decision) error
	Decisions(context.Context) ([]store.Decision, error)
} = (*store.DB)(nil)

// backends are the stores every test runs against (STYLE §11).
var backends = []string{store.SQLite, store.Postgres}

// postgresEnv names the environment variable holding the PostgreSQL server
// URL for tests; the Makefile sets it.
const postgresEnv = "MUSTER_TEST_POSTGRES"

// forEachBackend runs test as a subtest for each backend.
func forEachBackend(t *testing.T, test func(t *testing.T, backend string)) {
	t.Helper()
	for _, b := range backends {
		t.Run(b, func(t *testing.T) { test(t, b) })
	}
}

// MustOpen opens a fresh, empty store of the backend, closed at cleanup:
// a temporary SQLite file, or a PostgreSQL schema of its own that is dropped
// at cleanup. PostgreSQL tests skip when MUSTER_TEST_POSTGRES is unset or
// the server is unreachable.
func MustOpen(tb testing.TB, backend string) *store.DB {
	tb.Helper()
	return mustOpenDSN(tb, testDSN(tb, backend))
}

func mustOpenDSN(tb testing.TB, dsn string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("Open(%s): %v", dsn, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// testDSN returns the DSN of a fresh, empty store of the backend that the
// test may open several times. For PostgreSQL it creates a schema
// muster_test_<random>, dropped at cleanup (after stores opened later are
// closed).
func testDSN(tb testing.TB, backend string) string {
	tb.Helper()
	switch backend {
	case store.SQLite:
		return tb.TempDir() + "/muster.db"
	case store.Postgres:
		base, admin, err := postgresServer()
		if err != nil {
			tb.Skipf("postgres: %v; skipping PostgreSQL tests", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var b [6]byte
		rand.Read(b[:])
		schema := "muster_test_" + hex.EncodeToString(b[:])
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			admin.Close()
			tb.Fatalf("postgres: create schema %s: %v", schema, err)
		}
		tb.Cleanup(func() {
			defer admin.Close()
			if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
				tb.Errorf("postgres: drop schema %s: %v", schema, err)
			}
		})
		u, err := url.Parse(base)
		if err != nil {
			tb.Fatalf("postgres: %s=%q: %v", postgresEnv, base, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	tb.Fatalf("unknown backend %q", backend)
	return ""
}

// postgresServer returns the URL of the test PostgreSQL server and a
// connection to it, or why there is none.
func postgresServer() (string, *sql.DB, error) {
	base := os.Getenv(postgresEnv)
	if base == "" {
		return "", nil, fmt.Errorf("%s is not set; set it to a server URL (the Makefile does) to run the PostgreSQL tests", postgresEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", base)
	if err == nil {
		err = admin.PingContext(ctx)
	}
	if err != nil {
		if admin != nil {
			admin.Close()
		}
		return "", nil, fmt.Errorf("server at %s unreachable: %v", base, err)
	}
	return base, admin, nil
}

// The sample analysis below is written for these tests; its sentences are
// ours, its facts from public reporting.
const sampleText = "The Russian Volunteer Corps (RDK) said on Monday that its fighters had crossed into the Belgorod region. " +
	"Its founder, Denis Kapustin, also goes by the pseudonym Denis Nikitin. " +
	"Russian state television claimed more than 70 attackers were killed near Белгород. " +
	"Some estimates put up to 4,000 troops in the Freedom of Russia Legion."

// span returns the code-point offsets of the first occurrence of quote in
// text, as evidence.
func span(doc, text, quote string) muster.Evidence {
	i := strings.Index(text, quote)
	if i < 0 {
		panic("quote not in text: " + quote)
	}
	s := muster.CharOffsets(text, muster.Span{Start: i, End: i + len(quote)})
	return muster.Evidence{Document: doc, Start: s.Start, End: s.End, Quote: quote}
}

func float(f float64) *float64 { return &f }

// sample returns the analysis of a document with the given title, text and
// publication time, about the RDK, its founder, Belgorod and the Legion.
func sample(title, text string, published time.Time) *muster.Analysis {
	var d muster.Document
	d.SetText(text)
	d.Title, d.Publisher, d.Published = title, "Example Wire", published
	d.URL, d.Language, d.Format, d.Source = "https://example.org/"+d.ID, "en", "text", "test"
	rdk := muster.Entity{ID: "e_rdk", Type: muster.EntityArmedGroup, Name: "Russian Volunteer Corps",
		Aliases: []muster.Alias{{Name: "RDK", Kind: muster.AliasAcronym}}}
	kap := muster.Entity{ID: "e_kapustin", Type: muster.EntityPerson, Name: "Denis Kapustin",
		Aliases: []muster.Alias{{Name: "Denis Nikitin", Kind: muster.AliasPseudonym}}}
	bel := muster.Entity{ID: "e_belgorod", Type: muster.EntityPlace, Name: "Belgorod",
		Aliases:     []muster.Alias{{Name: "Белгород", Kind: muster.AliasNativeScript}},
		Place:       &muster.Place{Lat: 50.6, Lon: 36.6, Country: "RU", Admin1: "Belgorod Oblast", Feature: "PPLA", Precision: muster.PrecisionExact, GeonameID: 578072},
		ExternalIDs: map[string]string{"geonames": "578072"}}
	frl := muster.Entity{ID: "e_frl", Type: muster.EntityArmedGroup, Name: "Freedom of Russia Legion"}
	press := muster.Entity{ID: "e_state_media", Type: muster.EntityMedia, Name: "Russian state television"}

	ev := func(q string) []muster.Evidence { return []muster.Evidence{span(d.ID, text, q)} }
	claim := func(c muster.Claim) muster.Claim {
		if c.Modality == "" {
			c.Modality = muster.Reported
		}
		if c.AttributedTo.Name == "" {
			c.AttributedTo = muster.Attribution{Name: "Example Wire", Type: muster.SourcePublisher}
		}
		c.Extractor, c.Confidence = "test/1", 0.9
		c.SetID()
		return c
	}
	alias := claim(muster.Claim{Subject: rdk.Ref(), Predicate: muster.PredAlias, Object: muster.TextValue("RDK"),
		Evidence: ev("The Russian Volunteer Corps (RDK)")})
	rdk.Aliases[0].Sources = []string{alias.ID}
	pseudonym := claim(muster.Claim{Subject: kap.Ref(), Predicate: muster.PredPseudonym, Object: muster.TextValue("Denis Nikitin"),
		Evidence: ev("also goes by the pseudonym Denis Nikitin")})
	kap.Aliases[0].Sources = []string{pseudonym.ID}
	founded := claim(muster.Claim{Subject: rdk.Ref(), Predicate: muster.PredFoundedBy,
		Object: muster.EntityValue(kap.Ref(), "Denis Kapustin"), Evidence: ev("Its founder, Denis Kapustin")})
	active := claim(muster.Claim{Subject: rdk.Ref(), Predicate: muster.PredActiveIn,
		Object: muster.EntityValue(bel.Ref(), "the Belgorod region"),
		Time:   &muster.Value{Kind: muster.ValueDate, Text: "on Monday", From: "2023-05-22", To: "2023-05-22", Precision: muster.PrecisionDay},
		Place:  &muster.Ref{ID: bel.ID, Name: bel.Name, Type: string(bel.Type)},
		Evidence: []muster.Evidence{func() muster.Evidence {
			e := span(d.ID, text, "crossed into the Belgorod region")
			e.Sentence = &muster.Span{Start: 0, End: 105}
			return e
		}()}})
	size := claim(muster.Claim{Subject: frl.Ref(), Predicate: muster.PredSize,
		Object:       muster.NumberValue("up to 4,000", math.NaN(), 4000, "troops"),
		AttributedTo: muster.Attribution{Name: "some estimates", Type: muster.SourceUnnamed},
		Modality:     muster.Estimated, Evidence: ev("up to 4,000 troops in the Freedom of Russia Legion")})
	incursion := muster.Event{ID: "v_" + d.ID[2:] + "_1", Type: muster.EventIncursion, Label: "Belgorod incursion",
		Time:         &muster.Value{Kind: muster.ValueDate, Text: "on Monday", From: "2023-05-22", To: "2023-05-23", Precision: muster.PrecisionDay},
		Places:       []muster.Ref{{ID: bel.ID, Name: bel.Name, Type: string(bel.Type)}},
		Participants: []muster.Participant{{Entity: rdk.Ref(), Role: muster.RoleActor}},
		Evidence:     ev("its fighters had crossed into the Belgorod region")}
	killed := claim(muster.Claim{Subject: incursion.Ref(), Predicate: muster.PredKilled,
		Object:       muster.Value{Kind: muster.ValueNumber, Text: "more than 70", Min: float(71)},
		AttributedTo: muster.Attribution{ID: press.ID, Name: press.Name, Type: muster.AttributionType(press.Type)},
		Modality:     muster.Claimed, Role: "attackers", Evidence: ev("more than 70 attackers were killed")})
	incursion.Claims = []muster.Claim{killed}

	var mentions []muster.Mention
	for _, m := range []struct {
		quote  string
		typ    muster.MentionType
		entity string
	}{
		{"Russian Volunteer Corps", muster.MentionArmedGroup, rdk.ID},
		{"RDK", muster.MentionArmedGroup, rdk.ID},
		{"Monday", muster.MentionDATE, ""},
		{"Belgorod", muster.MentionGPE, bel.ID},
		{"Denis Kapustin", muster.MentionPER, kap.ID},
		{"Denis Nikitin", muster.MentionPER, kap.ID},
		{"Russian state television", muster.MentionMedia, press.ID},
		{"Белгород", muster.MentionGPE, bel.ID},
		{"Freedom of Russia Legion", muster.MentionArmedGroup, frl.ID},
	} {
		e := span(d.ID, text, m.quote)
		mentions = append(mentions, muster.Mention{Document: d.ID, Start: e.Start, End: e.End, Text: m.quote, Type: m.typ, Entity: m.entity})
	}
	return &muster.Analysis{
		Document: d,
		Mentions: mentions,
		Entities: []muster.Entity{rdk, kap, bel, frl, press},
		Events:   []muster.Event{incursion},
		Claims:   []muster.Claim{alias, founded, pseudonym, active, size},
	}
}

var (
	day1 = time.Date(2023, 5, 24, 9, 30, 0, 0, time.UTC)
	day0 = time.Date(2023, 5, 23, 18, 0, 0, 0, time.FixedZone("MSK", 3*3600))
)

// bigAnalysis returns a realistic analysis of document i: a text of about
// 6 KB, the given numbers of claims and mentions, three events and ten
// entities shared by every i (so saving many exercises the upserts). The
// title records the counts, for the kill test to check.
func bigAnalysis(i, claims, mentions int) *muster.Analysis {
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d. ", i)
	for range 40 {
		b.WriteString("Fighters of the Free Russia Legion said they shelled positions near Shebekino, and officials in Belgorod disputed the figures. ")
	}
	text := b.String()
	var d muster.Document
	d.SetText(text)
	d.Title = fmt.Sprintf("report %d claims=%d mentions=%d events=3", i, claims, mentions)
	d.Published = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
	d.Publisher, d.Format = "Bench Wire", "text"
	a := &muster.Analysis{Document: d}
	for e := range 10 {
		a.Entities = append(a.Entities, muster.Entity{
			ID: fmt.Sprintf("e_shared_%d", e), Type: muster.EntityArmedGroup, Name: fmt.Sprintf("Group %d", e),
			Aliases: []muster.Alias{{Name: fmt.Sprintf("G%d", e), Kind: muster.AliasAcronym, Sources: []string{fmt.Sprintf("c_%d_%d", i, e)}},
				{Name: fmt.Sprintf("Doc %d group %d", i, e), Kind: muster.AliasName}},
		})
	}
	n := len([]rune(text))
	for m := range mentions {
		start := (m * 97) % (n - 30)
		a.Mentions = append(a.Mentions, muster.Mention{Document: d.ID, Start: start, End: start + 20,
			Text: string([]rune(text)[start : start+20]), Type: muster.MentionORG, Entity: fmt.Sprintf("e_shared_%d", m%10)})
	}
	for v := range 3 {
		a.Events = append(a.Events, muster.Event{ID: fmt.Sprintf("v_%d_%d", i, v), Type: muster.EventShelling, Label: "shelling near Shebekino",
			Time:         &muster.Value{Kind: muster.ValueDate, Text: "in May", From: "2023-05-01", To: "2023-05-31", Precision: muster.PrecisionMonth},
			Participants: []muster.Participant{{Entity: muster.Ref{ID: "e_shared_1", Name: "Group 1", Type: "armed_group"}, Role: muster.RoleActor}},
			Evidence:     []muster.Evidence{{Document: d.ID, Start: 0, End: 10, Quote: string([]rune(text)[:10])}}})
	}
	for c := range claims {
		start := (c * 31) % (n - 40) // distinct for c < 160, so claim ids are
		cl := muster.Claim{
			Subject:      muster.Ref{ID: fmt.Sprintf("e_shared_%d", c%10), Name: fmt.Sprintf("Group %d", c%10), Type: "armed_group"},
			Predicate:    muster.PredActiveIn,
			Object:       muster.EntityValue(muster.Ref{ID: "e_shebekino", Name: "Shebekino", Type: "place"}, "Shebekino"),
			AttributedTo: muster.Attribution{Name: "officials", Type: muster.SourceUnnamed},
			Modality:     muster.Reported,
			Evidence:     []muster.Evidence{{Document: d.ID, Start: start, End: start + 40, Quote: string([]rune(text)[start : start+40])}},
			Confidence:   0.5,
		}
		cl.SetID()
		a.Claims = append(a.Claims, cl)
	}
	return a
}
