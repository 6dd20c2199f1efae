package resolve

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// docFromTSV builds a Doc over text whose mentions are every whole-word
// occurrence of the surfaces listed in a "type<TAB>surface" file, longest
// surface first, without overlaps.
func docFromTSV(t *testing.T, text, tsv string) *nlp.Doc {
	t.Helper()
	type surf struct {
		typ  muster.MentionType
		text string
	}
	var ss []surf
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 2)
		if len(f) != 2 {
			t.Fatalf("bad mentions line %q", line)
		}
		ss = append(ss, surf{muster.MentionType(f[0]), f[1]})
	}
	sort.SliceStable(ss, func(i, j int) bool { return len(ss[i].text) > len(ss[j].text) })
	taken := make([]bool, len(text))
	d := nlp.NewDoc(text)
	for _, s := range ss {
		for off := 0; ; {
			i := strings.Index(text[off:], s.text)
			if i < 0 {
				break
			}
			st, en := off+i, off+i+len(s.text)
			off = en
			if st > 0 {
				if r, _ := utf8.DecodeLastRuneInString(text[:st]); unicode.IsLetter(r) || r == '-' {
					continue
				}
			}
			if r, _ := utf8.DecodeRuneInString(text[en:]); en < len(text) && unicode.IsLetter(r) {
				continue
			}
			free := true
			for k := st; k < en; k++ {
				if taken[k] {
					free = false
				}
			}
			if !free {
				continue
			}
			for k := st; k < en; k++ {
				taken[k] = true
			}
			d.Mentions = append(d.Mentions, nlp.Mention{Span: muster.Span{Start: st, End: en}, Text: s.text, Type: s.typ})
		}
	}
	sort.Slice(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })
	// Sentences: split after ". " and newlines, enough for the nominal rule.
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' || (text[i] == '.' && i+1 < len(text) && text[i+1] == ' ') {
			if i+1 > start {
				d.Sentences = append(d.Sentences, muster.Span{Start: start, End: i + 1})
			}
			start = i + 1
		}
	}
	if start < len(text) {
		d.Sentences = append(d.Sentences, muster.Span{Start: start, End: len(text)})
	}
	return d
}

// goldenEntity is the golden form of one entity of Document: its name,
// type, aliases and the texts of its mentions in order.
type goldenEntity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases,omitempty"`
	Mentions []string `json:"mentions"`
}

func TestDocumentGolden(t *testing.T) {
	dir := filepath.Join("testdata", "resolve")
	text, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "article.mentions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	d := docFromTSV(t, string(text), string(tsv))
	ents, links := Document(d, "d_test")
	got := make([]goldenEntity, len(ents))
	for i, e := range ents {
		got[i] = goldenEntity{ID: e.ID, Name: e.Name, Type: string(e.Type)}
		for _, a := range e.Aliases {
			got[i].Aliases = append(got[i].Aliases, fmt.Sprintf("%s (%s)", a.Name, a.Kind))
		}
	}
	for _, l := range links {
		got[l.Entity].Mentions = append(got[l.Entity].Mentions, d.Mentions[l.Mention].Text)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	golden := filepath.Join(dir, "article.golden.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(b)); diff != "" {
		t.Errorf("Document entities differ from %s (-want +got):\n%s", golden, diff)
	}
}

func TestDocumentRules(t *testing.T) {
	text, _ := os.ReadFile(filepath.Join("testdata", "resolve", "article.txt"))
	tsv, _ := os.ReadFile(filepath.Join("testdata", "resolve", "article.mentions.tsv"))
	d := docFromTSV(t, string(text), string(tsv))
	ents, links := Document(d, "d_test")
	entOf := map[string]string{} // mention text → entity name (last wins; texts are unique enough)
	for _, l := range links {
		entOf[d.Mentions[l.Mention].Text] = ents[l.Entity].Name
	}
	tests := []struct {
		name, mention, entity string
	}{
		{"acronym in brackets", "RDK", "Russian Volunteer Corps"},
		{"quoted legion through the alias table", `Legion "Freedom of Russia"`, "Free Russia Legion"},
		{"the legion → the one legion before it", "The legion", "Free Russia Legion"},
		{"bare surname → the full name before it", "Kapustin", "Denis Kapustin"},
		{"pseudonym through the alias table", "Denis Nikitin", "Denis Kapustin"},
		{"Ukrainian romanisation of a surname", "Hladkov", "Vyacheslav Gladkov"},
		{"place spelling variant", "Grayvoron", "Graivoron"},
		{"surname after full name", "Peskov", "Dmitry Peskov"},
		{"Russian troops = Russian forces", "Russian troops", "Armed Forces of Russia"},
		{"Zelensky = Zelenskyy", "Zelensky", "Volodymyr Zelenskyy"},
		{"International Legion stays itself", "International Legion", "International Legion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := entOf[tt.mention]; got != tt.entity {
				t.Errorf("mention %q → entity %q, want %q", tt.mention, got, tt.entity)
			}
		})
	}
	// "the group" follows two armed groups in the previous sentences
	// (the RDK and the legion): ambiguous, so it stays unlinked.
	if n, ok := entOf["the group"]; ok {
		t.Errorf("ambiguous %q linked to %q, want no link", "the group", n)
	}
}

