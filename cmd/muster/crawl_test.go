package main

import (
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// Page weight targets (issue 13).
const (
	maxPageBytes = 150 << 10
	maxMapBytes  = 300 << 10
	maxCrawl     = 6000
)

var (
	anchorRE = regexp.MustCompile(`(?s)<a\s([^>]*)>(.*?)</a>`)
	hrefRE   = regexp.MustCompile(`\bhref="([^"]*)"`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	titleRE  = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
)

// TestCrawl follows every internal link of the web UI from the home page
// over a store of the examples and 100 news articles, and checks that none
// is broken (every page answers 200), none is blank (every link has text
// or a title to read), every event card links to a source, and every
// page keeps to its weight: 150 KB, the map
// 300 KB.
func TestCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawl: skipped in -short mode")
	}
	db, _ := buildWebStore(t, 100)
	srv := serveStore(t, db)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	seen := map[string]string{"/": "start"}
	queue := []string{"/"}
	pages, downloads := 0, 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := client.Get(srv.URL + u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusSeeOther || resp.StatusCode == http.StatusFound {
			loc := resp.Header.Get("Location")
			if _, ok := seen[loc]; !ok && strings.HasPrefix(loc, "/") {
				seen[loc] = u
				queue = append(queue, loc)
			}
			continue
		}
		if resp.StatusCode != 200 {
			t.Errorf("GET %s (linked from %s) = %d: %.200s", u, seen[u], resp.StatusCode, body)
			continue
		}
		if strings.HasPrefix(u, "/export/") {
			downloads++
			if len(body) == 0 {
				t.Errorf("GET %s: empty download", u)
			}
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages++
		// A zoomed or panned map links to more zooms and pans without
		// end: its links are checked where they lead, not followed on.
		expand := !strings.Contains(u, "bbox=")
		limit := maxPageBytes
		if strings.HasPrefix(u, "/map") {
			limit = maxMapBytes
		}
		if len(body) > limit {
			t.Errorf("GET %s: %d bytes, over %d", u, len(body), limit)
		}
		for _, card := range strings.Split(string(body), `<article class="event"`)[1:] {
			card, _, _ = strings.Cut(card, "</article>")
			if !strings.Contains(card, `<p class="sources">Sources: <a href="/documents/`) {
				t.Errorf("page %s: an event card without a source link: %.200s", u, card)
			}
		}
		for _, m := range anchorRE.FindAllStringSubmatch(string(body), -1) {
			h := hrefRE.FindStringSubmatch(m[1])
			if h == nil {
				continue
			}
			href := html.UnescapeString(h[1])
			text := strings.TrimSpace(html.UnescapeString(tagRE.ReplaceAllString(titleRE.ReplaceAllString(m[2], " $1 "), "")))
			if text == "" && !strings.Contains(m[1], "title=") {
				t.Errorf("page %s: blank link to %q", u, href)
			}
			if href == "" {
				t.Errorf("page %s: link without a target: %s", u, m[0])
				continue
			}
			if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
				continue // leaves the site: an article's own URL
			}
			if i := strings.IndexByte(href, '#'); i >= 0 {
				href = href[:i]
			}
			if _, ok := seen[href]; ok || !expand && strings.Contains(href, "bbox=") && strings.Contains(seen[u], "bbox=") {
				continue
			}
			seen[href] = u
			if len(seen) > maxCrawl {
				t.Fatalf("more than %d internal links: the crawl does not end", maxCrawl)
			}
			queue = append(queue, href)
		}
	}
	t.Logf("crawled %d pages and %d downloads, %d distinct links", pages, downloads, len(seen))
	if pages < 50 {
		t.Errorf("crawled only %d pages", pages)
	}
}
