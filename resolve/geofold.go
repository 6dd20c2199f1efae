package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Place-name folding (issue 5).
//
// Place names reach muster in many romanisations: GeoNames writes
// "Grayvoron", Reuters "Graivoron", Kyiv Independent "Hraivoron" (from the
// Ukrainian Грайворон); "Kharkov" and "Kharkiv", "Lugansk" and "Luhansk",
// "Donets'k" and "Donetsk". Two keys are used:
//
//   - normPlace: lower case, diacritics stripped, Cyrillic transliterated,
//     apostrophes and soft signs dropped, other punctuation a space. Matches
//     on this key are "exact".
//   - FoldPlaceName: normPlace, then the exonym table, then a lossy
//     romanisation folding applied to each word, in this order:
//
//     shch, sch → s; zh → z; kh → h; ch → c; sh → s; ts, tz, cz → c
//     g → h            (Ukrainian Г is written h, Russian Г g: Hlukhiv/Glukhov)
//     j, y → i         (й, ы, и, ї: Graivoron/Grayvoron, Zhytomyr/Zhitomir)
//     w → v, ph → f, q → k, ck → k
//     ie → e           (є, е: Sievierodonetsk/Severodonetsk)
//     doubled letters → one (Zaporizhzhia, Odessa/Odesa, -skyy/-skyi/-skiy)
//     vowels before a final v → dropped when 3+ letters precede them
//     (Ukrainian -iv for Russian -ov/-ev: Kharkiv/Kharkov, Chernihiv/Chernigov)
//     final vowels → dropped when 3+ letters remain
//     (-ia/-iya/-aya/-e/-o endings: Stanytsia Luhanska/Stanitsa Luganskaya)
//     vowels before a final vk (after that) → dropped when 3+ letters
//     precede them (Russian -ovka/-evka for Ukrainian -ivka:
//     Marinovka/Marynivka, Georgiyevka/Heorhiivka)
//     ou → u (French transliteration: Janzour/Janzur), ow before a consonant
//     → o (Persian: Ghowr/Ghor), final -ah → -a (Hamah/Hama)
//     Arabic articles and the Persian ezafe written as a word before another
//     word → dropped (Al Hudaydah/Hudaydah, Mazar-e Sharif/Mazari Sharif)
//
// Pairs that no rule joins (Kiev/Kyiv, Artemivsk/Bakhmut, Dnepropetrovsk/
// Dnipro) are in placeExonyms. The folding over-merges a little outside the
// former Soviet Union (Gaza and Haza share a key); that is why Lookup
// prefers exact-key matches and the geocoder weighs candidates.

