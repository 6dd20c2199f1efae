package ingest

import (
	"os"
	"testing"
)

func FuzzFeed(f *testing.F) {
	for _, p := range []string{"testdata/feed/rss.xml", "testdata/feed/atom.xml"} {
		seed, _ := os.ReadFile(p)
		f.Add(seed)
	}
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		for _, it := range readAll(t, "fuzz.rss", data, testOptions()) {
			checkItem(t, it)
		}
	})
}
