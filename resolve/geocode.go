package resolve

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/muster-osint/muster"
)

// GeoKind says what a gazetteer entry is.
type GeoKind uint8

// Gazetteer entry kinds, from the least to the most specific.
const (
	GeoCountry GeoKind = iota // a country
	GeoAdmin1                 // a first-order region: oblast, province, governorate, state
	GeoAdmin2                 // a second-order region: raion, district
	GeoPlace                  // a populated place: city, town, village
)

// String returns the kind's name: country, admin1, admin2 or place.
func (k GeoKind) String() string {
	switch k {
	case GeoCountry:
		return "country"
	case GeoAdmin1:
		return "admin1"
	case GeoAdmin2:
		return "admin2"
	case GeoPlace:
		return "place"
	}
	return "unknown"
}

// Candidate is one gazetteer entry a name may refer to.
type Candidate struct {
	Name       string       // the gazetteer's name for it
	Kind       GeoKind      // country, admin1, admin2 or place
	Place      muster.Place // coordinates, admin names, feature, precision
	Population int          // GeoNames population (for regions: the sum over their places)
	// Exact is true when the name matched without romanisation folding
	// (only case, diacritics, punctuation and admin suffixes differ).
	Exact bool
}

// entry is one gazetteer record in memory. Names are substrings of the
// decompressed data, which the Gazetteer keeps.
type entry struct {
	name     string
	feature  string
	cc       string
	lat, lon float32
	pop      int32
	gid      int32
	a1, a2   int32 // indexes of the admin1/admin2 entries, or -1
	events   int32 // conflict events coded there in the UCDP GED dev split
	// light is the foldHash of a place's name in lightPlace form, so that
	// telling an exact match needs no normalising at lookup.
	light uint64
	kind  GeoKind
}

// Gazetteer is muster's embedded gazetteer: populated places (with their
// GeoNames alternate names), admin1 and admin2 regions and countries from
// GeoNames and world-countries, indexed by an exact key (case, diacritics
// and punctuation folded) and by the romanisation-folded key of
// FoldPlaceName. It is read-only and safe for concurrent use.
type Gazetteer struct {
	entries []entry
	// postings lists, for the foldHash of each FoldPlaceName key, the
	// entries under it (sorted by hash; within one key, the last indexed
	// first), and dir[b] is the first posting whose hash starts with the
	// dirBits bits b. Whether a match is exact is decided at lookup by
	// comparing lightPlace forms of the entry's names: its name (entry.light
	// for places), the further names of countries and regions in alt, and
	// places' alternate names in altExact.
	postings []posting
	dir      []uint32
	dirBits  uint
	alt      map[int32][]string
	// altExact holds altKey(id, lightPlace(normPlace(name))) for the
	// GeoNames alternate names of places.
	altExact hashSet
	byCC     map[string]int32 // ISO2 → country entry
	// demonyms maps the exact key of an English demonym ("ukrainian") to ISO2.
	demonyms map[string]string
	maxWords int
}

// LoadGazetteer parses the gazetteer embedded in muster.
func LoadGazetteer() (*Gazetteer, error) {
	// The gzip trailer holds the uncompressed size mod 2^32: read into a
	// buffer of that size at once.
	size := 0
	if n := len(gazetteerData); n > 4 {
		size = int(binary.LittleEndian.Uint32(gazetteerData[n-4:]))
	}
	return readGazetteer(bytes.NewReader(gazetteerData), size)
}

// ReadGazetteer parses a gazetteer in the format gazgen writes (gzip'd TSV).
func ReadGazetteer(r io.Reader) (*Gazetteer, error) { return readGazetteer(r, 0) }