// placeExonyms maps the normPlace form of a well-known exonym, former name or
// Russian form to the name GeoNames uses. Keys and values are normPlace
// forms. Multi-word keys match the whole name; one-word keys match words.
var placeExonyms = map[string]string{
	"kiev":                   "kyiv",
	"kyyiv":                  "kyiv",
	"lvov":                   "lviv",
	"lwow":                   "lviv",
	"lemberg":                "lviv",
	"nikolaev":               "mykolaiv",
	"nikolayev":              "mykolaiv",
	"mikolaiv":               "mykolaiv",
	"zaporozhye":             "zaporizhzhia",
	"zaporozhe":              "zaporizhzhia",
	"zaporozhzhya":           "zaporizhzhia",
	"zaporizhia":             "zaporizhzhia",
	"zaporizhzhya":           "zaporizhzhia",
	"dnepropetrovsk":         "dnipro",
	"dnipropetrovsk city":    "dnipro",
	"dnepr":                  "dnipro",
	"artemovsk":              "bakhmut",
	"artemivsk":              "bakhmut",
	"kirovograd":             "kropyvnytskyi",
	"kirovohrad":             "kropyvnytskyi",
	"krivoy rog":             "kryvyi rih",
	"krivoi rog":             "kryvyi rih",
	"kryvyy rih":             "kryvyi rih",
	"gorlovka":               "horlivka",
	"slavyansk":              "sloviansk",
	"slaviansk":              "sloviansk",
	"rovno":                  "rivne",
	"chernovtsy":             "chernivtsi",
	"ivano frankovsk":        "ivano frankivsk",
	"vugledar":               "vuhledar",
	"ugledar":                "vuhledar",
	"kremennaya":             "kreminna",
	"seversk":                "siversk",
	"konstantinovka":         "kostiantynivka",
	"kostyantynivka":         "kostiantynivka",
	"makeyevka":              "makiivka",
	"makeevka":               "makiivka",
	"yasinovataya":           "yasynuvata",
	"snezhnoye":              "snizhne",
	"snezhnoe":               "snizhne",
	"avdeyevka":              "avdiivka",
	"avdeevka":               "avdiivka",
	"aleshki":                "oleshky",
	"irpen":                  "irpin",
	"chernobyl":              "chornobyl",
	"akhtyrka":               "okhtyrka",
	"belopolye":              "bilopillia",
	"krasnopolye":            "krasnopillia",
	"dzerzhinsk":             "toretsk",
	"krasnodon":              "sorokyne",
	"krasny liman":           "lyman",
	"krasnyy liman":          "lyman",
	"krasnyi lyman":          "lyman",
	"kupyansk":               "kupiansk",
	"yuzhne":                 "pivdenne",
	"yuzhny":                 "pivdenne",
	"belgorod dnestrovsky":   "bilhorod dnistrovskyi",
	"mogilev":                "mahilyow",
	"mogilyov":               "mahilyow",
	"vitsyebsk":              "vitebsk",
	"pervomaysk":             "pervomaisk",
	"kherson oblast":         "kherson",
	"crimean peninsula":      "crimea",
	"kiev oblast":            "kyiv",
	"sevastopol city":        "sevastopol",
	"mariupol city":          "mariupol",
	"velikaya novoselka":     "velyka novosilka",
	"velikaya novosyolka":    "velyka novosilka",
	"novaya kakhovka":        "nova kakhovka",
	"golaya pristan":         "hola prystan",
	"bakhmutovka":            "bakhmutivka",
	"volchansk":              "vovchansk",
	"liptsy":                 "lyptsi",
	"kupyansk uzlovoy":       "kupiansk vuzlovyi",
	"balakleya":              "balakliia",
	"izyum":                  "izium",
	"chuguyev":               "chuhuiv",
	"zolochev":               "zolochiv",
	"krasnograd":             "krasnohrad",
	"lozovaya":               "lozova",
	"svyatogorsk":            "sviatohirsk",
	"svyatohirsk":            "sviatohirsk",
	"krasnoarmeysk":          "pokrovsk",
	"dimitrov":               "myrnohrad",
	"dymytrov":               "myrnohrad",
	"ilovaysk":               "ilovaisk",
	"gulyaypole":             "huliaipole",
	"hulyaypole":             "huliaipole",
	"orekhov":                "orikhiv",
	"energodar":              "enerhodar",
	"melitopol city":         "melitopol",
	"kamenskoye":             "kamianske",
	"kamenskoe":              "kamianske",
	"dneprodzerzhinsk":       "kamianske",
	"dniprodzerzhynsk":       "kamianske",
	"nikopol city":           "nikopol",
	"marganets":              "marhanets",
	"ochakov":                "ochakiv",
	"pervomaisky":            "pervomaiskyi",
	"tokmak city":            "tokmak",
	"shchastye":              "shchastia",
	"schastye":               "shchastia",
	"zhitomir":               "zhytomyr",
	"vinnitsa":               "vinnytsia",
	"khmelnitsky":            "khmelnytskyi",
	"ternopol":               "ternopil",
	"lutsk city":             "lutsk",
	"uzhgorod":               "uzhhorod",
	"cherkassy":              "cherkasy",
	"chernigov":              "chernihiv",
	"kharkov":                "kharkiv",
	"lugansk":                "luhansk",
	"donetsk city":           "donetsk",
	"glukhov":                "hlukhiv",
	"pereyaslav khmelnitsky": "pereiaslav",
	// Region names whose common English form GeoNames does not use.
	"saladin": "salah ad din", "arbil": "erbil", "irbil": "erbil", "uruzgan": "oruzgan", "jawzjan": "jowzjan", "sari pul": "sar e pol",
	"shebelle": "shabele", "shabelle": "shabele", "extreme north": "far north", "adan": "aden",
	"timbuktu": "tombouctou", "dihok": "duhok", "dohuk": "duhok", "amanat al asimah": "amanat alasimah",
	"bio bio": "biobio", "benishangul gumuz": "binshangul gumuz", "sagaing": "sagain",
	"islamabad capital territory": "islamabad", "hadramawt": "hadramaout", "hadramout": "hadramaout",
	"nay pyi taw": "naypyidaw", "west bank and gaza strip": "palestine", "gaza": "gaza strip",
	"southern nations": "snnpr", "oromia": "oromiya", "makkah": "mecca region",
	// Somali places GeoNames writes in Somali orthography.
	"hudur": "xuddur", "las anod": "laascaanood", "galkayo": "gaalkacyo", "bulobarde": "buulobarde",
	"bulo burde": "buulobarde", "londonderry": "derry",
	// Compass words in French, Spanish and Portuguese region names
	// (GeoNames writes "Nord Kivu", the press "North Kivu").
	"nord": "north", "norte": "north", "sud": "south", "ouest": "west", "oeste": "west", "este": "east",
	"northern": "north", "southern": "south", "western": "west", "eastern": "east",
	"pereiaslav khmelnytskyi": "pereiaslav",
}

