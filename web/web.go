// Package web serves muster's JSON API under /api/v1/ and a small web UI
// (search, ask, profiles with cited facts and contradictions, documents
// with their evidence highlighted, an events timeline). Everything it
// shows is read through Store; every page is rendered with html/template,
// so article text is escaped, and it loads nothing from other hosts.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

//go:embed templates/*.html static/*
var assets embed.FS

// maxQuery bounds the length of names and questions a request may carry.
const maxQuery = 500

// Hit is one full-text search result.
type Hit struct {
	Document muster.DocumentRef `json:"document"`
	Snippet  string             `json:"snippet"`
}

// Store is what the web server reads: the query package's Reader, plus
// documents, their mentions, full-text search, and listings.
type Store interface {
	query.Reader
	Document(ctx context.Context, id string) (*muster.Document, error)
	Mentions(ctx context.Context, documentID string) ([]muster.Mention, error)
	Search(ctx context.Context, q string, limit int) ([]Hit, error)
	// SearchRefs returns the documents Search finds, best first, without
	// snippets: cheap enough to count and facet hundreds of hits.
	SearchRefs(ctx context.Context, q string, limit int) ([]muster.DocumentRef, error)
	// DocumentClaims returns the claims a document states.
	DocumentClaims(ctx context.Context, id string) ([]muster.Claim, error)
	// AllClaims returns claims, optionally only those with the predicates.
	AllClaims(ctx context.Context, preds []muster.Predicate, limit int) ([]muster.Claim, error)
	// Groups lists entities of a type, the most documented first.
	Groups(ctx context.Context, t muster.EntityType, limit int) ([]muster.Entity, error)
	// State returns a key that changes whenever what the store holds
	// changes; the server rebuilds what it derives from the whole store
	// (timeline, map, contradictions) only when it does.
	State(ctx context.Context) (string, error)
	// EntitiesByID returns the entities with the ids (those stored).
	EntitiesByID(ctx context.Context, ids []string) ([]muster.Entity, error)
	// UntitledHeads returns the first words of each untitled document,
	// by id, to name it by.
	UntitledHeads(ctx context.Context) (map[string]string, error)
}

// Derived is what a Store may keep computed at ingest, in the
// transaction that saves the claims and events it comes from (issue 14):
// the disagreements and the map's places. The contradictions API and the
// unfiltered map read it instead of the snapshot, so they are as fast
// right after an ingest as before it, and the snapshot takes the
// disagreements from it instead of comparing every claim.
type Derived interface {
	// StoredContradictions returns the disagreements about the subject
	// (an id, or part of a name in any case; "" for all) with one of the
	// predicates (none for all), ordered by subject name, from offset and
	// at most limit (0 for all), as muster.Contradiction JSON (sent as it
	// is), and how many there are in all.
	StoredContradictions(ctx context.Context, subject string, preds []muster.Predicate, limit, offset int) ([]json.RawMessage, int, error)
	// MapPlaces returns the places events happen at that have
	// coordinates, and the number of events stored.
	MapPlaces(ctx context.Context) ([]MapPlace, int, error)
}

// MapPlace is a place with the number of events at it and the labels of
// the first of them, in time order.
type MapPlace struct {
	Entity muster.Entity
	Events int
	Labels []string
}

// Options tunes a Server for where it is exposed.
type Options struct {
	// Logger receives internal errors, which clients never see.
	Logger *slog.Logger
	// Token, when set, is required of every API request, as
	// "Authorization: Bearer TOKEN" (issue 14: an API served beyond
	// loopback is not open to anyone who finds it).
	Token string
	// MaxInFlight bounds the requests served at once; beyond it a request
	// gets 503 with Retry-After. 0 means DefaultMaxInFlight.
	MaxInFlight int
	// NoResponseCache renders every request, for benchmarks that measure
	// rendering rather than the cache.
	NoResponseCache bool
}

// DefaultMaxInFlight is the number of requests served at once unless
// Options say otherwise: enough for a team, few enough that a burst
// cannot exhaust memory.
const DefaultMaxInFlight = 32

// Server is the http.Handler of the API and the UI.
type Server struct {
	store    Store
	logger   *slog.Logger
	token    string
	inFlight chan struct{}
	snaps    *snapshots
	mux      *http.ServeMux
	tmpl     *template.Template
	// land returns the decoded land file, decoding it on first use.
	land func() (*land, error)
	// drawings caches drawn land by view and label obstacles: the default
	// map and a shared view are drawn once, not per request.
	drawMu    sync.Mutex
	drawings  map[string]landDrawing
	responses responseCache
	noCache   bool
}

// New returns a Server over s. logger receives internal errors, which
// clients never see.
func New(s Store, logger *slog.Logger) (*Server, error) {
	return NewServer(s, Options{Logger: logger})
}