func readGazetteer(r io.Reader, sizeHint int) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	var buf strings.Builder
	if sizeHint > 0 && sizeHint < 1<<28 {
		buf.Grow(sizeHint + 1)
	}
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	text := buf.String()
	g := &Gazetteer{
		byCC:     make(map[string]int32, 256),
		demonyms: make(map[string]string, 256),
	}
	nlines := strings.Count(text, "\n")
	g.entries = make([]entry, 0, nlines)
	admin1 := make(map[string]int32, 4096)
	admin2 := make(map[string]int32, 40000)
	nplaces := 0
	var names []indexName // extra index names of countries and regions
	// Places' alternate names, "|"-separated, as the file has them.
	alts := make([]placeAlts, 0, nlines/2)
	// Country codes and feature codes are few: one string each, so that
	// the entries do not keep the decompressed text alive.
	intern := make(map[string]string, 512)
	in := func(s string) string {
		if t, ok := intern[s]; ok {
			return t
		}
		t := strings.Clone(s)
		intern[t] = t
		return t
	}
	var key []byte
	line := 0
	for len(text) > 0 {
		line++
		var l string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			l, text = text, ""
		}
		if l == "" || l[0] == '#' {
			continue
		}
		var fields [12]string
		f := splitTabs(l, fields[:0])
		bad := func(n int) error {
			return fmt.Errorf("gazetteer line %d: %q record has %d fields, want %d", line, f[0], len(f), n)
		}
		id := int32(len(g.entries))
		switch f[0] {
		case "C":
			if len(f) != 8 {
				return nil, bad(8)
			}
			all := strings.Split(f[3], "|")
			cc := in(f[1])
			e := entry{name: all[0], cc: cc, kind: GeoCountry, feature: "PCLI", a1: -1, a2: -1,
				lat: parseF32(f[5]), lon: parseF32(f[6]), pop: 1 << 30}
			g.entries = append(g.entries, e)
			g.byCC[cc] = id
			for _, n := range all[1:] {
				names = append(names, indexName{id, n})
			}
			for _, d := range strings.Split(f[4], "|") {
				if d != "" {
					g.demonyms[normPlace(d)] = cc
				}
			}
		case "A":
			if len(f) != 10 {
				return nil, bad(10)
			}
			cc, _, _ := strings.Cut(f[1], ".")
			e := entry{name: f[2], cc: in(cc), kind: GeoAdmin1, feature: "ADM1", a1: id, a2: -1,
				lat: parseF32(f[5]), lon: parseF32(f[6]), pop: parseI32(f[9]), gid: parseI32(f[4])}
			g.entries = append(g.entries, e)
			admin1[f[1]] = id
			if f[3] != f[2] {
				names = append(names, indexName{id, f[3]})
			}
		case "D":
			if len(f) != 6 {
				return nil, bad(6)
			}
			cc, rest, _ := strings.Cut(f[1], ".")
			a1code, _, _ := strings.Cut(rest, ".")
			a1, ok := admin1[cc+"."+a1code]
			if !ok {
				a1 = -1
			}
			e := entry{name: f[2], cc: in(cc), kind: GeoAdmin2, feature: "ADM2", a1: a1, a2: id,
				lat: parseF32(f[3]), lon: parseF32(f[4]), pop: parseI32(f[5])}
			g.entries = append(g.entries, e)
			admin2[f[1]] = id
		case "P":
			if len(f) != 12 {
				return nil, bad(12)
			}
			if f[11] != "" {
				alts = append(alts, placeAlts{id, f[11]})
			}
			e := entry{name: f[2], cc: in(f[3]), feature: in(f[4]), kind: GeoPlace, gid: parseI32(f[1]),
				pop: parseI32(f[7]), lat: parseF32(f[8]), lon: parseF32(f[9]), a1: -1, a2: -1,
				events: parseI32(f[10])}
			// Records are sorted by type (A < C < D < P), so the regions
			// are known by now.
			if f[5] != "" {
				key = append(append(append(key[:0], f[3]...), '.'), f[5]...)
				if a, ok := admin1[string(key)]; ok {
					e.a1 = a
				}
				if f[6] != "" {
					key = append(append(key, '.'), f[6]...)
					if a, ok := admin2[string(key)]; ok {
						e.a2 = a
					}
				}
			}
			g.entries = append(g.entries, e)
			nplaces++
		default:
			return nil, fmt.Errorf("gazetteer line %d: unknown record type %q", line, f[0])
		}
	}
	if len(g.byCC) == 0 || nplaces == 0 {
		return nil, fmt.Errorf("gazetteer: no countries or places")
	}
	g.index(names, alts)
	g.compactNames()
	return g, nil
}

// placeAlts is a place's alternate names as the gazetteer file has them,
// separated by "|".
type placeAlts struct {
	e    int32
	alts string
}