// regionAliases maps the normPlace form of a name that stands for a
// region, never a town, to that region: the separatist "republics" and
// the Donbas by the oblast they claim ("DPR positions" are not in the
// city of Donetsk).
var regionAliases = map[string]string{
	"dpr": "donetsk oblast", "dnr": "donetsk oblast", "donetsk peoples republic": "donetsk oblast",
	"lpr": "luhansk oblast", "lnr": "luhansk oblast", "luhansk peoples republic": "luhansk oblast", "lugansk peoples republic": "luhansk oblast",
	"donbas": "donetsk oblast", "donbass": "donetsk oblast",
	// The republics' armed forces (ACLED's "NAF rebel forces") fight in
	// the Donbas only.
	"naf": "donetsk oblast",
}

// areaRegions maps the normPlace form of a name that stands for an area
// of several regions to them: the Donbas is Donetsk and Luhansk oblasts,
// though a lookup of it returns one (regionAliases).
var areaRegions = map[string][]string{
	"donbas": {"donetsk oblast", "luhansk oblast"}, "donbass": {"donetsk oblast", "luhansk oblast"},
	"naf": {"donetsk oblast", "luhansk oblast"},
}

// contextRegions returns the regions a region name of a document stands
// for, as normPlace keys: the Donbas both its oblasts, "DPR" Donetsk
// oblast, any other name itself.
func contextRegions(k string) []string {
	if rs, ok := areaRegions[k]; ok {
		return rs
	}
	if r, ok := regionAliases[k]; ok {
		return []string{r}
	}
	return []string{k}
}

