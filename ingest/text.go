package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// maxTitleLen is the longest line (in characters) taken as a headline.
const maxTitleLen = 200

// readText reads a plain-text article. With no title in the options, a short
// first line without a final period is the headline; a one- or two-word first
// line followed by a headline-like line is a section name ("Defense") and the
// next line is the headline. Both lines stay in the text, since offsets index
// the whole of it.
func readText(where string, data []byte, opt Options) (muster.Document, error) {
	text, err := Normalize(string(data))
	if err != nil {
		return muster.Document{}, invalid(where, err)
	}
	if text == "" {
		return muster.Document{}, invalid(where, ErrEmpty)
	}
	d := muster.Document{Format: FormatText}
	d.Title, d.Byline = textHeadline(text)
	finish(&d, text, opt, true)
	return d, nil
}

// textHeadline finds the headline and byline of a normalised plain text.
func textHeadline(text string) (title, byline string) {
	var lines []string
	for line := range strings.SplitSeq(text, "\n") {
		if line != "" {
			lines = append(lines, line)
		}
		if len(lines) == 6 {
			break
		}
	}
	if len(lines) == 0 {
		return "", ""
	}
	next := 1
	switch {
	case len(lines) > 1 && len(strings.Fields(lines[0])) <= 2 && isHeadline(lines[1]) && len(strings.Fields(lines[1])) >= 3 && !isByline(lines[0]):
		title, next = lines[1], 2
	case isHeadline(lines[0]) && !isByline(lines[0]):
		title = lines[0]
	default:
		next = 0
	}
	for _, l := range lines[next:min(len(lines), next+3)] {
		if isByline(l) {
			byline = strings.TrimSpace(l[len("By "):])
			break
		}
	}
	return title, byline
}

// isHeadline reports whether a line looks like a headline: short, with a
// letter, and not ending in a period (a sentence) or colon (a lead-in).
func isHeadline(line string) bool {
	if utf8.RuneCountInString(line) > maxTitleLen {
		return false
	}
	if strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "...") || strings.HasSuffix(line, ":") {
		return false
	}
	return strings.IndexFunc(line, unicode.IsLetter) >= 0
}

// isByline reports whether a line is a byline such as "By Olena Hrytsenko".
func isByline(line string) bool {
	if !strings.HasPrefix(line, "By ") || utf8.RuneCountInString(line) > 100 {
		return false
	}
	rest := strings.TrimSpace(line[3:])
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) && !strings.HasSuffix(rest, ".")
}

// stopwords are a few very frequent function words per language, enough to
// tell the languages muster's sources are mostly written in apart. Words
// shared between languages ("a", "in", "на") are left out.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "that", "was", "for", "with", "said", "have", "from", "by", "were", "has"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "sich", "des", "auf", "ein", "eine", "den", "von", "wurde"},
	"fr": {"le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "qui", "sur", "au", "avec", "été"},
	"es": {"el", "los", "las", "del", "que", "por", "una", "con", "para", "es", "fue", "según", "su", "como", "más"},
	"ru": {"и", "что", "не", "это", "как", "по", "его", "был", "она", "они", "также", "который", "заявил", "было", "были"},
	"uk": {"і", "що", "не", "це", "як", "його", "був", "вона", "вони", "також", "який", "заявив", "було", "були", "та"},
}

// stopwordIndex maps each stopword to its languages; built once, read only.
var stopwordIndex = func() map[string][]string {
	index := map[string][]string{}
	for lang, words := range stopwords {
		for _, w := range words {
			index[w] = append(index[w], lang)
		}
	}
	return index
}()

// guessLanguage returns an ISO 639-1 code for text: the language whose
// stopwords are most frequent among its first 2,000 words, with Cyrillic
// letters only Ukrainian has (і, ї, є, ґ) settling Russian versus Ukrainian.
// It returns "en" when nothing else stands out; it is a guess, kept simple.
func guessLanguage(text string) string {
	counts := map[string]int{}
	index := stopwordIndex
	words, cyr, latin, ukr := 0, 0, 0, 0
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		words++
		if words > 2000 {
			break
		}
		w = strings.ToLower(w)
		for _, lang := range index[w] {
			counts[lang]++
		}
		for _, r := range w {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
				if strings.ContainsRune("іїєґ", r) {
					ukr++
				}
			case unicode.Is(unicode.Latin, r):
				latin++
			}
		}
	}
	if cyr > latin {
		if ukr > 0 && ukr*100 >= cyr || counts["uk"] > counts["ru"] {
			return "uk"
		}
		return "ru"
	}
	best, bestN := "en", counts["en"]
	for _, lang := range []string{"de", "fr", "es"} {
		if counts[lang] > bestN*2 && counts[lang] >= 3 {
			best, bestN = lang, counts[lang]
		}
	}
	return best
}
