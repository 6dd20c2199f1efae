package resolve

import (
	"strings"
	"unicode"
)

// Transliteration of Russian, Ukrainian and Belarusian names (issue 5).
//
// The same person or place reaches English text through several romanisation
// systems: BGN/PCGN (Russian г→g, х→kh, й→y, ы→y, ё→ë/yo), the scholarly
// "scientific" system and ISO 9 (х→ch or h, й→j, ю→ju, я→ja, ж→ž, ш→š),
// Ukraine's 2010 national system (г→h, и→y, і→i, ї→yi, є→ye) and the common
// forms of the English-language press (Denis/Denys, Dmitry/Dmytro/Dmitriy,
// Zelensky/Zelenskyy/Zelenskiy, Gladkov/Hladkov, Graivoron/Grayvoron/Hraivoron).
// TranslitKey maps all of them to one key in two steps:
//
//  1. Cyrillic letters are romanised with the table cyrLatin below
//     (BGN/PCGN for Russian; Ukrainian г→h, і→i, ї→yi, є→ye; Belarusian ў→u).
//  2. The Latin result is folded, word by word, with foldWord:
//     - diacritics are dropped (ž→zh, š→sh, č→ch, ë→e; other marks removed);
//     - digraphs: shch/sch/šč/szcz → "shch"; Polish sz → sh, cz → ch, ż → zh
//       (Polish outlets romanise Russian and Ukrainian names their way:
//       Pieskow, Ławrow, Prigożin); tz → "ts"; j → y (scientific ju/ja/je);
//       x → ks (Alexander/Aleksandr); w → v (Kalinowski/Kalinovsky);
//     - kh and h fold to g (Ukrainian г→h vs Russian г→g; х→kh/h/ch), except
//       inside sh, ch, zh, shch, which stay distinct sounds;
//     - y → i everywhere (Ukrainian и→y vs Russian и→i; й→y/i/j);
//     - ye, ie, yo, io → e at any position (Yevgeny/Evgeny, Pyotr/Petr,
//       Sievierodonetsk/Severodonetsk), ya → ia, yu → iu (via y → i);
//     - word endings -iy, -yi, -ii, -ij, -yy, -ey, -ei, -y fold to -i
//       (Dmitriy/Dmitry/Dmitrii, Sergey/Sergei, Zelenskyy/Zelensky);
//     - ou before a consonant → ov (Belarusian ў: Kalinouski/Kalinovski);
//     - soft and hard signs and apostrophes are dropped (Ilyich/Il'ich);
//     - doubled letters collapse (Zelenskyy, Odessa/Odesa).
//  3. A word that is a known variant of a Russian/Ukrainian/Belarusian given
//     name maps to one canonical form (givenNames: Dmytro = Dmitry,
//     Volodymyr = Vladimir, Oleksandr = Aleksandr, Denys = Denis, …). These
//     are the same name written in two languages, which the press uses
//     interchangeably for the same person.
//
// What is deliberately NOT folded, because the difference carries meaning:
// grammatical gender endings (Ivanov ≠ Ivanova, Zelensky ≠ Zelenskaya), the
// Ukrainian/Russian vowel alternation in place names (Kharkiv/Kharkov,
// Kyiv/Kiev, Lviv/Lvov: these come from the alias table, not from a rule),
// and words of different length or consonants (Peskov ≠ Peskova,
// Gladkov ≠ Gladko). The folding is a key, never a display form.

// cyrLatin romanises one Cyrillic letter (lower case).
var cyrLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "yo",
	'є': "ye", 'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k",
	'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ў': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// latinMarks maps Latin letters with diacritics used by the scientific
// system, ISO 9 and Belarusian Łacinka to plain letters.
var latinMarks = map[rune]string{
	'ž': "zh", 'š': "sh", 'č': "ch", 'ŝ': "shch", 'ë': "e", 'é': "e", 'è': "e", 'ê': "e",
	'ě': "e", 'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'í': "i",
	'ì': "i", 'î': "i", 'ï': "i", 'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o",
	'ø': "o", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ŭ': "u", 'ý': "y", 'ÿ': "y",
	'ç': "c", 'ć': "c", 'ñ': "n", 'ń': "n", 'ł': "l", 'ś': "s", 'ź': "z", 'ż': "zh",
	'ğ': "g", 'ş': "sh", 'ı': "i", 'ß': "ss", 'ǵ': "g", 'ḱ': "k",
}

// givenNames maps the folded forms of Russian, Ukrainian and Belarusian given
// names to one canonical folded form. Keys and values are outputs of
// foldWord. Source: the Ukrainian/Russian cognates of the BGN/PCGN tables
// and the forms found in English-language press.
var givenNames = map[string]string{
	"dmitro": "dmitri", "dmitri": "dmitri",
	"volodimir": "vladimir", "vladimir": "vladimir", "uladzimir": "vladimir",
	"oleksandr": "aleksandr", "aleksandr": "aleksandr", "aleksander": "aleksandr", "oleksander": "aleksandr", "aliaksandr": "aleksandr",
	"oleksi": "aleksi", "aleksi": "aleksi", "aliaksi": "aleksi",
	"denis":  "denis",
	"mikola": "nikolai", "nikolai": "nikolai", "nikola": "nikolai", "mikalai": "nikolai",
	"sergi": "sergi", "siargi": "sergi",
	"andri":   "andri",
	"iuri":    "iuri",
	"migailo": "migail", "migail": "migail", "migal": "migail",
	"vasil": "vasili", "vasili": "vasili",
	"petro": "petr", "petr": "petr",
	"pavlo": "pavel", "pavel": "pavel",
	"grigori": "grigori",
	"oleg":    "oleg",
	"igor":    "igor", "igar": "igor",
	"evgen": "evgeni", "evgeni": "evgeni", "egeni": "evgeni",
	"viktor": "viktor", "victor": "viktor",
	"olena": "elena", "elena": "elena", "alena": "elena",
	"tetiana": "tatiana", "tatiana": "tatiana", "tatsiana": "tatiana",
	"kostiantin": "konstantin", "konstantin": "konstantin", "kanstantsin": "konstantin",
	"maksim": "maksim",
	"ilia":   "ilia",
	"fedir":  "fedor", "fedor": "fedor",
	"stepan": "stepan", "stsiapan": "stepan",
}