// normPlace returns s in lower case with diacritics stripped, Cyrillic
// transliterated, apostrophes dropped and other punctuation turned into
// single spaces.
func normPlace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii && needsNFD(s) {
		s = norm.NFD.String(s)
	}
	space := true // suppress leading space
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			space = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			space = false
		case r == '\'' || r == '’' || r == 'ʼ' || r == 'ʹ' || r == '`' || r == '´' || r == 'ʻ' || r == 'ʽ' || r == '‘':
			// apostrophes and soft-sign marks: Luhans'k = Luhansk
		case r < utf8.RuneSelf:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case r < 0x250 && latin1Fold[r] != 0:
			b.WriteByte(latin1Fold[r])
			space = false
		case unicode.Is(unicode.Mn, r):
			// combining diacritic after NFD
		default:
			if t, ok := placeCyrillic[unicode.ToLower(r)]; ok {
				b.WriteString(t)
				if t != "" {
					space = false
				}
				continue
			}
			if t, ok := placeLatinExtra[unicode.ToLower(r)]; ok {
				b.WriteString(t)
				space = false
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
				space = false
				continue
			}
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// latin1Fold maps precomposed Latin letters (U+00C0–U+024F) to their base
// lower-case ASCII letter, so that most names need no NFD pass.
var latin1Fold = func() (t [0x250]byte) {
	for r := rune(0xC0); r < 0x250; r++ {
		d := norm.NFD.String(string(r))
		if c := d[0]; len(d) > 1 && c < utf8.RuneSelf && unicode.IsLetter(rune(c)) {
			t[r] = byte(unicode.ToLower(rune(c)))
		}
	}
	return t
}()

// needsNFD reports whether s has a non-ASCII rune that latin1Fold and the
// transliteration tables do not cover.
func needsNFD(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf || r < 0x250 && latin1Fold[r] != 0 {
			continue
		}
		if _, ok := placeCyrillic[unicode.ToLower(r)]; ok {
			continue
		}
		return true
	}
	return false
}

// placeLatinExtra holds Latin letters that NFD does not decompose.
var placeLatinExtra = map[rune]string{
	'ø': "o", 'đ': "d", 'ð': "d", 'ł': "l", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ı': "i", 'ħ': "h",
}

// placeCyrillic transliterates Russian, Ukrainian and Belarusian letters (after
// NFD, so й is и plus a combining breve and ї is і plus a diaeresis, both
// of which normPlace drops). It follows the Ukrainian national and BGN/PCGN
// Russian systems closely enough for folding to join the results.
var placeCyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ye",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ў': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya",
}

// FoldPlaceName returns the romanisation-folded key of a place name, so that
// spellings of one name from different transliterations (Graivoron,
// Grayvoron, Hraivoron; Kharkov, Kharkiv; Lugansk, Luhansk) and their
// Cyrillic originals share a key. See the rules at the top of this file.
// The key is for matching only; it is not a display form.
func FoldPlaceName(s string) string {
	n := normPlace(s)
	if n == "" {
		return ""
	}
	return foldPlaceNormed(n)
}

// foldPlaceNormed folds a normPlace form.
func foldPlaceNormed(n string) string {
	return string(appendFoldNormed(make([]byte, 0, len(n)), n))
}

// appendFoldNormed appends the folded form of normPlace form n to b.
func appendFoldNormed(b []byte, n string) []byte {
	start := len(b)
	if e, ok := placeExonyms[n]; ok {
		n = e
	}
	for len(n) > 0 {
		w := n
		if i := strings.IndexByte(n, ' '); i >= 0 {
			w, n = n[:i], n[i+1:]
		} else {
			n = ""
		}
		if w == "" {
			continue
		}
		if n != "" && placeParticles[w] {
			continue // "Al Hudaydah" = "Hudaydah", "Mazar-e Sharif" = "Mazari Sharif"
		}
		if e, ok := placeExonyms[w]; ok {
			w = e
		}
		if len(b) > start {
			b = append(b, ' ')
		}
		b = foldPlaceWord(b, w)
	}
	return b
}

