package resolve

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"syscall"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// synth generates names for the resolution benchmark: people with Russian
// and Ukrainian given names and invented surnames, armed groups, places.
type synth struct{ rng *rand.Rand }

var (
	synGiven  = []string{"Dmitry", "Dmytro", "Denis", "Denys", "Sergei", "Serhiy", "Oleksandr", "Alexander", "Yevgeny", "Mykola", "Nikolai", "Vladimir", "Volodymyr", "Andriy", "Andrei", "Olena", "Yulia", "Iryna", "Pavlo", "Ivan"}
	synSyl    = []string{"ka", "lo", "mi", "ro", "vo", "sha", "zhe", "kho", "ly", "ne", "pe", "tra", "bo", "du", "gri", "sko", "ha", "ye", "yu", "ni"}
	synSuffix = []string{"ov", "ev", "enko", "sky", "uk", "in", "chuk", "ovych", "ko", "yan"}
	synAdj    = []string{"Northern", "Free", "Volunteer", "National", "Popular", "Revolutionary", "Siberian", "Eastern", "Patriotic", "United"}
	synKind   = []string{"Legion", "Brigade", "Battalion", "Corps", "Regiment", "Front", "Army", "Movement", "Guard", "Company"}
)

func (s synth) word(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(synSyl[s.rng.Intn(len(synSyl))])
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func (s synth) entity(i int) muster.Entity {
	switch i % 3 {
	case 0:
		return muster.Entity{Type: muster.EntityPerson, Name: synGiven[s.rng.Intn(len(synGiven))] + " " + s.word(2) + synSuffix[s.rng.Intn(len(synSuffix))]}
	case 1:
		return muster.Entity{Type: muster.EntityArmedGroup, Name: fmt.Sprintf("%s %s %s", synAdj[s.rng.Intn(len(synAdj))], s.word(2), synKind[s.rng.Intn(len(synKind))])}
	}
	return muster.Entity{Type: muster.EntityPlace, Name: s.word(3) + []string{"ivka", "sk", "ove", "ne", "grad"}[s.rng.Intn(5)]}
}

// benchIndex returns an index of n synthetic resolved entities.
func benchIndex(r *Resolver, n int) (*MemIndex, []muster.Entity) {
	s := synth{rand.New(rand.NewSource(1))}
	idx := NewMemIndex(r)
	ents := make([]muster.Entity, n)
	for i := range ents {
		e := s.entity(i)
		e.ID = EntityID(e.Type, r.primaryKey(e))
		ents[i] = e
		idx.Add(e)
	}
	return idx, ents
}

// benchDoc writes a synthetic document of about 20 mentions of stored
// entities, with the variants resolution must handle: full names, bare
// surnames, transliteration variants, acronyms defined in brackets.
func benchDoc(rng *rand.Rand, ents []muster.Entity) *nlp.Doc {
	var b strings.Builder
	var ms []nlp.Mention
	add := func(text string, t muster.MentionType) {
		start := b.Len()
		b.WriteString(text)
		ms = append(ms, nlp.Mention{Span: muster.Span{Start: start, End: b.Len()}, Text: text, Type: t})
	}
	for k := 0; k < 5; k++ {
		e := ents[rng.Intn(len(ents))]
		switch e.Type {
		case muster.EntityPerson:
			add(e.Name, muster.MentionPER)
			b.WriteString(" said on Monday that ")
			add(strings.Replace(Surname(e.Name), "y", "i", 1), muster.MentionPER)
			b.WriteString(" would return. ")
			add(Surname(e.Name), muster.MentionPER)
			b.WriteString(" denied it. ")
		case muster.EntityArmedGroup:
			add(e.Name, muster.MentionArmedGroup)
			b.WriteString(" (")
			add(Initials(e.Name), muster.MentionArmedGroup)
			b.WriteString(") claimed the attack. The ")
			add(Initials(e.Name), muster.MentionArmedGroup)
			b.WriteString(" and ")
			add("the group", muster.MentionArmedGroup)
			b.WriteString(" said so. ")
		default:
			b.WriteString("Shelling hit ")
			add(e.Name, muster.MentionGPE)
			b.WriteString(" and ")
			add(strings.Replace(e.Name, "i", "y", 1), muster.MentionGPE)
			b.WriteString(". ")
		}
	}
	d := nlp.NewDoc(b.String())
	segment.Segment(d)
	d.Mentions = ms
	return d
}

// documentEntities runs the in-document resolver ingest runs (extract's,
// over the document's given mentions) and returns its entities, ready for
// Resolve.
func documentEntities(d *nlp.Doc) []muster.Entity {
	ents := extract.Entities(extract.Input{Doc: d, DocID: "d", OracleMentions: true})
	out := make([]muster.Entity, 0, len(ents))
	for _, e := range ents {
		if len(e.Mentions) > 0 { // not an entity a claim rule named by its words alone
			out = append(out, e.Entity)
		}
	}
	return out
}

// BenchmarkResolveMillion measures within-document resolution (the
// extractor's resolver, extract.Entities, which ingest runs before the
// claim rules) plus cross-document resolution against an index of 100,000 stored entities,
// and reports mentions per second; 1,000,000 mentions take
// 1e6 / (mentions/s) seconds (target ≤ 60 s on one core, issue 5).
func BenchmarkResolveMillion(b *testing.B) {
	r := Default()
	idx, ents := benchIndex(r, 100_000)
	rng := rand.New(rand.NewSource(2))
	docs := make([]*nlp.Doc, 512)
	for i := range docs {
		docs[i] = benchDoc(rng, ents)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuSeconds()
	mentions := 0
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		i++
		es := documentEntities(d)
		if _, err := r.Resolve(ctx, es, idx); err != nil {
			b.Fatal(err)
		}
		mentions += len(d.Mentions)
	}
	s := b.Elapsed().Seconds()
	cpu := cpuSeconds() - cpu0
	if s > 0 && mentions > 0 {
		b.ReportMetric(float64(mentions)/s, "mentions/s")
		b.ReportMetric(1e6/(float64(mentions)/s), "s/1M-mentions")
	}
	// CPU time of the whole process (all threads, GC included) per million
	// mentions: the figure that does not depend on other load on the
	// machine.
	if cpu > 0 && mentions > 0 {
		b.ReportMetric(cpu*1e6/float64(mentions), "cpu-s/1M-mentions")
	}
}

// cpuSeconds returns the user+system CPU time the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// TestBenchDocResolves checks that the benchmark's synthetic documents
// resolve to stored entities, so the benchmark measures the matching path.
func TestBenchDocResolves(t *testing.T) {
	r := Default()
	idx, ents := benchIndex(r, 3000)
	rng := rand.New(rand.NewSource(2))
	ctx := context.Background()
	stored := map[string]bool{}
	for _, e := range ents {
		stored[e.ID] = true
	}
	hit, total := 0, 0
	for i := 0; i < 50; i++ {
		es := documentEntities(benchDoc(rng, ents))
		out, err := r.Resolve(ctx, es, idx)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out {
			total++
			if stored[e.ID] {
				hit++
			} else if testing.Verbose() {
				t.Logf("unmatched %s %q %v", e.Type, e.Name, e.Aliases)
			}
		}
	}
	if hit*10 < total*9 {
		t.Errorf("only %d of %d synthetic entities matched stored ones", hit, total)
	}
}
