package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/muster-osint/muster/store"
)

// screenshotDir is where TestBrowser writes its screenshots (git-ignored);
// MUSTER_SCREENSHOTS overrides it.
const screenshotDir = "../../web/testdata/screenshots"

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// audit is what the page's script reports of what a person sees.
type audit struct {
	ScrollWidth, InnerWidth int
	Landmarks               map[string]int
	Unlabelled              []string
	LowContrast             []string
	Points, PointsOutside   int
	AxisTicks, Groups       int
	Kinds                   []string
	TypeSelected            string
	H1                      string
}

// auditJS measures the page: horizontal overflow, landmarks, form fields
// without a label, text whose contrast with its background is under WCAG
// AA (4.5:1, 3:1 for large text), map points outside the map, the
// timeline's axis and groups, the kinds of the events shown.
const auditJS = `(() => {
const lum = c => { const m = c.match(/[\d.]+/g); if (!m) return null; const [r,g,b,a] = m.map(Number);
  if (a === 0) return null; return [r,g,b].map(v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); })
  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); };
const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; const l = lum(c); if (l !== null) return l; } return 1; };
const out = {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth, Landmarks: {}, Unlabelled: [], LowContrast: [],
  Points: 0, PointsOutside: 0, AxisTicks: 0, Groups: 0, Kinds: [], TypeSelected: "", H1: (document.querySelector("h1")||{}).textContent || ""};
for (const s of ["header", "nav", "main", "footer"]) out.Landmarks[s] = document.querySelectorAll(s).length;
for (const f of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
  const named = (f.id && document.querySelector('label[for="' + f.id + '"]')) || f.closest("label") || f.getAttribute("aria-label");
  if (!named) out.Unlabelled.push(f.name); }
for (const el of document.querySelectorAll("main p, main li, main a, main h1, main h2, main h3, main label, main small, main dt, main dd, main figcaption, main summary, header a, footer")) {
  if (!el.textContent.trim() || el.closest("svg")) continue;
  const st = getComputedStyle(el); const fg = lum(st.color); if (fg === null) continue;
  const b = bg(el); const ratio = (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
  const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5)) out.LowContrast.push(el.tagName + " " + st.color + " " + ratio.toFixed(2) + ": " + el.textContent.trim().slice(0, 40)); }
const map = document.querySelector("svg.map");
if (map) { const vb = map.viewBox.baseVal; for (const c of map.querySelectorAll("circle.place")) { out.Points++;
  const x = c.cx.baseVal.value, y = c.cy.baseVal.value; if (x < 0 || y < 0 || x > vb.width || y > vb.height) out.PointsOutside++; } }
out.AxisTicks = document.querySelectorAll("svg.chart line.tick").length + (document.querySelector("svg.chart line.axis") ? 1 : 0);
out.Groups = document.querySelectorAll("ol.timeline h2.when").length;
for (const s of document.querySelectorAll("article.event > h3 small")) out.Kinds.push(s.textContent.split("·")[0].trim());
const sel = document.querySelector("select[name=type]"); if (sel) out.TypeSelected = sel.value;
return JSON.stringify(out); })()`

// TestBrowser drives the main pages in headless Chromium over a store of
// the examples and 300 news_ukraine_war articles, writes a screenshot of
// each at phone and desktop width, and checks what a person sees: no
// sideways scroll at 390 px, the map's points inside the map, the
// timeline's axis and groups, a filter applied, landmarks, labelled
// fields and text contrast.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser: skipped in -short mode")
	}
	bin := chromium()
	if bin == "" {
		t.Skip("browser: no Chromium found (make test installs the Debian package chromium when it can; apt-get install -y chromium)")
	}
	db, news := buildWebStore(t, 300)
	s, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := s.FindEntities(t.Context(), "Russian Volunteer Corps")
	s.Close()
	if err != nil || len(ents) == 0 {
		t.Fatalf("no Russian Volunteer Corps in the store: %v", err)
	}
	srv := serveStore(t, db)
	dir := os.Getenv("MUSTER_SCREENSHOTS")
	if dir == "" {
		dir = screenshotDir
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("browser: Chromium at %s does not start: %v", bin, err)
	}
	pages := []struct {
		name, path string
		check      func(t *testing.T, a audit)
	}{
		{"home", "/", nil},
		{"timeline", "/events", func(t *testing.T, a audit) {
			if a.AxisTicks < 2 || a.Groups == 0 {
				t.Errorf("timeline: %d axis lines and ticks, %d groups: want the chart's axis with ticks, and groups", a.AxisTicks, a.Groups)
			}
		}},
		{"timeline-shelling", "/events?type=shelling", func(t *testing.T, a audit) {
			if a.TypeSelected != "shelling" || len(a.Kinds) == 0 {
				t.Errorf("filter: select shows %q, %d events", a.TypeSelected, len(a.Kinds))
			}
			for _, k := range a.Kinds {
				if k != "shelling" {
					t.Errorf("filtered to shelling, an event of kind %q shows", k)
				}
			}
		}},
		{"map", "/map", func(t *testing.T, a audit) {
			if a.Points == 0 || a.PointsOutside > 0 {
				t.Errorf("map: %d points, %d outside the map", a.Points, a.PointsOutside)
			}
		}},
		{"contradictions", "/contradictions", nil},
		{"profile", "/entity/" + ents[0].ID, nil},
		{"search", "/search?q=" + url.QueryEscape("Wagner"), nil},
		{"graph", "/graph/" + ents[0].ID, nil},
	}
	if !news {
		t.Log("browser: without news_ukraine_war the store holds the examples only")
	}
	for _, width := range []int64{390, 1280} {
		for _, p := range pages {
			name := p.name + "-" + itoa(int(width))
			t.Run(name, func(t *testing.T) {
				var raw string
				err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+p.path),
					chromedp.WaitReady("footer"), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						var err error
						raw, err = chromedp.Evaluate[string](auditJS)(ctx, tg)
						return err
					}))
				if err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("screenshot %s: %v", p.path, err)
				}
				file := filepath.Join(dir, name+".png")
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				var a audit
				if err := json.Unmarshal([]byte(raw), &a); err != nil {
					t.Fatalf("audit: %v: %s", err, raw)
				}
				if a.ScrollWidth > a.InnerWidth {
					t.Errorf("%s scrolls sideways at %d px: content %d px wide", p.path, width, a.ScrollWidth)
				}
				for _, l := range []string{"header", "nav", "main", "footer"} {
					if a.Landmarks[l] == 0 {
						t.Errorf("%s: no <%s> landmark", p.path, l)
					}
				}
				if len(a.Unlabelled) > 0 {
					t.Errorf("%s: fields without a label: %v", p.path, a.Unlabelled)
				}
				if len(a.LowContrast) > 0 {
					t.Errorf("%s: %d texts under WCAG AA contrast, e.g. %s", p.path, len(a.LowContrast), strings.Join(a.LowContrast[:min(3, len(a.LowContrast))], "; "))
				}
				if p.check != nil {
					p.check(t, a)
				}
			})
		}
	}
}
