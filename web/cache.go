package web

import (
	"bytes"
	"net/http"
	"sync"
)

// Bounds of the rendered-response cache.
const (
	maxCachedResponses = 512
	maxCachedBytes     = 32 << 20
)

// responseCache keeps rendered responses of the pages and API lists that
// depend only on the snapshot, the store's state and the URL (timeline,
// map, contradictions, home), keyed on them: a view
// many people open is rendered once per state of the store. It is emptied
// when full.
type responseCache struct {
	mu    sync.Mutex
	items map[string]cachedResponse
	bytes int
	// rendering holds a channel for each key being rendered, closed when
	// it is done: requests for it meanwhile wait rather than render it
	// again (64 people opening the map at once render it once).
	rendering map[string]chan struct{}
}

// claim returns true when the caller should render key, or a channel to
// wait on while another request renders it.
func (c *responseCache) claim(key string) (bool, chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.rendering[key]; ok {
		return false, ch
	}
	if c.rendering == nil {
		c.rendering = map[string]chan struct{}{}
	}
	c.rendering[key] = make(chan struct{})
	return true, nil
}

// done ends the rendering of key.
func (c *responseCache) done(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.rendering[key])
	delete(c.rendering, key)
}

type cachedResponse struct {
	ctype string
	body  []byte
}

func (c *responseCache) get(key string) (cachedResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

func (c *responseCache) put(key string, v cachedResponse) {
	if len(v.body) > maxCachedBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil || len(c.items) >= maxCachedResponses || c.bytes+len(v.body) > maxCachedBytes {
		c.items, c.bytes = map[string]cachedResponse{}, 0
	}
	c.items[key] = v
	c.bytes += len(v.body)
}

// recorder captures a handler's response.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}

// cached serves h's response from the cache when the same URI was served
// for the current state of the store; only successful responses are kept.
func (s *Server) cached(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.noCache {
			h(w, r)
			return
		}
		snap, err := s.snaps.get(r.Context())
		if err != nil {
			h(w, r)
			return
		}
		// Keyed on the store's latest state too: a page that reads what
		// the store keeps at ingest is fresh right after an ingest,
		// before the snapshot has been rebuilt (and again once it has).
		key := snap.key + "\x00" + s.snaps.state(snap) + "\x00" + r.URL.RequestURI()
		if v, ok := s.responses.get(key); ok {
			w.Header().Set("Content-Type", v.ctype)
			_, _ = w.Write(v.body)
			return
		}
		mine, wait := s.responses.claim(key)
		if !mine {
			select {
			case <-wait:
			case <-r.Context().Done():
				return
			}
			if v, ok := s.responses.get(key); ok {
				w.Header().Set("Content-Type", v.ctype)
				_, _ = w.Write(v.body)
				return
			}
		} else {
			defer s.responses.done(key)
		}
		rec := &recorder{header: http.Header{}}
		h(rec, r)
		for k, vs := range rec.header {
			w.Header()[k] = vs
		}
		code := rec.code
		if code == 0 {
			code = http.StatusOK
		}
		if code == http.StatusOK {
			s.responses.put(key, cachedResponse{ctype: rec.header.Get("Content-Type"), body: bytes.Clone(rec.body.Bytes())})
		}
		w.WriteHeader(code)
		_, _ = w.Write(rec.body.Bytes())
	}
}