func TestMatch(t *testing.T) {
	ag := func(n string, aliases ...string) muster.Entity {
		e := muster.Entity{Name: n, Type: muster.EntityArmedGroup}
		for _, a := range aliases {
			e.Aliases = append(e.Aliases, muster.Alias{Name: a})
		}
		return e
	}
	per := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPerson} }
	place := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPlace} }
	tests := []struct {
		name   string
		a, b   muster.Entity
		same   bool
		reason string // a substring of the first reason
	}{
		{"alias table: Free/Freedom", ag("Free Russia Legion"), ag("Freedom of Russia Legion"), true, "alias table"},
		{"alias table: LSR", ag("LSR"), ag(`the Legion "Freedom of Russia"`), true, "alias table"},
		{"transliteration", per("Denys Shmyhal"), per("Denis Shmygal"), true, "same transliteration key 'denis shmigal'"},
		{"Cyrillic", per("Вячеслав Гладков"), per("Vyacheslav Hladkov"), true, "same transliteration key"},
		{"same name key", ag("the Azov-regiment"), ag("Azov Regiment"), true, "alias table"},
		{"acronym of full name", muster.Entity{Name: "ISW", Type: muster.EntityOrganization}, muster.Entity{Name: "Institute for the Study of War", Type: muster.EntityOrganization}, true, "acronym ISW of Institute for the Study of War"},
		{"acronym defined as alias", ag("Kraken Regiment", "KR"), ag("KR"), true, "same acronym KR"},
		{"surname of full name", per("Peskov"), per("Dmitry Peskov"), true, "surname 'peskov'"},
		{"patronymic ignored", per("Vladimir Vladimirovich Putin"), per("Vladimir Putin"), true, "compatible given names"},
		{"initial", per("V. Putin"), per("Vladimir Putin"), true, "compatible given names"},
		{"must not merge: IS and ISKP", ag("Islamic State"), ag("Islamic State Khorasan Province"), false, "no shared name"},
		{"must not merge: legion and its brigade", ag("Free Russia Legion"), ag("International Legion"), false, "alias table"},
		{"must not merge: RDK and FRL", ag("RDK"), ag("FRL"), false, "alias table"},
		{"must not merge: different given names", per("Denis Kapustin"), per("Alexei Kapustin"), false, "different given names"},
		{"must not merge: Ivanov and Ivanova", per("Timur Ivanov"), per("Timur Ivanova"), false, ""},
		{"must not merge: types differ", muster.Entity{Name: "Russian army", Type: muster.EntityStateForce}, place("Russia"), false, "types differ: state_force vs place"},
		{"must not merge: armed group vs state force", ag("Wagner Group"), muster.Entity{Name: "Russian army", Type: muster.EntityStateForce}, false, "alias table"},
		{"must not merge: Kharkiv and Kherson", place("Kharkiv"), place("Kherson"), false, ""},
		{"place variants from the table", place("Artemovsk"), place("Bakhmut"), true, "alias table"},
		{"capitals are a name", muster.Entity{Name: "TASS", Type: muster.EntityMedia}, muster.Entity{Name: "Tass", Type: muster.EntityMedia}, true, "same name key 'tass'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Match(tt.a, tt.b)
			if d.Same != tt.same {
				t.Errorf("Match(%q, %q).Same = %v, want %v (reasons %q)", tt.a.Name, tt.b.Name, d.Same, tt.same, d.Reasons)
			}
			if len(d.Reasons) == 0 {
				t.Fatalf("Match(%q, %q): no reason given", tt.a.Name, tt.b.Name)
			}
			if !strings.Contains(d.Reasons[0], tt.reason) {
				t.Errorf("Match(%q, %q) reason %q, want it to contain %q", tt.a.Name, tt.b.Name, d.Reasons[0], tt.reason)
			}
			// Symmetry.
			if d2 := Match(tt.b, tt.a); d2.Same != d.Same {
				t.Errorf("Match not symmetric on %q, %q: %v vs %v", tt.a.Name, tt.b.Name, d.Same, d2.Same)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	r, err := New(Default().Aliases, []Override{
		{A: "Denis Kapustin", B: "White Rex", Action: ActionSplit},
		{A: "Kraken", B: "Kraken Regiment", Action: ActionMerge},
	})
	if err != nil {
		t.Fatal(err)
	}
	per := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPerson} }
	ag := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityArmedGroup} }
	if d := r.Match(per("Denis Kapustin"), per("White Rex")); d.Same || !strings.Contains(d.Reasons[0], "analyst decision: split") {
		t.Errorf("split override ignored: %+v", d)
	}
	if d := r.Match(ag("Kraken"), ag("Kraken Regiment")); !d.Same || !strings.Contains(d.Reasons[0], "analyst decision: merge") {
		t.Errorf("merge override ignored: %+v", d)
	}
	if d := Default().Match(per("Denis Kapustin"), per("White Rex")); !d.Same {
		t.Errorf("without overrides, the alias table should merge them: %+v", d)
	}
	if _, err := New(nil, []Override{{A: "a", B: "b", Action: "maybe"}}); err == nil {
		t.Error("New accepted an unknown action")
	}
}

