// Package web serves muster's JSON API under /api/v1/ and a small web UI
// (search, ask, profiles with cited facts and contradictions, documents
// with their evidence highlighted, an events timeline). Everything it
// shows is read through Store; every page is rendered with html/template,
// so article text is escaped, and it loads nothing from other hosts.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
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
	// DocumentClaims returns the claims a document states.
	DocumentClaims(ctx context.Context, id string) ([]muster.Claim, error)
	// AllClaims returns claims, optionally only those with the predicates.
	AllClaims(ctx context.Context, preds []muster.Predicate, limit int) ([]muster.Claim, error)
	// Groups lists entities of a type, the most documented first.
	Groups(ctx context.Context, t muster.EntityType, limit int) ([]muster.Entity, error)
}

// Server is the http.Handler of the API and the UI.
type Server struct {
	store  Store
	logger *slog.Logger
	mux    *http.ServeMux
	tmpl   *template.Template
	// land returns the decoded land file, decoding it on first use.
	land func() (*land, error)
}

// New returns a Server over s. logger receives internal errors, which
// clients never see.
func New(s Store, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	tmpl, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	srv := &Server{store: s, logger: logger, mux: http.NewServeMux(), tmpl: tmpl,
		land: sync.OnceValues(func() (*land, error) { return parseLand(landFile) })}
	static, _ := fs.Sub(assets, "static")
	srv.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	srv.mux.HandleFunc("GET /api/v1/profile", srv.apiProfile)
	srv.mux.HandleFunc("GET /api/v1/ask", srv.apiAsk)
	srv.mux.HandleFunc("GET /api/v1/claims", srv.apiClaims)
	srv.mux.HandleFunc("GET /api/v1/contradictions", srv.apiContradictions)
	srv.mux.HandleFunc("GET /api/v1/events", srv.apiEvents)
	srv.mux.HandleFunc("GET /api/v1/search", srv.apiSearch)
	srv.mux.HandleFunc("GET /api/v1/documents/{id}", srv.apiDocument)
	srv.mux.HandleFunc("GET /api/v1/openapi.yaml", srv.openAPI)
	srv.mux.HandleFunc("GET /{$}", srv.pageHome)
	srv.mux.HandleFunc("GET /entity", srv.pageEntity)
	srv.mux.HandleFunc("GET /ask", srv.pageAsk)
	srv.mux.HandleFunc("GET /search", srv.pageSearch)
	srv.mux.HandleFunc("GET /documents/{id}", srv.pageDocument)
	srv.mux.HandleFunc("GET /events", srv.pageEvents)
	srv.mux.HandleFunc("GET /graph", srv.pageGraph)
	srv.mux.HandleFunc("GET /map", srv.pageMap)
	return srv, nil
}

// ServeHTTP implements http.Handler with headers that keep pages from
// loading anything from elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
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

func intParam(r *http.Request, name string, def, max int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, muster.Errorf(muster.KindInvalid, "parameter %s: %q is not a count", name, v)
	}
	return min(n, max), nil
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
