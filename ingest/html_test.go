package ingest

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// article wraps paragraphs in a page with boilerplate around them.
func page(head, body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head>` + head + `</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="promo">Subscribe now for full access to all our reporting!</div>
<article>` + body + `</article>
<footer><p>Copyright 2023. All rights reserved. Cookie settings. Privacy policy.</p></footer></body></html>`)
}

const paragraphs = `<p>Fighters from a group of Russian exiles crossed the border on Monday and entered two villages, the regional governor said in a video statement.</p>
<p>The group said on social media that it wanted to create a demilitarised zone along the frontier, a claim that officials in Moscow dismissed as propaganda.</p>
<p>The defence ministry later said that the attackers had been routed, and that more than 70 of them had been killed. The group said two of its fighters died.</p>`

func TestHTMLMetadata(t *testing.T) {
	type meta struct {
		Title, Byline, Publisher, URL, Language string
		Published                               time.Time
	}
	cases := []struct {
		name string
		page []byte
		want meta
	}{
		{"open graph and article tags", page(`<title>Raid | Site</title><meta property="og:title" content="Exiles raid two villages"><meta property="og:site_name" content="The Frontier Post"><meta property="article:published_time" content="2023-05-22T18:00:00Z"><meta name="author" content="Jane Doe"><link rel="canonical" href="https://frontier.example/raid">`, paragraphs),
			meta{Title: "Exiles raid two villages", Byline: "Jane Doe", Publisher: "The Frontier Post", URL: "https://frontier.example/raid", Language: "en", Published: time.Date(2023, 5, 22, 18, 0, 0, 0, time.UTC)}},
		{"JSON-LD", page(`<title>Raid</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Exiles raid two villages","datePublished":"2023-05-23T06:30:00+02:00","author":{"@type":"Person","name":"John Roe"},"publisher":{"@type":"Organization","name":"Wire Service"}}</script>`, paragraphs),
			meta{Title: "Exiles raid two villages", Byline: "John Roe", Publisher: "Wire Service", Language: "en", Published: time.Date(2023, 5, 23, 4, 30, 0, 0, time.UTC)}},
		{"title tag only", page(`<title>Exiles raid two villages</title>`, paragraphs), meta{Title: "Exiles raid two villages", Language: "en"}},
		{"relative canonical ignored", page(`<title>Exiles raid two villages</title><link rel="canonical" href="/raid">`, paragraphs), meta{Title: "Exiles raid two villages", Language: "en"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items := readAll(t, "page.html", c.page, testOptions())
			if len(items) != 1 || items[0].Err != nil {
				t.Fatalf("items = %+v", items)
			}
			checkItem(t, items[0])
			d := items[0].Doc
			got := meta{d.Title, d.Byline, d.Publisher, d.URL, d.Language, d.Published}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			for _, boiler := range []string{"Subscribe", "Copyright", "Home", "Privacy"} {
				if strings.Contains(d.Text, boiler) {
					t.Errorf("boilerplate %q kept in text:\n%s", boiler, d.Text)
				}
			}
			if !strings.Contains(d.Text, "more than 70 of them had been killed") || strings.Count(d.Text, "\n\n") != 2 {
				t.Errorf("article text lost or paragraphs merged:\n%s", d.Text)
			}
		})
	}
}

func FuzzHTML(f *testing.F) {
	seed, _ := os.ReadFile("testdata/html/article.html")
	f.Add(seed)
	f.Add(page("<title>t</title>", paragraphs))
	f.Add([]byte("<html><body><p>short</p></body></html>"))
	f.Add([]byte("<p><b><i>unclosed"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		for _, it := range readAll(t, "fuzz.html", data, testOptions()) {
			checkItem(t, it)
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		b.Fatal(err)
	}
	// A page of realistic size: the article's paragraphs repeated to ~25 KB.
	body := strings.Repeat(paragraphs+"\n", 25)
	big := bytes.Replace(data, []byte(`<div class="article-body">`), []byte(`<div class="article-body">`+body), 1)
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readHTML("bench.html", big, "", "", testOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