func TestResolveAcrossDocuments(t *testing.T) {
	ctx := context.Background()
	r := Default()
	idx := NewMemIndex(r)
	doc1 := []muster.Entity{
		{Name: "Russian Volunteer Corps", Type: muster.EntityArmedGroup},
		{Name: "Denis Kapustin", Type: muster.EntityPerson},
		{Name: "Vyacheslav Gladkov", Type: muster.EntityPerson},
	}
	out1, err := r.Resolve(ctx, doc1, idx)
	if err != nil {
		t.Fatal(err)
	}
	idx.Add(out1...)
	doc2 := []muster.Entity{
		{Name: "RVC", Type: muster.EntityArmedGroup},
		{Name: "Denys Kapustin", Type: muster.EntityPerson},
		{Name: "Hladkov", Type: muster.EntityPerson},
		{Name: "Islamic State Khorasan Province", Type: muster.EntityArmedGroup},
	}
	out2, err := r.Resolve(ctx, doc2, idx)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{out1[0].ID, out1[1].ID, out1[2].ID} {
		if out2[i].ID != want {
			t.Errorf("%q got id %s, want the stored %s (%s)", doc2[i].Name, out2[i].ID, want, out1[i].Name)
		}
	}
	if out2[0].Name != "Russian Volunteer Corps" {
		t.Errorf("matched entity should take the stored name, got %q", out2[0].Name)
	}
	if out2[3].ID != EntityID(muster.EntityArmedGroup, AliasKey("Islamic State Khorasan Province")) {
		t.Errorf("new entity got id %s, want the deterministic one", out2[3].ID)
	}
	// Deterministic: the same input gives the same ids.
	again, _ := r.Resolve(ctx, doc1, NewMemIndex(r))
	if diff := cmp.Diff(out1, again); diff != "" {
		t.Errorf("Resolve not deterministic (-first +second):\n%s", diff)
	}
	// A bare surname shared by two stored people is not resolved.
	idx.Add(muster.Entity{ID: "e_other", Name: "Anna Gladkova", Type: muster.EntityPerson},
		muster.Entity{ID: "e_other2", Name: "Pavel Gladkov", Type: muster.EntityPerson})
	out3, _ := r.Resolve(ctx, []muster.Entity{{Name: "Gladkov", Type: muster.EntityPerson}}, idx)
	if out3[0].ID == out1[2].ID || out3[0].ID == "e_other2" {
		t.Errorf("ambiguous surname resolved to %s", out3[0].ID)
	}
}