// lightPlace is the "exact" form of a normPlace key for matching: the
// exonym table applied and articles dropped ("As Samawah" = "Samawah",
// "Saladin" = "Salah ad Din"), but no romanisation folding.
func lightPlace(n string) string {
	if e, ok := placeExonyms[n]; ok {
		n = e
	}
	if !strings.Contains(n, " ") {
		if e, ok := placeExonyms[n]; ok {
			return e
		}
		return n
	}
	if !lightChanges(n) {
		return n
	}
	words := strings.Fields(n)
	out := words[:0]
	for i, w := range words {
		if i < len(words)-1 && placeParticles[w] {
			continue
		}
		if e, ok := placeExonyms[w]; ok {
			w = e
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// lightChanges reports whether lightPlace would change the multi-word
// normPlace key n: a word of it is in the exonym table, or a word before
// the last is an article.
func lightChanges(n string) bool {
	for n != "" {
		w, rest, more := strings.Cut(n, " ")
		if _, ok := placeExonyms[w]; ok || w == "" || more && placeParticles[w] {
			return true
		}
		n = rest
	}
	return false
}

// placeParticles are Arabic articles and Persian ezafe written as words;
// folding drops them before another word.
var placeParticles = map[string]bool{
	"al": true, "el": true, "ar": true, "as": true, "ash": true, "ad": true, "an": true,
	"at": true, "az": true, "ath": true, "adh": true, "e": true, "i": true, "ye": true,
}

func placeVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// foldPlaceWord appends the folded form of one lower-case word to dst.
func foldPlaceWord(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			// Scripts without a transliteration table (CJK, Arabic…) are
			// matched as written.
			return append(dst, w...)
		}
	}
	start := len(dst)
	emit := func(c byte) {
		// Collapse doubled letters as they are written, and ie → e.
		if n := len(dst); n > start {
			last := dst[n-1]
			if c == last {
				return
			}
			if c == 'e' && last == 'i' {
				dst[n-1] = 'e'
				if n-1 > start && dst[n-2] == 'e' {
					dst = dst[:n-1]
				}
				return
			}
		}
		dst = append(dst, c)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 's' && strings.HasPrefix(w[i:], "shch"):
			emit('s')
			i += 3
		case c == 's' && next == 'c' && i+2 < len(w) && w[i+2] == 'h':
			emit('s')
			i += 2
		case (c == 'z' || c == 's') && next == 'h':
			emit(c)
			i++
		case c == 'k' && next == 'h':
			emit('h')
			i++
		case c == 'c' && (next == 'h' || next == 'z' || next == 'k'):
			if next == 'k' {
				emit('k')
			} else {
				emit('c')
			}
			i++
		case c == 't' && (next == 's' || next == 'z'):
			emit('c')
			i++
		case c == 'p' && next == 'h':
			emit('f')
			i++
		case c == 'g':
			emit('h')
		case c == 'j' || c == 'y':
			emit('i')
		case c == 'o' && next == 'u':
			emit('u') // French transliteration: Janzour = Janzur
			i++
		case c == 'o' && next == 'w' && (i+2 >= len(w) || !placeVowel(w[i+2])):
			emit('o') // Persian ow: Ghowr = Ghor, Khowst = Khost
			i++
		case c == 'w':
			emit('v')
		case c == 'q':
			emit('k')
		default:
			emit(c)
		}
	}
	b := dst[start:]
	// Arabic final -ah (ta marbuta): Hamah = Hama, Raqqah = Raqqa.
	if n := len(b); n > 3 && b[n-1] == 'h' && b[n-2] == 'a' {
		b = b[:n-1]
	}
	// Ukrainian -iv for Russian -ov/-ev: drop the vowels before a final v.
	if n := len(b); n > 1 && b[n-1] == 'v' {
		j := n - 1
		for j > 0 && placeVowel(b[j-1]) {
			j--
		}
		if j < n-1 && j >= 3 {
			b = append(b[:j], 'v')
		}
	}
	// Drop final vowels (-ia, -iya, -aya, -e, -o).
	j := len(b)
	for j > 0 && placeVowel(b[j-1]) {
		j--
	}
	if j >= 3 && j < len(b) {
		b = b[:j]
	}
	// Russian -ovka/-evka for Ukrainian -ivka: drop the vowels before a
	// final vk (Marinovka/Marynivka, Georgiyevka/Heorhiivka).
	if n := len(b); n > 2 && b[n-1] == 'k' && b[n-2] == 'v' {
		j := n - 2
		for j > 0 && placeVowel(b[j-1]) {
			j--
		}
		if j < n-2 && j >= 3 {
			b = append(b[:j], 'v', 'k')
		}
	}
	return dst[:start+len(b)]
}