// NewServer returns a Server over s with the options.
func NewServer(s Store, opt Options) (*Server, error) {
	logger := opt.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxInFlight <= 0 {
		opt.MaxInFlight = DefaultMaxInFlight
	}
	srv := &Server{store: s, logger: logger, mux: http.NewServeMux(), token: opt.Token,
		inFlight: make(chan struct{}, opt.MaxInFlight),
		land:     sync.OnceValues(func() (*land, error) { return parseLand(landFile) })}
	srv.noCache = opt.NoResponseCache
	srv.snaps = &snapshots{store: s, onError: func(err error) { logger.Error("web: snapshot", "err", err) }}
	tmpl, err := template.New("").Funcs(funcs).Funcs(srv.funcs()).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	srv.tmpl = tmpl
	static, _ := fs.Sub(assets, "static")
	srv.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	srv.mux.HandleFunc("GET /api/v1/profile", srv.apiProfile)
	srv.mux.HandleFunc("GET /api/v1/ask", srv.apiAsk)
	srv.mux.HandleFunc("GET /api/v1/claims", srv.apiClaims)
	srv.mux.HandleFunc("GET /api/v1/contradictions", srv.cached(srv.apiContradictions))
	srv.mux.HandleFunc("GET /api/v1/events", srv.cached(srv.apiEvents))
	srv.mux.HandleFunc("GET /api/v1/search", srv.apiSearch)
	srv.mux.HandleFunc("GET /api/v1/documents/{id}", srv.apiDocument)
	srv.mux.HandleFunc("GET /api/v1/entities/{id}", srv.apiEntity)
	srv.mux.HandleFunc("GET /api/v1/openapi.yaml", srv.openAPI)
	srv.mux.HandleFunc("GET /{$}", srv.cached(srv.pageHome))
	srv.mux.HandleFunc("GET /entity", srv.pageEntityByName)
	srv.mux.HandleFunc("GET /entity/{id}", srv.pageEntity)
	srv.mux.HandleFunc("GET /contradictions", srv.cached(srv.pageContradictions))
	srv.mux.HandleFunc("GET /claims", srv.pageClaims)
	srv.mux.HandleFunc("GET /export/events.csv", srv.exportCSV)
	srv.mux.HandleFunc("GET /export/stix.json", srv.exportSTIX)
	srv.mux.HandleFunc("GET /export/ftm.jsonl", srv.exportFtM)
	srv.mux.HandleFunc("GET /ask", srv.pageAsk)
	srv.mux.HandleFunc("GET /search", srv.pageSearch)
	srv.mux.HandleFunc("GET /documents/{id}", srv.pageDocument)
	srv.mux.HandleFunc("GET /events", srv.cached(srv.pageEvents))
	srv.mux.HandleFunc("GET /events/{id}", srv.pageEvent)
	srv.mux.HandleFunc("GET /graph", srv.pageGraph)
	srv.mux.HandleFunc("GET /graph/{id}", srv.pageGraph)
	srv.mux.HandleFunc("GET /map", srv.cached(srv.pageMap))
	return srv, nil
}

// csp keeps pages from loading anything from elsewhere, from running
// inline script and from being framed.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// ServeHTTP implements http.Handler: a bounded number of requests in
// flight (503 with Retry-After beyond), the API token when one is set, and
// headers that keep pages from loading anything from elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	select {
	case s.inFlight <- struct{}{}:
		defer func() { <-s.inFlight }()
	default:
		h.Set("Retry-After", "1")
		http.Error(w, "busy: too many requests in flight, retry in a second", http.StatusServiceUnavailable)
		return
	}
	if s.token != "" && strings.HasPrefix(r.URL.Path, "/api/") && !s.authorized(r) {
		h.Set("WWW-Authenticate", `Bearer realm="muster"`)
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"this API needs a token: send Authorization: Bearer TOKEN"}` + "\n"))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// authorized reports whether the request carries the API token.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.token)) == 1
}

// param returns a bounded, trimmed query parameter, or an invalid-input
// error naming it.
func param(r *http.Request, name string, required bool) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if len(v) > maxQuery {
		return "", muster.Errorf(muster.KindInvalid, "parameter %s: longer than %d bytes", name, maxQuery)
	}
	if required && v == "" {
		return "", muster.Errorf(muster.KindInvalid, "parameter %s: missing", name)
	}
	return v, nil
}

// status maps an error's kind to an HTTP status, in one place.
func status(err error) int {
	switch muster.ErrorKind(err) {
	case muster.KindInvalid:
		return http.StatusBadRequest
	case muster.KindNotFound:
		return http.StatusNotFound
	case muster.KindConflict:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// message is what a client may see of an error: the user-facing message,
// never internal detail.
func message(err error) string {
	var e *muster.Error
	if errors.As(err, &e) && e.Kind != muster.KindInternal {
		return e.Error()
	}
	return "internal error"
}

func (s *Server) writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.logger.Error("web: write json", "err", err)
	}
}

func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	if code == http.StatusInternalServerError {
		s.logger.Error("web: request failed", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": message(err)})
}