// TranslitKey returns the transliteration key of a name: lower case, Cyrillic
// romanised, Latin romanisation variants folded (see the package comment on
// translit.go for the table and what is not folded). Names written in
// Cyrillic and in any of the common romanisations of the same name get the
// same key: "Денис Никитин", "Denys Nikitin" and "Denis Nikitin" all give
// "denis nikitin".
func TranslitKey(name string) string {
	var out []string
	for _, w := range keyWords(name) {
		// Fold to a fixed point, so that a key is its own key: one pass
		// can create a digraph or an ending the next would fold
		// (x → ks before ch gives "ksch").
		f := foldWord(w)
		for i := 0; i < 4; i++ {
			g := foldWord(f)
			if g == f {
				break
			}
			f = g
		}
		if f == "" {
			continue
		}
		if g, ok := givenNames[f]; ok {
			f = g
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// keyWords splits name into lower-case, romanised words of letters and
// digits. Apostrophes and periods do not split words (as in muster.NameKey);
// a leading "the" is dropped.
func keyWords(name string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range name {
		r = unicode.ToLower(r)
		if s, ok := cyrLatin[r]; ok {
			b.WriteString(s)
			continue
		}
		if s, ok := latinMarks[r]; ok {
			b.WriteString(s)
			continue
		}
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '.' || r == '`':
			// Il'ich, Kalinouski's, U.S.: keep letters together
		case unicode.Is(unicode.Mn, r):
			// combining marks: drop
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return words
}

// foldWord folds one lower-case romanised word (see the table above).
func foldWord(w string) string {
	// Digraphs first. The buffers live on the stack for words of up to
	// 48 bytes: this runs for every word of every name and place.
	var bufB, bufC, bufD [48]byte
	s := w
	b := bufB[:0]
	for i := 0; i < len(s); i++ {
		rest := s[i:]
		switch {
		case hasPrefix(rest, "shch"):
			b = append(b, 'S')
			i += 3
		case hasPrefix(rest, "sch"):
			b = append(b, 'S')
			i += 2
		case hasPrefix(rest, "szcz"):
			b = append(b, 'S')
			i += 3
		case hasPrefix(rest, "sh"), hasPrefix(rest, "sz"):
			b = append(b, 'W') // sh
			i++
		case hasPrefix(rest, "ch"), hasPrefix(rest, "cz"):
			b = append(b, 'C')
			i++
		case hasPrefix(rest, "zh"):
			b = append(b, 'Z')
			i++
		case hasPrefix(rest, "kh"):
			b = append(b, 'g')
			i++
		case hasPrefix(rest, "tz"):
			b = append(b, 't', 's')
			i++
		case s[i] == 'h':
			b = append(b, 'g')
		case s[i] == 'x':
			b = append(b, 'k', 's')
		case s[i] == 'w':
			b = append(b, 'v')
		case s[i] == 'j':
			b = append(b, 'y')
		default:
			b = append(b, s[i])
		}
	}
	// Endings: -iy -yi -ii -ij -yy -ey -ei -y → i.
	for _, suf := range []string{"iy", "yi", "ii", "yy", "ey", "ei"} {
		if len(b) > len(suf)+1 && string(b[len(b)-len(suf):]) == suf {
			b = append(b[:len(b)-len(suf)], 'i')
			break
		}
	}
	// ye/ie/yo/io → e; y → i.
	c := bufC[:0]
	for i := 0; i < len(b); i++ {
		if i+1 < len(b) && (b[i] == 'y' || b[i] == 'i') && (b[i+1] == 'e' || b[i+1] == 'o') {
			// Keep "io"/"ie" when a consonant-less word would vanish; fold.
			c = append(c, 'e')
			i++
			continue
		}
		if b[i] == 'y' {
			c = append(c, 'i')
			continue
		}
		c = append(c, b[i])
	}
	// ou before a consonant → ov (Belarusian ў).
	for i := 0; i+2 < len(c); i++ {
		if c[i] == 'o' && c[i+1] == 'u' && !isVowel(c[i+2]) {
			c[i+1] = 'v'
		}
	}
	// Collapse doubled letters.
	d := bufD[:0]
	for i := 0; i < len(c); i++ {
		if len(d) > 0 && d[len(d)-1] == c[i] && c[i] < 0x80 && !isDigit(c[i]) {
			continue
		}
		d = append(d, c[i])
	}
	// Restore digraph symbols as readable letters.
	var out strings.Builder
	out.Grow(len(d) + 8)
	for _, x := range d {
		switch x {
		case 'S':
			out.WriteString("shch")
		case 'W':
			out.WriteString("sh")
		case 'C':
			out.WriteString("ch")
		case 'Z':
			out.WriteString("zh")
		default:
			out.WriteByte(x)
		}
	}
	return out.String()
}

func hasPrefix(s, p string) bool { return strings.HasPrefix(s, p) }

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
