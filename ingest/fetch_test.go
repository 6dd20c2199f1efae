package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func serveArticle(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page(`<title>Exiles raid two villages</title>`, paragraphs))
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Border report\n\nOfficials said on Monday that the raid had ended."))
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 100 {
			w.Write([]byte(strings.Repeat("More text about the raid. ", 40)))
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

func walkItems(t *testing.T, paths []string, opt Options) []Item {
	t.Helper()
	var items []Item
	if err := Walk(context.Background(), paths, opt, nil, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatalf("Walk = %v", err)
	}
	return items
}

func TestFetchRefusesPrivateByDefault(t *testing.T) {
	srv := serveArticle(t)
	localhost := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) // a name that resolves to loopback
	for _, u := range []string{srv.URL + "/article", srv.URL + "/redirect", localhost + "/article"} {
		items := walkItems(t, []string{u}, testOptions())
		if len(items) != 1 || !errors.Is(items[0].Err, ErrForbidden) {
			t.Fatalf("%s: items = %+v, want one ErrForbidden", u, items)
		}
		if !strings.Contains(items[0].Err.Error(), u) || !strings.Contains(items[0].Err.Error(), "127.0.0.1") && !strings.Contains(items[0].Err.Error(), "::1") {
			t.Errorf("error %q should name the URL and the refused address", items[0].Err)
		}
	}
}

func TestFetchAllowPrivate(t *testing.T) {
	srv := serveArticle(t)
	opt := testOptions()
	opt.AllowPrivate = true
	cases := []struct {
		path, url, format string
		err               error
	}{
		{"/article", srv.URL + "/article", "html", nil},
		{"/redirect", srv.URL + "/article", "html", nil},
		{"/plain", srv.URL + "/plain", "text", nil},
		{"/gone", "", "", ErrFetch},
		{"/big", "", "", ErrTooLarge},
	}
	opt.MaxBytes = 10_000
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			items := walkItems(t, []string{srv.URL + c.path}, opt)
			if len(items) != 1 {
				t.Fatalf("items = %+v", items)
			}
			it := items[0]
			checkItem(t, it)
			if c.err != nil {
				if !errors.Is(it.Err, c.err) {
					t.Fatalf("err = %v, want %v", it.Err, c.err)
				}
				return
			}
			if it.Err != nil {
				t.Fatal(it.Err)
			}
			if it.Doc.URL != c.url || it.Doc.Format != c.format || it.Doc.Source != srv.URL+c.path || it.Input != srv.URL+c.path {
				t.Errorf("doc url %q format %q source %q input %q", it.Doc.URL, it.Doc.Format, it.Doc.Source, it.Input)
			}
		})
	}
}

// TestFetchCustomTransport checks that a client whose transport cannot be
// guarded is refused rather than used unguarded.
func TestFetchCustomTransport(t *testing.T) {
	opt := testOptions()
	opt.HTTPClient = &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		t.Fatal("custom transport used without AllowPrivate")
		return nil, nil
	})}
	items := walkItems(t, []string{"https://example.com/x"}, opt)
	if len(items) != 1 || !errors.Is(items[0].Err, ErrForbidden) {
		t.Fatalf("items = %+v", items)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestPublicAddr(t *testing.T) {
	cases := []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"2606:4700::1111", true},
		{"127.0.0.1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"255.255.255.255", false},
		{"::1", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:8.8.8.8", true},
		{"64:ff9b::a00:1", false},
		{"224.0.0.1", false},
	}
	for _, c := range cases {
		if got := publicAddr(netip.MustParseAddr(c.addr)); got != c.want {
			t.Errorf("publicAddr(%s) = %v, want %v", c.addr, got, c.want)
		}
	}
}

func TestFetchBadURL(t *testing.T) {
	items := walkItems(t, []string{"http://"}, testOptions())
	if len(items) != 1 || !errors.Is(items[0].Err, ErrFetch) {
		t.Fatalf("items = %+v", items)
	}
}
