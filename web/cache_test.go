package web

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCachedRendersOnce checks that concurrent requests for one URL are
// rendered once per store state, that errors are not kept, and that a new
// state renders again.
func TestCachedRendersOnce(t *testing.T) {
	st := newCountingStore()
	srv, err := New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	var renders atomic.Int64
	h := srv.cached(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		time.Sleep(20 * time.Millisecond)
		if r.URL.Query().Get("bad") != "" {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("page"))
	})
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h(rec, httptest.NewRequest(http.MethodGet, "/x?a=1", nil))
			if rec.Code != 200 || rec.Body.String() != "page" || rec.Header().Get("Content-Type") != "text/plain" {
				t.Errorf("got %d %q %v", rec.Code, rec.Body, rec.Header())
			}
		}()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("16 concurrent requests rendered %d times, want 1", n)
	}
	for range 2 {
		rec := httptest.NewRecorder()
		h(rec, httptest.NewRequest(http.MethodGet, "/x?bad=1", nil))
		if rec.Code != 400 {
			t.Errorf("bad request: %d", rec.Code)
		}
	}
	if n := renders.Load(); n != 3 {
		t.Errorf("an error was served from the cache: %d renders, want 3", n)
	}
	// A new state of the store is a new snapshot key: rendered again.
	srv.snaps.cur.Store(&snapshot{key: "other"})
	h(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/x?a=1", nil))
	if n := renders.Load(); n != 4 {
		t.Errorf("after the store changed: %d renders, want 4", n)
	}
}
