package muster_test

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/muster-osint/muster"

// allowed lists, for each package, the muster packages it may import
// (STYLE §1, after go/build's deps_test.go). Third-party and standard
// library imports are not restricted here, except for the root package,
// which imports nothing outside the standard library. A package not listed
// may import nothing of muster's but the root; cmd/muster may import
// anything; internal/ programs may import their parent's allowed set plus
// the stages they drive.
var allowed = map[string][]string{
	"":              {},
	"ingest":        {""},
	"store":         {""},
	"export":        {""},
	"query":         {""},
	"nlp":           {""},
	"nlp/segment":   {"nlp", ""},
	"nlp/tagger":    {"nlp", ""},
	"nlp/pattern":   {"nlp", ""},
	"nlp/syntax":    {"nlp", ""},
	"nlp/placeword": {""},
	"extract":       {"nlp", "nlp/pattern", "nlp/placeword", ""},
	"llm":           {"nlp", ""},
	"resolve":       {"nlp", "nlp/placeword", ""},
	"eval":          {"nlp", "eval/internal/unixz", ""}, // its .Z reader for the MUC-4 results
	"pipeline":      {"ingest", "nlp", "nlp/segment", "nlp/tagger", "nlp/syntax", "extract", "resolve", ""},
	"web":           {"query", "export", "web/internal/simplify", ""}, // its own line thinning, shared with landgen; export for the UI's download buttons
}

func TestDependencies(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		rel := filepath.ToSlash(path)
		if rel == "." {
			rel = ""
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files
		}
		if strings.HasPrefix(rel, "cmd/") || strings.Contains(rel, "/internal/") {
			return nil
		}
		allow, listed := allowed[rel]
		if !listed {
			t.Errorf("package %q is not in deps_test.go's table: add it with the packages it may import", rel)
			return nil
		}
		ok := map[string]bool{}
		for _, a := range allow {
			ok[a] = true
		}
		for _, imp := range pkg.Imports {
			if rel == "" && strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				t.Errorf("the root package imports %s: it may import only the standard library", imp)
			}
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if !ok[dep] {
				t.Errorf("%s imports %s, which STYLE §1 does not allow", pkgName(rel), pkgName(dep))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func pkgName(rel string) string {
	if rel == "" {
		return "muster"
	}
	return rel
}
