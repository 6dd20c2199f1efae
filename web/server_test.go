package web

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

// countingStore is a store of two reports of one raid whose death tolls
// disagree; it counts the reads of every claim and its state can be moved.
type countingStore struct {
	*mapStore
	claims   []muster.Claim
	state    atomic.Value
	allReads atomic.Int64
	gate     chan struct{} // when set, EventsOf waits on it
}

func newCountingStore() *countingStore {
	s := &countingStore{mapStore: placesStore(map[string][2]float64{"Graivoron": {50.48, 35.67}})}
	s.state.Store("1")
	killed := func(id, who, text string, lo, hi float64) muster.Claim {
		v := muster.NumberValue(text, lo, hi, "")
		return muster.Claim{ID: id, Subject: muster.Ref{ID: "v_Graivoron", Name: "raid on Graivoron", Type: "event"},
			Predicate: muster.PredKilled, Object: v, AttributedTo: muster.Attribution{Name: who}, Modality: muster.Claimed,
			Evidence: []muster.Evidence{{Document: "d_" + id, Start: 0, End: 4, Quote: text}}}
	}
	s.claims = []muster.Claim{killed("c1", "the ministry", "more than 70", 71, math.NaN()), killed("c2", "the corps", "two", 2, 2)}
	s.events[0].Claims = s.claims
	s.events[0].Type = muster.EventRaid
	s.events[0].Evidence = []muster.Evidence{{Document: "d_c1", Start: 0, End: 4, Quote: "raid"}}
	return s
}

func (s *countingStore) State(context.Context) (string, error) { return s.state.Load().(string), nil }

func (s *countingStore) AllClaims(context.Context, []muster.Predicate, int) ([]muster.Claim, error) {
	s.allReads.Add(1)
	return s.claims, nil
}

func (s *countingStore) EventsOf(ctx context.Context, id string) ([]muster.Event, error) {
	if s.gate != nil {
		<-s.gate
	}
	return s.mapStore.EventsOf(ctx, id)
}

func (s *countingStore) ClaimsAbout(context.Context, []string) ([]muster.Claim, error) {
	return nil, nil
}

func (s *countingStore) FindEntities(_ context.Context, name string) ([]muster.Entity, error) {
	var out []muster.Entity
	for _, e := range s.entities {
		if strings.EqualFold(e.Name, name) {
			out = append(out, *e)
		}
	}
	return out, nil
}

func serve(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	return serve(t, h, httptest.NewRequest(http.MethodGet, path, nil))
}

// TestContradictionsCached checks that the disagreements, the timeline
// and the map are derived from every claim once per state of the store,
// not once per request (issue 14), and derived again when it changes.
func TestContradictionsCached(t *testing.T) {
	st := newCountingStore()
	srv, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/contradictions", "/api/v1/contradictions", "/events", "/map", "/api/v1/events", "/contradictions"} {
		rec := get(t, srv, path)
		if rec.Code != 200 {
			t.Fatalf("GET %s = %d: %s", path, rec.Code, rec.Body)
		}
	}
	if n := st.allReads.Load(); n != 1 {
		t.Errorf("6 requests read every claim %d times, want once", n)
	}
	if body := get(t, srv, "/api/v1/contradictions").Body.String(); !strings.Contains(body, `"total":1`) || !strings.Contains(body, "more than 70") {
		t.Errorf("contradictions: %s", body)
	}
	// A new state is noticed at the next check, and derived once.
	st.state.Store("2")
	srv.snaps.checked.Store(0)
	get(t, srv, "/contradictions")
	deadline := time.Now().Add(5 * time.Second)
	for st.allReads.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := st.allReads.Load(); n != 2 {
		t.Errorf("after the store changed, every claim was read %d times in all, want 2", n)
	}
}

// TestListLimits checks that list endpoints refuse limit=0 and limits over
// their cap with a 400 naming the parameter, and page with offset.
func TestListLimits(t *testing.T) {
	srv, err := New(newCountingStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/api/v1/events?limit=0", 400, "parameter limit"},
		{"/api/v1/events?limit=100000", 400, "over the cap"},
		{"/api/v1/events?limit=-1", 400, "parameter limit"},
		{"/api/v1/events?offset=x", 400, "parameter offset"},
		{"/api/v1/contradictions?limit=0", 400, "parameter limit"},
		{"/api/v1/claims?limit=0", 400, "parameter limit"},
		{"/api/v1/search?q=x&limit=0", 400, "parameter limit"},
		{"/api/v1/events?limit=1", 200, `"total":1`},
		{"/api/v1/events?offset=5", 200, `"events":[]`},
		{"/events?page=0", 400, "parameter page"},
		{"/events?type=nonsense", 400, "unknown event type"},
		{"/events?from=2023-13-01", 400, "parameter from"},
		{"/map?bbox=1,2,3", 400, "parameter bbox"},
		{"/map?bbox=10,10,5,20", 400, "parameter bbox"},
		{"/events?type=raid&modality=claimed", 200, "raid on Graivoron"},
		{"/events?modality=denied", 200, "No events match"},
		{"/contradictions?about=e_Graivoron", 200, "1 of 1 disagreements"},
		{"/contradictions?about=e_elsewhere", 200, "0 of 1 disagreements"},
		{"/claims?subject=e_Graivoron", 200, "Claims about Graivoron"},
		{"/claims?subject=e_nobody", 404, "no entity"},
		{"/claims", 400, "parameter subject"},
	} {
		rec := get(t, srv, tc.path)
		if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("GET %s = %d, want %d with %q; body: %.300s", tc.path, rec.Code, tc.code, tc.want, rec.Body)
		}
	}
}