// compactNames copies the entries' names into one string, so that the
// decompressed file, most of which is alternate names and numbers, can be
// freed.
func (g *Gazetteer) compactNames() {
	n := 0
	for i := range g.entries {
		n += len(g.entries[i].name)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range g.entries {
		b.WriteString(g.entries[i].name)
	}
	arena := b.String()
	for i := range g.entries {
		e := &g.entries[i]
		e.name, arena = arena[:len(e.name)], arena[len(e.name):]
	}
}

// posting says that entry id is indexed under a folded key whose hash is
// h; alt, that it is so by one of its GeoNames alternate names only, not by
// its name. seq is the order of indexing.
type posting struct {
	h       uint64
	id, seq int32
	alt     bool
}

// under returns the postings of the folded key whose hash is h.
func (g *Gazetteer) under(h uint64) []posting {
	b := h >> (64 - g.dirBits)
	ps := g.postings[g.dir[b]:g.dir[b+1]]
	for i := range ps {
		if ps[i].h == h {
			j := i + 1
			for j < len(ps) && ps[j].h == h {
				j++
			}
			return ps[i:j]
		}
	}
	return nil
}

// ids returns the entry ids indexed under folded key k.
func (g *Gazetteer) ids(k string) []int32 {
	ps := g.under(foldHash(k))
	if len(ps) == 0 {
		return nil
	}
	out := make([]int32, len(ps))
	for i, p := range ps {
		out[i] = p.id
	}
	return out
}

// indexName is a further name of an entry: an alt spelling of a country,
// an ASCII form of a region.
type indexName struct {
	e    int32
	name string
}

// foldHash hashes a folded key (FNV-1a, 64 bits). The index is keyed by
// the hash, not the key: a million keys would otherwise be as many
// allocations at load, and two keys sharing a hash are far less likely
// (about 1 in 10^7 for the whole gazetteer) than a misspelling in GeoNames.
func foldHash[T string | []byte](k T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return h
}

func (g *Gazetteer) index(extra []indexName, alts []placeAlts) {
	n := len(g.entries) + len(extra) + 3*len(alts)
	ps := make([]posting, 0, n)
	g.alt = make(map[int32][]string, len(extra))
	altKeys := make([]uint64, 0, 3*len(alts))
	var buf []byte
	// own is the hash of each place's folded name, so that its alternate
	// names are not indexed again under a key it is already under.
	own := make([]uint64, len(g.entries))
	// push indexes id under hash hk. An entry indexed twice under one
	// hash (a region under its name with and without "Oblast") is one
	// posting after sortPostings.
	push := func(hk uint64, id int32, alt bool) {
		ps = append(ps, posting{hk, id, int32(len(ps)), alt})
	}
	add := func(id int32, k string, alt bool) {
		if k == "" {
			return
		}
		e := &g.entries[id]
		for {
			buf = appendFoldNormed(buf[:0], k)
			hk := foldHash(buf)
			if e.kind == GeoPlace {
				own[id] = hk
			}
			push(hk, id, alt)
			if w := strings.Count(k, " ") + 1; w > g.maxWords {
				g.maxWords = w
			}
			if e.kind != GeoAdmin1 && e.kind != GeoAdmin2 {
				return
			}
			base, _ := stripAdminSuffix(stripAdminPrefix(k))
			if base == k || base == "" {
				return
			}
			k = base
		}
	}
	for i := range g.entries {
		k := normPlace(g.entries[i].name)
		if g.entries[i].kind == GeoPlace {
			g.entries[i].light = foldHash(lightPlace(k))
		}
		add(int32(i), k, false)
	}
	for _, x := range extra {
		k := normPlace(x.name)
		add(x.e, k, false)
		g.alt[x.e] = append(g.alt[x.e], k)
	}
	var seen []uint64
	for _, x := range alts {
		seen = append(seen[:0], own[x.e])
		for s := x.alts; s != ""; {
			var a string
			a, s, _ = strings.Cut(s, "|")
			k := normPlace(a)
			if k == "" {
				continue
			}
			altKeys = append(altKeys, altKey(x.e, lightPlace(k)))
			buf = appendFoldNormed(buf[:0], k)
			hk := foldHash(buf)
			if slices.Contains(seen, hk) {
				continue
			}
			seen = append(seen, hk)
			push(hk, x.e, true)
			if w := strings.Count(k, " ") + 1; w > g.maxWords {
				g.maxWords = w
			}
		}
	}
	g.sortPostings(ps)
	g.altExact = newHashSet(altKeys)
}

// hashSet is a set of 64-bit hashes: sorted, with a directory of where
// each value of the top bits starts, so that a test reads two places.
type hashSet struct {
	keys []uint64
	dir  []uint32
	bits uint
}

// newHashSet makes a set of keys, which it sorts.
func newHashSet(keys []uint64) hashSet {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	s := hashSet{keys: slices.Clip(keys), bits: 1}
	for 1<<s.bits < len(keys) {
		s.bits++
	}
	s.dir = make([]uint32, 1<<s.bits+1)
	b := 0
	for i, k := range keys {
		for kb := int(k >> (64 - s.bits)); b <= kb; b++ {
			s.dir[b] = uint32(i)
		}
	}
	for ; b < len(s.dir); b++ {
		s.dir[b] = uint32(len(keys))
	}
	return s
}

// has reports whether k is in the set.
func (s hashSet) has(k uint64) bool {
	if len(s.dir) == 0 {
		return false
	}
	b := k >> (64 - s.bits)
	for _, x := range s.keys[s.dir[b]:s.dir[b+1]] {
		if x == k {
			return true
		}
	}
	return false
}

// sortPostings sorts ps by hash, the last indexed first within one hash,
// drops an entry's later postings under a hash it is already under, and
// builds the directory.
func (g *Gazetteer) sortPostings(ps []posting) {
	slices.SortFunc(ps, func(a, b posting) int {
		if a.h != b.h {
			return cmp.Compare(a.h, b.h)
		}
		return cmp.Compare(b.seq, a.seq)
	})
	out := ps[:0]
	for i := range ps {
		dup := false
		for j := i + 1; j < len(ps) && ps[j].h == ps[i].h; j++ {
			if ps[j].id == ps[i].id {
				dup = true // indexed earlier under this key
				break
			}
		}
		if !dup {
			out = append(out, ps[i])
		}
	}
	g.postings = slices.Clip(out)
	g.dirBits = 1
	for 1<<g.dirBits < len(g.postings) {
		g.dirBits++
	}
	g.dir = make([]uint32, 1<<g.dirBits+1)
	b := 0
	for i, p := range g.postings {
		for pb := int(p.h >> (64 - g.dirBits)); b <= pb; b++ {
			g.dir[b] = uint32(i)
		}
	}
	for ; b < len(g.dir); b++ {
		g.dir[b] = uint32(len(g.postings))
	}
}

// altKey hashes an entry id and the lightPlace form of one of its
// alternate names (FNV-1a), for the set that tells exact matches on
// alternate names: a set of hashes costs far less than the names.
func altKey(id int32, light string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < 4; i++ {
		h ^= uint64(byte(id >> (8 * i)))
		h *= 1099511628211
	}
	for i := 0; i < len(light); i++ {
		h ^= uint64(light[i])
		h *= 1099511628211
	}
	return h
}

// isExact reports whether entry id has a name whose normPlace form, or that
// form without its region words, is k, allowing for the exonym table and
// articles (lightPlace) but not for romanisation folding.
func (g *Gazetteer) isExact(id int32, k string) bool {
	e := &g.entries[id]
	kl := lightPlace(k)
	if e.kind == GeoPlace {
		if e.light == foldHash(kl) {
			return true
		}
		return g.altExact.has(altKey(id, kl))
	}
	match := func(n string) bool {
		if n == k || lightPlace(n) == kl {
			return true
		}
		if e.kind == GeoAdmin1 || e.kind == GeoAdmin2 {
			b, _ := stripAdminSuffix(stripAdminPrefix(n))
			return b == k || lightPlace(b) == kl || stripAdminPrefix(n) == k
		}
		return false
	}
	if match(normPlace(e.name)) {
		return true
	}
	for _, n := range g.alt[id] {
		if match(n) {
			return true
		}
	}
	return g.altExact.has(altKey(id, kl))
}

// splitTabs appends the tab-separated fields of l to dst (at most cap(dst);
// the last field keeps the rest).
func splitTabs(l string, dst []string) []string {
	for len(dst) < cap(dst)-1 {
		i := strings.IndexByte(l, '\t')
		if i < 0 {
			break
		}
		dst = append(dst, l[:i])
		l = l[i+1:]
	}
	return append(dst, l)
}

func parseF32(s string) float32 {
	f, _ := strconv.ParseFloat(s, 32)
	return float32(f)
}

func parseI32(s string) int32 {
	n, _ := strconv.Atoi(s)
	if n > math.MaxInt32 || n < 0 {
		return 0
	}
	return int32(n)
}

// adminSuffixes are words that name a region's type after its name.
// The value is the kind they point to.
var adminSuffixes = map[string]GeoKind{
	"oblast": GeoAdmin1, "oblasti": GeoAdmin1, "region": GeoAdmin1, "province": GeoAdmin1,
	"governorate": GeoAdmin1, "state": GeoAdmin1, "krai": GeoAdmin1, "kray": GeoAdmin1,
	"republic": GeoAdmin1, "prefecture": GeoAdmin1, "division": GeoAdmin1, "territory": GeoAdmin1,
	"department": GeoAdmin1, "governate": GeoAdmin1,
	"raion": GeoAdmin2, "rayon": GeoAdmin2, "district": GeoAdmin2, "county": GeoAdmin2,
	"municipality": GeoAdmin2, "hromada": GeoAdmin2, "community": GeoAdmin2,
	"town": GeoPlace, "village": GeoPlace, "city": GeoPlace, "settlement": GeoPlace,
}

// adminPrefixes are words that name a region's type before its name in
// GeoNames ("Departamento de Arauca", "Muhafazat Hadramaout").
var adminPrefixes = []string{"departamento de ", "departamento del ", "muhafazat ", "region of ", "province of ", "provincia de ", "state of ", "wilayat ", "estado de ", "republic of "}

// stripAdminPrefix removes a leading region-type phrase from a normPlace key.
func stripAdminPrefix(k string) string {
	for _, p := range adminPrefixes {
		if strings.HasPrefix(k, p) && len(k) > len(p) {
			return k[len(p):]
		}
	}
	return k
}

// stripAdminSuffix removes a trailing region-type word ("Belgorod Oblast" →
// "belgorod") from a normPlace key and says which kind it pointed to.
func stripAdminSuffix(k string) (string, GeoKind) {
	i := strings.LastIndexByte(k, ' ')
	if i < 0 {
		return k, GeoPlace
	}
	if kind, ok := adminSuffixes[k[i+1:]]; ok {
		return k[:i], kind
	}
	return k, GeoPlace
}

// Lookup returns every gazetteer entry that name may refer to: exact-key
// matches, romanisation-folded matches (Exact false) and, when name ends in
// a region word ("Kharkiv Oblast", "Bakhmut district"), the regions of the
// base name. The order is the gazetteer's; Geocode ranks them.
func (g *Gazetteer) Lookup(name string) []Candidate {
	ids, exact := g.lookup(normPlace(name))
	out := make([]Candidate, len(ids))
	for i, id := range ids {
		out[i] = g.candidate(id, exact[i])
	}
	return out
}

// lookup returns entry ids for a normPlace key and whether each matched exactly.
func (g *Gazetteer) lookup(k string) ([]int32, []bool) {
	if k == "" {
		return nil, nil
	}
	k = strings.TrimPrefix(k, "the ")
	if r, ok := regionAliases[k]; ok {
		k = r
	}
	var ids []int32
	var exact []bool
	seen := make(map[int32]bool)
	// add appends the entries under folded key fk that want accepts,
	// exact ones (whose name is ek) first.
	add := func(fk, ek string, want func(*entry) bool) {
		list := g.under(foldHash(fk))
		for pass := 0; pass < 2; pass++ {
			for _, p := range list {
				id := p.id
				if seen[id] || (want != nil && !want(&g.entries[id])) {
					continue
				}
				ex := g.isExact(id, ek)
				if ex != (pass == 0) {
					continue
				}
				if !ex && p.alt && !translitCountry[g.entries[id].cc] {
					// A foreign exonym folded onto another name ("Marinko",
					// Marigot in Italian, is not "Marinka") is noise;
					// folding serves the romanisations of the former
					// Soviet Union.
					continue
				}
				seen[id] = true
				ids = append(ids, id)
				exact = append(exact, ex)
			}
		}
	}
	base, kind := stripAdminSuffix(k)
	if base != k && base != "" && kind == GeoPlace {
		// "Kansas City", "Iowa City": a town word may be part of the
		// name; the place so named, when there is one, before the places
		// named by the rest (Kansas, Texas).
		add(foldPlaceNormed(k), k, nil)
		if len(ids) > 0 {
			return ids, exact
		}
	}
	if base != k && base != "" {
		// "Kharkiv Oblast": regions first, of the kind the word names.
		isKind := func(e *entry) bool { return e.kind == kind }
		isRegion := func(e *entry) bool { return e.kind == GeoAdmin1 || e.kind == GeoAdmin2 }
		add(foldPlaceNormed(k), k, isRegion)
		fb := foldPlaceNormed(base)
		add(fb, base, isKind)
		if len(ids) == 0 {
			add(fb, base, isRegion)
		}
		if len(ids) > 0 {
			return ids, exact
		}
	}
	fk := foldPlaceNormed(k)
	add(fk, k, nil)
	if len(ids) == 0 {
		if v := ukrainianVariant(k); v != "" && v != fk {
			// "Tsvetnye Peski" for Tsvitni Pisky: the Russian name of a
			// Ukrainian place the gazetteer knows by its Ukrainian name
			// only, matched as folded. Only when the name as written
			// matches nothing: the press's spelling comes first.
			add(v, "", func(e *entry) bool { return e.cc == "UA" && e.kind != GeoCountry })
			for i := range exact {
				exact[i] = false
			}
		}
	}
	if len(ids) == 0 && base != k && base != "" {
		// "Gizab district" where GeoNames has the town only: the town,
		// which is the district's seat.
		add(foldPlaceNormed(base), base, func(e *entry) bool { return e.kind == GeoPlace })
	}
	return ids, exact
}

// ukrainianVariant returns the folded key of normPlace key k with every e
// written i, or "" when k has no e. Ukrainian writes і where Russian writes
// е in a closed syllable (Піски/Пески, Pisky/Peski; Цвітні/Цветные;
// Білгород/Белгород), an alternation the romanisation folding
// (FoldPlaceName) does not join, because elsewhere it would join names
// that differ (Berlin, Birlin). Lookup tries it for Ukrainian places only,
// and only when the name as written matches nothing (issue 12).
func ukrainianVariant(k string) string {
	if strings.IndexByte(k, 'e') < 0 {
		return ""
	}
	return foldPlaceNormed(strings.ReplaceAll(k, "e", "i"))
}

func (g *Gazetteer) candidate(id int32, exact bool) Candidate {
	e := &g.entries[id]
	c := Candidate{Name: e.name, Kind: e.kind, Population: int(e.pop), Exact: exact}
	if e.kind == GeoCountry {
		c.Population = 0
	}
	c.Place = muster.Place{Lat: round4(e.lat), Lon: round4(e.lon), Country: e.cc, Feature: e.feature, GeonameID: int(e.gid)}
	if e.a1 >= 0 {
		c.Place.Admin1 = g.entries[e.a1].name
	}
	if e.a2 >= 0 {
		c.Place.Admin2 = g.entries[e.a2].name
	}
	switch e.kind {
	case GeoPlace:
		c.Place.Precision = muster.PrecisionExact
	case GeoAdmin1, GeoAdmin2:
		c.Place.Precision = muster.PrecisionRegion
	case GeoCountry:
		c.Place.Precision = muster.PrecisionCountry
	}
	return c
}

func round4(f float32) float64 { return math.Round(float64(f)*1e4) / 1e4 }

// CountryCode returns the ISO 3166-1 alpha-2 code of a country name, alt
// spelling or alpha-3 code ("Ukraine", "Russian Federation", "UKR"), or "".
func (g *Gazetteer) CountryCode(name string) string {
	ids, exact := g.lookup(normPlace(name))
	if cc := g.countryOf(ids, exact); cc != "" {
		return cc
	}
	return g.aliasCountry(name)
}

// aliasCountry returns the code of the country name is a known alias of in
// the alias table ("US", "U.S.", "UK", "Britain"), or "": short forms the
// gazetteer's names lack, which would otherwise be geocoded as villages
// (Us, Sverdlovsk Oblast).
func (g *Gazetteer) aliasCountry(name string) string {
	row, ok := defaultResolver().Aliases.Lookup(name, muster.EntityPlace)
	if !ok || row.Type != muster.EntityPlace || muster.NameKey(row.Canonical) == muster.NameKey(name) {
		return ""
	}
	ids, exact := g.lookup(normPlace(row.Canonical))
	return g.countryOf(ids, exact)
}

// countryOf returns the ISO code of the country among lookup results: an
// exact match first, else any.
func (g *Gazetteer) countryOf(ids []int32, exact []bool) string {
	for i, id := range ids {
		if e := &g.entries[id]; e.kind == GeoCountry && exact[i] {
			return e.cc
		}
	}
	for _, id := range ids {
		if e := &g.entries[id]; e.kind == GeoCountry {
			return e.cc
		}
	}
	return ""
}

// GeoContext is what a document says around a place name: the countries and
// regions it names and its other place names. Geocode uses it to choose
// among places of the same name.
type GeoContext struct {
	Countries []string // ISO 3166-1 alpha-2 codes of countries named in the document
	Admin1    []string // region names in the document ("Belgorod", "Kharkiv Oblast")
	Places    []string // other place names in the document
}

// Scoring weights for Geocode, tuned on the dev splits.
const (
	geoWCountry    = 3.0  // candidate lies in a country the document names
	geoWOffCountry = -2.5 // … or it names countries and this is none of them
	geoWAdmin1     = 4.0  // candidate lies in a region the document names
	geoWSeat       = 4.0  // candidate is the seat of the region named like it (issue 12)
	geoWNear       = 3.0  // candidate is near another place of the document (× e^-d/150km)
	// candidate shares a region / a country with another place of the document
	geoWAnchorAdmin1  = 2.0
	geoAnchorMargin   = 1.5 // how far an anchor's best candidate must lead
	geoWAnchorCountry = 1.5
	geoWFolded        = -2.5 // matched only after romanisation folding
	geoWAlt           = -1.0 // matched by a GeoNames alternate name, not the place's own name (exactly or folded)
	// A place that conflict events were coded to (UCDP GED dev split) is
	// likelier in conflict news than a namesake of the same size: Pobeda
	// in Luhansk oblast, not Peramoga (Pobeda) in Belarus (issue 5).
	geoWEventPlace = 2.0 // any events
	geoWEvents     = 1.0 // × log10(events+1)
)

// Geocode chooses the place that name most likely refers to in a document
// with context c: candidates in the countries and regions the document
// names, and near its other (unambiguous) places, win; then capitals and
// admin seats; then the more populous. It reports false when the
// gazetteer has no entry for name.
func (g *Gazetteer) Geocode(name string, c GeoContext) (muster.Place, bool) {
	cand, ok := g.geocodeCandidate(name, c)
	return cand.Place, ok
}

// scorer holds a GeoContext prepared for scoring candidates.
type scorer struct {
	g         *Gazetteer
	countries map[string]bool
	admin1    map[string]bool // folded region names
	// selfRegion is the name being geocoded folded as a region name: the
	// seat of a region of that name is the place ("Luhansk" is the city of
	// Luhansk oblast, not a village called Luhansk in Donetsk oblast).
	selfRegion string
	anchors    []entry
	// pointed says the document's places point to a namesake that is no
	// capital (notePointed).
	pointed bool
}

// byAltOnly reports whether place id matches the normPlace key k only by a
// GeoNames alternate name: its own name differs even after the exonym
// table ("Sherman" is an old name of West Hollywood).
func (g *Gazetteer) byAltOnly(id int32, k string) bool {
	e := &g.entries[id]
	return e.kind == GeoPlace && e.light != foldHash(lightPlace(k))
}

// foldedAltOnly reports whether place id, matched by key k only after
// romanisation folding, owes the match to one of its alternate names: its
// own name folds to another key ("Krasne" folds onto an old name of
// Kyzyl, whose own name is far from it).
func (g *Gazetteer) foldedAltOnly(id int32, k string) bool {
	e := &g.entries[id]
	if e.kind != GeoPlace {
		return false
	}
	own := foldPlaceNormed(normPlace(e.name))
	return own != foldPlaceNormed(k) && (e.cc != "UA" || own != ukrainianVariant(k))
}

// altOnly reports whether candidate id of key k, matched exactly or not,
// is so only by an alternate name.
func (g *Gazetteer) altOnly(id int32, k string, exact bool) bool {
	if exact {
		return g.byAltOnly(id, k)
	}
	return g.foldedAltOnly(id, k)
}

func (g *Gazetteer) newScorer(c GeoContext, self string) *scorer {
	return g.newScorerWith(c, self, g.lookup)
}

// newScorerWith is newScorer with the lookup it uses for the context's
// places given (a per-document memo: see DocumentGeocoder).
func (g *Gazetteer) newScorerWith(c GeoContext, self string, lookup func(string) ([]int32, []bool)) *scorer {
	s := &scorer{g: g, countries: make(map[string]bool), admin1: make(map[string]bool)}
	if base, _ := stripAdminSuffix(self); base != "" {
		s.selfRegion = foldPlaceNormed(base)
	}
	for _, cc := range c.Countries {
		s.countries[strings.ToUpper(cc)] = true
	}
	for _, a := range c.Admin1 {
		k := normPlace(a)
		if k == self {
			continue
		}
		// "near Shumy in Donbas": the Donbas's oblasts are the document's
		// regions (issue 12).
		for _, r := range contextRegions(k) {
			base, _ := stripAdminSuffix(r)
			s.admin1[foldPlaceNormed(base)] = true
		}
	}
	// Anchors: the other places that are unambiguous once the countries
	// and regions are known: their best exact candidate (by prior and
	// country) leads the next one by geoAnchorMargin.
	for _, p := range c.Places {
		k := normPlace(p)
		if k == self || k == "" {
			continue
		}
		ids, exact := lookup(k)
		best, bestScore, second := int32(-1), math.Inf(-1), math.Inf(-1)
		for i, id := range ids {
			if g.entries[id].kind == GeoCountry || !exact[i] {
				continue
			}
			sc := s.base(id, exact[i], g.byAltOnly(id, k))
			if sc > bestScore {
				best, bestScore, second = id, sc, bestScore
			} else if sc > second {
				second = sc
			}
		}
		if best >= 0 && bestScore-second >= geoAnchorMargin {
			s.anchors = append(s.anchors, g.entries[best])
		}
	}
	return s
}

// prior is an entry's score before context: log population plus a bonus for
// capitals and admin seats.
func (g *Gazetteer) prior(e *entry) float64 {
	switch e.kind {
	case GeoCountry:
		return 8.5
	case GeoAdmin1:
		return math.Log10(float64(e.pop)+1) * 0.95
	case GeoAdmin2:
		return math.Log10(float64(e.pop)+1)*0.8 - 1
	}
	p := math.Log10(float64(e.pop) + 1)
	if e.events > 0 {
		p += geoWEventPlace + geoWEvents*math.Log10(float64(e.events)+1)
	}
	switch e.feature {
	case "PPLC", "PPLG":
		p += 2
	case "PPLA":
		p += 1
	case "PPLA2":
		p += 0.5
	case "PPLA3", "PPLA4":
		p += 0.2
	case "PPLX", "PPLH", "PPLQ", "PPLW":
		p -= 1
	}
	return p
}

func (s *scorer) base(id int32, exact, alt bool) float64 {
	e := &s.g.entries[id]
	sc := s.g.prior(e)
	if alt {
		sc += geoWAlt
	}
	if !exact {
		sc += geoWFolded
	}
	if len(s.countries) > 0 {
		if s.countries[e.cc] {
			sc += geoWCountry
		} else if e.feature != "PPLC" {
			// Capitals are named from abroad ("talks in Brussels" in news
			// of the US): only other places pay for lying elsewhere.
			sc += geoWOffCountry
		}
	}
	if e.kind != GeoCountry && e.a1 >= 0 && len(s.admin1) > 0 && e.a1 != id {
		base, _ := stripAdminSuffix(normPlace(s.g.entries[e.a1].name))
		if s.admin1[foldPlaceNormed(base)] {
			sc += geoWAdmin1
		}
	}
	if s.regionSeat(e, exact) {
		sc += geoWSeat
	}
	return sc
}

// regionSeat reports whether e is the seat of the region named like the
// name being geocoded. Only a seat the name matches exactly: "Lozova"
// folds onto Lozovo, the seat of Lozovo in North Macedonia, but names the
// Ukrainian town.
func (s *scorer) regionSeat(e *entry, exact bool) bool {
	if !exact || e.kind != GeoPlace || (e.feature != "PPLA" && e.feature != "PPLC") || e.a1 < 0 || s.selfRegion == "" {
		return false
	}
	base, _ := stripAdminSuffix(normPlace(s.g.entries[e.a1].name))
	return foldPlaceNormed(base) == s.selfRegion
}

// capitalOfCountry reports whether e, matched exactly by its own name
// (alt false), is a capital the document may mean: it names no country,
// or names e's. A text that names other countries points elsewhere
// ("Santiago" in a report from the Dominican Republic); so do its other
// places (notePointed: "Paris" beside Dallas).
func (s *scorer) capitalOfCountry(e *entry, exact, alt bool) bool {
	return exact && !alt && e.kind == GeoPlace && capitalFeature(e.feature) && (len(s.countries) == 0 || s.countries[e.cc])
}

// notePointed notes whether the document's other places point to a
// namesake of the name that is no capital: it shares a region with one of
// them or lies within geoPointedKm of one ("Paris" beside Dallas and
// Sherman). Then a capital of that name is not the document's default
// (capitalOfCountry). A place in some other country is no pointer:
// "San Diego" (a street) beside "Santiago" does not make it Santiago de
// los Caballeros.
func (s *scorer) notePointed(ids []int32) {
	for _, id := range ids {
		e := &s.g.entries[id]
		if e.kind != GeoPlace || capitalFeature(e.feature) {
			continue
		}
		for i := range s.anchors {
			a := &s.anchors[i]
			if a.a1 >= 0 && a.a1 == e.a1 || haversineKm(float64(e.lat), float64(e.lon), float64(a.lat), float64(a.lon)) <= geoPointedKm {
				s.pointed = true
				return
			}
		}
	}
}

// geoPointedKm is how near one of a document's places a namesake must lie
// for the document to point to it (notePointed).
const geoPointedKm = 150.0

// capitalFeature reports whether a GeoNames feature code is a capital's:
// PPLC, or PPLG, the seat of government of a country whose constitutional
// capital is elsewhere (La Paz; Sucre is Bolivia's PPLC).
func capitalFeature(f string) bool { return f == "PPLC" || f == "PPLG" }

// score scores candidate id of the name being geocoded; alt says it
// matched by an alternate name only (byAltOnly).
func (s *scorer) score(id int32, exact, alt bool) float64 {
	sc := s.base(id, exact, alt)
	e := &s.g.entries[id]
	if e.kind == GeoCountry {
		return sc
	}
	near, sameA1, sameCC := 0.0, false, false
	for i := range s.anchors {
		a := &s.anchors[i]
		d := haversineKm(float64(e.lat), float64(e.lon), float64(a.lat), float64(a.lon))
		if a.lat == e.lat && a.lon == e.lon && a.name == e.name || a.kind == GeoPlace && e.kind == GeoPlace && a.cc == e.cc && d <= geoTwinKm &&
			foldPlaceNormed(normPlace(a.name)) == foldPlaceNormed(normPlace(e.name)) {
			// The anchor is the candidate itself, or its twin (twinBoost):
			// no evidence for one record of the place over the other.
			continue
		}
		near = math.Max(near, math.Exp(-d/150))
		sameA1 = sameA1 || (a.a1 >= 0 && a.a1 == e.a1)
		sameCC = sameCC || a.cc == e.cc
	}
	sc += geoWNear * near
	if sameA1 {
		sc += geoWAnchorAdmin1
	}
	if s.capitalOfCountry(e, exact, alt) && !s.regionSeat(e, exact) && !s.pointed {
		// A capital is its country's seat, a rank above a region's seat
		// named like it: "Santiago" alone is Chile's capital, not Santiago
		// de los Caballeros, seat of the Dominican province of Santiago;
		// "La Paz" is Bolivia's seat of government, not the town that is
		// the seat of La Paz in Honduras (MUC-4 dev, issue 12).
		sc += geoWSeat
	}
	if sameCC && len(s.countries) == 0 {
		sc += geoWAnchorCountry
	}
	return sc
}

// haversineKm is the great-circle distance in kilometres.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, a)))
}

// PlaceKey returns the key under which mentions of one place merge into one
// entity whatever their spelling (issue 5): "geonames:ID" for a place with
// a GeoNames id, else "place:CC:" plus the folded name (FoldPlaceName) for
// a place without one (a village taken from UCDP, a region), and "" when p
// has no country and name folds to nothing.
func PlaceKey(p muster.Place, name string) string {
	if p.GeonameID > 0 {
		return "geonames:" + strconv.Itoa(p.GeonameID)
	}
	k := FoldPlaceName(name)
	if k == "" && p.Country == "" {
		return ""
	}
	return "place:" + p.Country + ":" + k
}
