package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
	"github.com/muster-osint/muster/store"
	"github.com/muster-osint/muster/web"
)

// serveStore starts the web handler over the store at db.
func serveStore(t *testing.T, db string) *httptest.Server {
	t.Helper()
	m := NewMain()
	m.Config.DB = db
	s, err := m.openStore(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := web.New(webStore{storeReader{s}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeSeed checks the API and the pages over the seed: the profile
// and the answer in the DESIGN §6 shapes, the document page with the
// followed quote marked, and errors that name the bad input.
func TestServeSeed(t *testing.T) {
	srv := serveStore(t, ingestSeed(t))
	code, body := get(t, srv, "/api/v1/profile?name=RDK")
	if code != 200 {
		t.Fatalf("profile: %d %s", code, body)
	}
	var p query.Profile
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Entity.Name != "Russian Volunteer Corps" || len(p.Claims) == 0 {
		t.Fatalf("profile of RDK: %v %+v", err, p.Entity)
	}
	code, body = get(t, srv, "/api/v1/ask?q="+url.QueryEscape("Who are the anti-Putin groups that marched into Russian territory?"))
	var a query.Answer
	if err := json.Unmarshal([]byte(body), &a); code != 200 || err != nil || len(a.Answers) != 2 {
		t.Errorf("ask: %d %v %s", code, err, body)
	}
	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/api/v1/profile?name=Nobody", 404, "no entity named"},
		{"/api/v1/profile", 400, "parameter name: missing"},
		{"/api/v1/claims?predicate=nonsense", 400, "unknown predicate"},
		{"/api/v1/profile?name=" + strings.Repeat("x", 600), 400, "longer than"},
		{"/api/v1/search?q=" + url.QueryEscape(`"AND OR * (`), 200, "hits"},
		{"/api/v1/contradictions", 200, "killed"},
		{"/", 200, "Free Russia Legion"},
		{"/entity?name=Free%20Russia%20Legion", 200, "Where sources disagree"},
		{"/ask?q=" + url.QueryEscape("Who founded the RDK?"), 200, "Denis Kapustin"},
		{"/events", 200, "Belgorod incursion"},
		{"/graph?name=RDK", 200, "Denis Kapustin"},
		{"/map", 200, "Belgorod"},
		{"/map", 200, `<path class="land" d="M`},
		{"/map", 200, "<title>Russia</title>"},
		{"/documents/nope", 404, "not found"},
		{"/documents/" + p.Documents[0].ID + "?at=bad", 400, "START-END"},
	} {
		code, body := get(t, srv, tc.path)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d, want %d with %q; body: %.300s", tc.path, code, tc.code, tc.want, body)
		}
	}
	// The document page marks the quote a profile links to.
	ev := p.Claims[0].Evidence[0]
	code, body = get(t, srv, "/documents/"+ev.Document+"?at="+itoa(ev.Start)+"-"+itoa(ev.End))
	if code != 200 || !strings.Contains(body, `<mark class="at" id="at"`) {
		t.Errorf("document page does not mark the followed quote: %d", code)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestServeEscapesArticleText ingests an article that carries markup and
// checks that no page serves it as markup.
func TestServeEscapesArticleText(t *testing.T) {
	dir := t.TempDir()
	text := "Hostile page\n\nThe <script>alert(1)</script> Brigade was formed in March 2022 by Ivan <b>Petrov</b>, according to Radio Free Europe.\n"
	if err := os.WriteFile(filepath.Join(dir, "x.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "x.db")
	if _, stderr, err := run(t, db, "ingest", "-q", "--published", "2023-06-01", filepath.Join(dir, "x.txt")); err != nil {
		t.Fatalf("ingest: %v %s", err, stderr)
	}
	srv := serveStore(t, db)
	s, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	var docID string
	_ = s.EachDocument(t.Context(), func(d muster.Document) error { docID = d.ID; return nil })
	s.Close()
	for _, path := range []string{"/documents/" + docID, "/search?q=script", "/"} {
		code, body := get(t, srv, path)
		if code != 200 {
			t.Errorf("GET %s = %d", path, code)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, "<b>Petrov") {
			t.Errorf("GET %s serves article markup unescaped", path)
		}
	}
}

// TestServeWarnsBeyondLoopback checks that serve warns when it listens
// beyond loopback without a token, and not with one or on loopback.
func TestServeWarnsBeyondLoopback(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.db")
	for _, tc := range []struct {
		args []string
		env  string
		warn bool
	}{
		{[]string{"--addr", "0.0.0.0:0"}, "", true},
		{[]string{"--addr", "0.0.0.0:0", "--token", "t"}, "", false},
		{[]string{"--addr", "0.0.0.0:0"}, "from-env", false},
		{[]string{"--addr", "127.0.0.1:0"}, "", false},
	} {
		t.Setenv("MUSTER_TOKEN", tc.env)
		var out, errb strings.Builder
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Config: DefaultConfig()}
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		err := m.Run(ctx, append([]string{"--db", db, "serve"}, tc.args...))
		cancel()
		if err != nil {
			t.Fatalf("serve %v: %v", tc.args, err)
		}
		if got := strings.Contains(errb.String(), "no API token"); got != tc.warn {
			t.Errorf("serve %v (MUSTER_TOKEN=%q): warned %v, want %v; stderr: %s", tc.args, tc.env, got, tc.warn, errb.String())
		}
	}
}