func TestKeys(t *testing.T) {
	got := Keys(muster.Entity{Name: "Russian Volunteer Corps", Type: muster.EntityArmedGroup, Aliases: []muster.Alias{{Name: "RDK"}}})
	for _, want := range []string{"russian volunteer corps", "acr:RDK", "acr:RVC"} {
		found := false
		for _, k := range got {
			if k == want {
				found = true
			}
		}
		if !found {
			t.Errorf("Keys lacks %q: %q", want, got)
		}
	}
	if p := Keys(muster.Entity{Name: "Dmytro Peskov", Type: muster.EntityPerson}); !hasKey(p, "sur:peskov") || !hasKey(p, "dmitri peskov") {
		t.Errorf("person keys %q lack surname or translit key", p)
	}
}

func hasKey(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestEntityID(t *testing.T) {
	a := EntityID(muster.EntityPerson, "denis kapustin")
	if !strings.HasPrefix(a, "e_") || len(a) != 18 {
		t.Errorf("EntityID = %q, want e_ and 16 hex digits", a)
	}
	if a == EntityID(muster.EntityArmedGroup, "denis kapustin") {
		t.Error("EntityID ignores the type")
	}
}

func TestDecisionKeyRoundTrip(t *testing.T) {
	// Overrides stored under DecisionKey keys apply to the names.
	names := []string{"Free Russia Legion", "LSR", "e_0123456789abcdef", `the Legion "Freedom of Russia"`, "Dmytro Peskov"}
	for _, n := range names {
		k := DecisionKey(n)
		if overrideKey(k) != overrideKey(n) {
			t.Errorf("DecisionKey(%q) = %q, whose override key %q differs from the name's %q", n, k, overrideKey(k), overrideKey(n))
		}
	}
}

func TestDocumentMistypedNames(t *testing.T) {
	text := "Wagner fighters left Rostov, the FSB said. Wagner denied it. Richard Wagner wrote operas; Wagner died in 1883."
	d := nlp.NewDoc(text)
	add := func(sub string, from int, typ muster.MentionType) {
		i := strings.Index(text[from:], sub) + from
		d.Mentions = append(d.Mentions, nlp.Mention{Span: muster.Span{Start: i, End: i + len(sub)}, Text: sub, Type: typ})
	}
	add("Wagner", 0, muster.MentionPER)
	add("FSB", 0, muster.MentionLOC)
	add("Wagner", 44, muster.MentionPER)
	add("Richard Wagner", 60, muster.MentionPER)
	add("Wagner", 90, muster.MentionPER)
	ents, links := Document(d, "d")
	got := make([]string, len(links))
	for i, l := range links {
		got[i] = d.Mentions[l.Mention].Text + " → " + ents[l.Entity].Name + " (" + string(ents[l.Entity].Type) + ")"
	}
	want := []string{
		"Wagner → Richard Wagner (person)", // a person named Wagner is in the document: the surname rule wins
		"FSB → Federal Security Service (organization)",
		"Wagner → Richard Wagner (person)",
		"Richard Wagner → Richard Wagner (person)",
		"Wagner → Richard Wagner (person)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("with a person named Wagner (-want +got):\n%s", diff)
	}
	d.Mentions = d.Mentions[:3]
	ents, links = Document(d, "d")
	if e := ents[links[0].Entity]; e.Name != "Wagner Group" || e.Type != muster.EntityArmedGroup {
		t.Errorf("one-word PER Wagner without a person of that name → %q (%s), want Wagner Group", e.Name, e.Type)
	}
	if d := Match(muster.Entity{Name: "Wagner", Type: muster.EntityPerson}, muster.Entity{Name: "Wagner Group", Type: muster.EntityArmedGroup}); !d.Same {
		t.Errorf("Match(PER Wagner, Wagner Group) = %+v, want same", d)
	}
	if d := Match(muster.Entity{Name: "Richard Wagner", Type: muster.EntityPerson}, muster.Entity{Name: "Wagner Group", Type: muster.EntityArmedGroup}); d.Same {
		t.Errorf("Match(Richard Wagner, Wagner Group) = %+v, want different", d)
	}
}

// linkNames runs Document over text with the given (surface, type) mentions,
// each surface searched from the end of the previous one, and returns
// "surface → entity name" per mention ("surface → -" when unlinked).
func linkNames(t *testing.T, text string, ms ...string) []string {
	t.Helper()
	d := nlp.NewDoc(text)
	from := 0
	for k := 0; k+1 < len(ms); k += 2 {
		i := strings.Index(text[from:], ms[k])
		if i < 0 {
			t.Fatalf("%q not found after %d", ms[k], from)
		}
		i += from
		d.Mentions = append(d.Mentions, nlp.Mention{Span: muster.Span{Start: i, End: i + len(ms[k])}, Text: ms[k], Type: muster.MentionType(ms[k+1])})
		from = i + len(ms[k])
	}
	for i, st := 0, 0; i < len(text); i++ {
		if text[i] == '.' {
			d.Sentences = append(d.Sentences, muster.Span{Start: st, End: i + 1})
			st = i + 1
		}
	}
	ents, links := Document(d, "d")
	out := make([]string, len(d.Mentions))
	for i, m := range d.Mentions {
		out[i] = m.Text + " → -"
	}
	for _, l := range links {
		out[l.Mention] = d.Mentions[l.Mention].Text + " → " + ents[l.Entity].Name
	}
	return out
}

func TestDocumentPronounsAndAcronyms(t *testing.T) {
	tests := []struct {
		name string
		text string
		ms   []string
		want []string
	}{
		{"pronoun with one person", "Denis Kapustin spoke on Monday. He said the raid went well.",
			[]string{"Denis Kapustin", "PER", "He", "PER"},
			[]string{"Denis Kapustin → Denis Kapustin", "He → Denis Kapustin"}},
		{"pronoun with two people stays unlinked", "Denis Kapustin met Dmitry Peskov. He said nothing.",
			[]string{"Denis Kapustin", "PER", "Dmitry Peskov", "PER", "He", "PER"},
			[]string{"Denis Kapustin → Denis Kapustin", "Dmitry Peskov → Dmitry Peskov", "He → -"}},
		{"acronym before its definition", "KR (Kraken Regiment) fighters advanced. KR said so.",
			[]string{"KR", "ARMED_GROUP", "Kraken Regiment", "ARMED_GROUP", "KR", "ARMED_GROUP"},
			[]string{"KR → Kraken Regiment", "Kraken Regiment → Kraken Regiment", "KR → Kraken Regiment"}},
		{"acronym by initials when unique", "The Russian Volunteers Union crossed. The RVU said it.",
			[]string{"Russian Volunteers Union", "ARMED_GROUP", "RVU", "ARMED_GROUP"},
			[]string{"Russian Volunteers Union → Russian Volunteers Union", "RVU → Russian Volunteers Union"}},
		{"nominal with two groups stays unlinked", "The Free Russia Legion and the Russian Volunteer Corps crossed. The group said so.",
			[]string{"Free Russia Legion", "ARMED_GROUP", "Russian Volunteer Corps", "ARMED_GROUP", "The group", "ARMED_GROUP"},
			[]string{"Free Russia Legion → Free Russia Legion", "Russian Volunteer Corps → Russian Volunteer Corps", "The group → -"}},
		{"the legion picks the legion", "The Free Russia Legion and the Russian Volunteer Corps crossed. The legion said so.",
			[]string{"Free Russia Legion", "ARMED_GROUP", "Russian Volunteer Corps", "ARMED_GROUP", "The legion", "ARMED_GROUP"},
			[]string{"Free Russia Legion → Free Russia Legion", "Russian Volunteer Corps → Russian Volunteer Corps", "The legion → Free Russia Legion"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, linkNames(t, tt.text, tt.ms...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