// TestInFlightLimit holds MaxInFlight requests inside the server and
// checks that the next one is turned away with 503 and Retry-After.
func TestInFlightLimit(t *testing.T) {
	st := newCountingStore()
	st.gate = make(chan struct{})
	srv, err := NewServer(st, Options{MaxInFlight: 2})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); get(t, srv, "/api/v1/events") }()
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(srv.inFlight) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	rec := get(t, srv, "/api/v1/events")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("third request = %d, Retry-After %q; want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	close(st.gate)
	wg.Wait()
	if rec := get(t, srv, "/api/v1/events"); rec.Code != 200 {
		t.Errorf("after the others ended: %d", rec.Code)
	}
}

// TestToken checks that with a token the API needs it and the pages do
// not, and that every response carries the CSP.
func TestToken(t *testing.T) {
	srv, err := NewServer(newCountingStore(), Options{Token: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	if rec := get(t, srv, "/api/v1/events"); rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "token") {
		t.Errorf("no token: %d %s", rec.Code, rec.Body)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer wrong")
	if rec := serve(t, srv, req); rec.Code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", rec.Code)
	}
	req.Header.Set("Authorization", "Bearer s3cret")
	rec := serve(t, srv, req)
	if rec.Code != 200 {
		t.Errorf("right token: %d %s", rec.Code, rec.Body)
	}
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"frame-ancestors 'none'", "script-src 'self'", "default-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if rec := get(t, srv, "/events"); rec.Code != 200 {
		t.Errorf("page with a token set: %d", rec.Code)
	}
}

// TestExportCSVFromUI checks that the timeline's CSV button serves the
// filter's events through export.EventsCSV, neutralised.
func TestExportCSVFromUI(t *testing.T) {
	st := newCountingStore()
	st.events[0].Evidence[0].Quote = "=HYPERLINK(\"http://x\")"
	srv, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, srv, "/export/events.csv?type=raid")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", rec.Code, rec.Header())
	}
	body := rec.Body.String()
	if !strings.Contains(body, "v_Graivoron") || strings.Contains(body, ",=HYPERLINK") || !strings.Contains(body, "'=HYPERLINK") {
		t.Errorf("export body:\n%s", body)
	}
	if rec := get(t, srv, "/export/events.csv?type=arrest"); strings.Contains(rec.Body.String(), "v_Graivoron") {
		t.Errorf("the filter is not applied to the export")
	}
}

// TestEntityLinksByID checks that a name is a search (one entity of the
// name opens it, several are listed), that an entity page names its
// namesakes with their country and admin area, and that event cards link
// entities by id.
func TestEntityLinksByID(t *testing.T) {
	st := newCountingStore()
	st.entities["e_ru1"] = &muster.Entity{ID: "e_ru1", Type: muster.EntityPlace, Name: "Russia",
		Place: &muster.Place{Lat: 60, Lon: 100, Country: "RU", Precision: muster.PrecisionCountry}}
	st.entities["e_ru2"] = &muster.Entity{ID: "e_ru2", Type: muster.EntityPlace, Name: "Russia",
		Place: &muster.Place{Lat: 40.5, Lon: -79.9, Country: "US", Admin1: "Pennsylvania", Precision: muster.PrecisionExact}}
	st.events[0].Participants = []muster.Participant{{Entity: muster.Ref{ID: "e_ru1", Name: "Russia", Type: "place"}, Role: muster.RoleDefender}}
	srv, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rec := get(t, srv, "/entity?name=Graivoron"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/entity/e_Graivoron" {
		t.Errorf("one Graivoron: %d to %q, want 303 to /entity/e_Graivoron", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(t, srv, "/entity?name=Russia"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/search?q=Russia" {
		t.Errorf("two Russias: %d to %q, want 303 to the search", rec.Code, rec.Header().Get("Location"))
	}
	body := get(t, srv, "/entity/e_ru1").Body.String()
	if !strings.Contains(body, `1 other entity is called Russia: <a href="/entity/e_ru2">Russia</a> <small>(place, Pennsylvania, US)</small>`) {
		t.Errorf("entity page does not name its namesake: %s", body)
	}
	body = get(t, srv, "/events").Body.String()
	if !strings.Contains(body, `<a href="/entity/e_ru1">Russia</a> (defender)`) || strings.Contains(body, "/entity?name=") {
		t.Errorf("event card does not link its participant by id")
	}
	if !strings.Contains(body, `<a href="/entity/e_Graivoron">Graivoron</a>`) {
		t.Errorf("event card does not link its place by id")
	}
}

// TestExportSTIXFromUI checks the STIX and FollowTheMoney buttons: a
// filter's events as a bundle, the same bytes twice.
func TestExportSTIXFromUI(t *testing.T) {
	srv, err := New(newCountingStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	first := get(t, srv, "/export/stix.json?type=raid")
	if first.Code != 200 || !strings.Contains(first.Body.String(), `"type": "bundle"`) || !strings.Contains(first.Body.String(), `"incident"`) {
		t.Fatalf("stix: %d %.300s", first.Code, first.Body)
	}
	time.Sleep(5 * time.Millisecond)
	if again := get(t, srv, "/export/stix.json?type=raid"); again.Body.String() != first.Body.String() {
		t.Errorf("two STIX exports of one store differ")
	}
	if rec := get(t, srv, "/export/ftm.jsonl?type=raid"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"schema"`) {
		t.Errorf("ftm: %d %.300s", rec.Code, rec.Body)
	}
	if rec := get(t, srv, "/export/stix.json?type=bogus"); rec.Code != 400 {
		t.Errorf("bad filter: %d", rec.Code)
	}
}
