package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/muster-osint/muster"
)

// maxHTMLNodes bounds the elements readability scores, so a pathological page
// costs bounded time.
const maxHTMLNodes = 200_000

// minArticleWords is the fewest words an HTML page's extracted text must
// have to count as an article; fewer is a page of links or a stub.
const minArticleWords = 3

// readHTML extracts the main article text of an HTML page with go-readability
// (a port of Mozilla's Readability.js, which drops navigation, footers,
// sharing widgets and other boilerplate) and takes title, byline, published
// time, site name and language from the page's metadata (Open Graph,
// article:*, JSON-LD, <html lang>). A page in a declared non-UTF-8 charset
// (HTTP Content-Type or <meta charset>) is decoded first; undeclared bytes
// must be UTF-8.
func readHTML(where string, data []byte, contentType, pageURL string, opt Options) (d muster.Document, err error) {
	// readability is third-party code walking an arbitrary DOM: a bug there
	// must fail this input, not the run.
	defer func() {
		if r := recover(); r != nil {
			err = invalidf(where, ErrMalformed, "html extraction failed: %v", r)
		}
	}()
	data, err = decodeHTML(where, data, contentType)
	if err != nil {
		return d, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return d, invalidf(where, ErrMalformed, "html: %v", err)
	}
	canonical := canonicalURL(doc)
	dropNavigation(doc)
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	if base == nil && canonical != "" {
		base, _ = url.Parse(canonical)
	}
	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLNodes
	art, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return d, invalidf(where, ErrNoText, "readability: %v", err)
	}
	if art.Node == nil {
		return d, invalid(where, ErrNoText)
	}
	text, err := Normalize(render.InnerText(art.Node))
	if err != nil {
		return d, invalid(where, err)
	}
	if n := len(strings.Fields(text)); n < minArticleWords {
		return d, invalidf(where, ErrNoText, "only %d words of text", n)
	}
	d = muster.Document{
		Format:    FormatHTML,
		Title:     art.Title(),
		Byline:    art.Byline(),
		Publisher: art.SiteName(),
		URL:       canonical,
		Language:  baseLanguage(art.Language()),
	}
	if d.Title == "" {
		d.Title, _ = textHeadline(text) // a heading readability kept in the text
	}
	if t, err := art.PublishedTime(); err == nil {
		d.Published = t
	}
	finish(&d, text, opt, true)
	return d, nil
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decodeHTML returns data as UTF-8: decoded from a declared charset when the
// page declares one other than UTF-8, else checked to be valid UTF-8.
func decodeHTML(where string, data []byte, contentType string) ([]byte, error) {
	label := ""
	if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
		label = strings.Trim(contentType[i+len("charset="):], `"' ;`)
	}
	if label == "" {
		head := data
		if len(head) > 2048 {
			head = head[:2048]
		}
		if m := metaCharset.FindSubmatch(head); m != nil {
			label = string(m[1])
		}
	}
	if label != "" && !utf8.Valid(data) {
		if enc, name := charset.Lookup(label); enc != nil && name != "utf-8" {
			out, err := enc.NewDecoder().Bytes(data)
			if err != nil {
				return nil, invalidf(where, ErrMalformed, "decoding %s: %v", name, err)
			}
			return out, nil
		}
	}
	if !utf8.Valid(data) {
		return nil, invalid(where, fmt.Errorf("%w %s", ErrInvalidUTF8, invalidAt(string(data))))
	}
	return data, nil
}

// canonicalURL returns the page's own URL from <link rel=canonical> or
// og:url, or "".
func canonicalURL(doc *html.Node) string {
	var canon, og string
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > 64 || (canon != "" && og != "") {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && canon == "" {
					canon = attr(n, "href")
				}
			case "meta":
				if strings.EqualFold(attr(n, "property"), "og:url") && og == "" {
					og = attr(n, "content")
				}
			case "body":
				return // metadata lives in <head>
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	for _, u := range []string{canon, og} {
		u = strings.TrimSpace(u)
		if pu, err := url.Parse(u); err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != "" {
			return u
		}
	}
	return ""
}

// dropNavigation removes <nav> elements and elements with role=navigation:
// menus are never article text, and on a page with no article readability
// would otherwise return them.
func dropNavigation(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (c.Data == "nav" || strings.EqualFold(attr(c, "role"), "navigation")) {
			n.RemoveChild(c)
		} else {
			dropNavigation(c)
		}
		c = next
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// baseLanguage reduces a language tag such as "en-GB" to "en".
func baseLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, r := range tag {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return tag
}

// htmlToText renders an HTML fragment (a feed item's content) as text,
// keeping block elements as line and paragraph breaks.
func htmlToText(fragment string) (string, error) {
	if !strings.ContainsAny(fragment, "<&") {
		return fragment, nil
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "", err
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return render.InnerText(root), nil
}
