package extract

import "strings"

// Attribution kinds: the value of Attribution.Kind, named for the cue's
// meaning. Modality maps each to a muster.Modality.
const (
	KindSaid        = "said"         // neutral speech: said, told, added, wrote, announced, warned
	KindAccordingTo = "according_to" // according to X, citing X, per X
	KindReport      = "report"       // reported, reportedly, it was reported, X's reports
	KindClaim       = "claim"        // claimed, alleged, insisted, took responsibility
	KindDeny        = "deny"         // denied, rejected, dismissed, disputed
	KindEstimate    = "estimate"     // estimated, by some estimates, some estimates put
	KindBelief      = "belief"       // believe, think, suspect, fear, expect, hope
	KindEvidence    = "evidence"     // show, find, suggest, indicate, reveal (polls, documents)
	KindOther       = "other"        // a cue outside the lexicon (found by the model)
)

// cueLexicon maps inflected reporting, belief and claim verbs (and a few
// nouns and adverbs) to their kind. Built once by newCueLexicon; read only.
type cueLexicon map[string]string

// verbs lists lemmas by kind; regular forms are generated, irregular forms
// are listed as "lemma:form1,form2".
var cueVerbs = map[string]string{
	KindSaid: `say:says,said,saying tell:tells,told,telling write:writes,wrote,written,writing
add state note explain announce declare tweet post reply respond comment remark confirm
mention describe recall recount testify:testifies,testified,testifying ask:asks,asked,asking
warn caution hint:hints,hinted,hinting stress emphasize emphasise acknowledge admit:admits,admitted,admitting
conclude continue observe point:points,pointed,pointing report:reports,reported,reporting
urge call:calls,called,calling promise pledge vow predict suggest argue agree disclose reveal
insist:insists,insisted,insisting repeat reiterate indicate complain concede order demand
tell:tells,told,telling quote speak:speaks,spoke,spoken,speaking shout scream joke:jokes,joked,joking
answer:answers,answered,answering lament:laments,lamented,lamenting boast:boasts,boasted,boasting
threaten:threatens,threatened,threatening urge`,
	KindClaim: `claim allege assert contend maintain:maintains,maintained,maintaining accuse blame
insist:insists,insisted,insisting swear:swears,swore,sworn,swearing`,
	KindDeny: `deny:denies,denied,denying reject dismiss refute dispute rebut:rebuts,rebutted,rebutting
contradict`,
	KindEstimate: `estimate calculate reckon:reckons,reckoned,reckoning`,
	KindBelief: `believe think:thinks,thought,thinking suspect fear expect hope assume feel:feels,felt,feeling
know:knows,knew,known,knowing doubt worry:worries,worried,worrying wonder:wonders,wondered,wondering
consider guess:guesses,guessed,guessing imagine suppose understand:understands,understood,understanding
want:wants,wanted,wanting`,
	KindEvidence: `show:shows,showed,shown,showing find:finds,found,finding indicate
suggest:suggests,suggested,suggesting reveal demonstrate prove:proves,proved,proven,proving
conclude`,
	KindReport: `report:reports,reported,reporting publish:publishes,published,publishing`,
}

// cueWords are single words that are cues outside verb inflection.
var cueWords = map[string]string{
	"according": KindAccordingTo, "citing": KindAccordingTo, "cited": KindAccordingTo, "per": KindAccordingTo,
	"reportedly": KindReport, "allegedly": KindClaim, "purportedly": KindClaim, "supposedly": KindClaim,
	"estimates": KindEstimate, "estimated": KindEstimate, "estimate": KindEstimate,
	"statement": KindSaid, "spokesman": KindSaid, "spokeswoman": KindSaid, "spokesperson": KindSaid,
}

// newCueLexicon builds the lexicon. Later kinds in kindOrder win, so a verb
// listed under both said and claim ("insist") is a claim.
func newCueLexicon() cueLexicon {
	lex := cueLexicon{}
	kindOrder := []string{KindSaid, KindBelief, KindEvidence, KindReport, KindEstimate, KindClaim, KindDeny}
	for _, kind := range kindOrder {
		for _, item := range strings.Fields(cueVerbs[kind]) {
			lemma, forms, irregular := strings.Cut(item, ":")
			lex[lemma] = kind
			if irregular {
				for _, f := range strings.Split(forms, ",") {
					lex[f] = kind
				}
				continue
			}
			for _, f := range regularForms(lemma) {
				lex[f] = kind
			}
		}
	}
	for w, k := range cueWords {
		if _, ok := lex[w]; !ok || k == KindAccordingTo || k == KindEstimate {
			lex[w] = k
		}
	}
	return lex
}

// regularForms returns the -s, -ed and -ing forms of a regular English verb.
func regularForms(v string) []string {
	n := len(v)
	switch {
	case strings.HasSuffix(v, "e"):
		return []string{v + "s", v + "d", v[:n-1] + "ing"}
	case strings.HasSuffix(v, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(v[n-2])):
		return []string{v[:n-1] + "ies", v[:n-1] + "ied", v + "ing"}
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		return []string{v + "es", v + "ed", v + "ing"}
	}
	return []string{v + "s", v + "ed", v + "ing"}
}

// lexClass returns a small integer for a kind, used as a model feature.
func lexClass(kind string) byte {
	switch kind {
	case KindSaid:
		return 1
	case KindAccordingTo:
		return 2
	case KindReport:
		return 3
	case KindClaim:
		return 4
	case KindDeny:
		return 5
	case KindEstimate:
		return 6
	case KindBelief:
		return 7
	case KindEvidence:
		return 8
	}
	return 0
}

// Verb classes beyond the cue lexicon, for the cue tagger's features only
// (they do not set an Attribution's Kind). PolNeAR marks attitudes and
// intentions as attributions too ("Republicans seethed", "Trump plans to"),
// and a rare verb of such a class is a cue far more often than its words
// alone let the model learn from one train split.
const (
	classCriticise = 9 + iota
	classPraise
	classOppose
	classIntend
	classPerceive
	classFeel
	classSpeechNoun
)

var verbClassWords = map[byte]string{
	classCriticise: `criticize criticise slam blast attack condemn denounce lambaste mock ridicule rebuke chide
scold berate assail decry deride disparage insult bash fault question challenge accuse blame knock scoff lash
chastise castigate excoriate skewer pan needle taunt`,
	classPraise: `praise applaud hail welcome commend laud endorse back support champion defend tout celebrate
embrace credit thank congratulate salute cheer`,
	classOppose: `oppose object resist protest refuse decline boycott balk spurn snub shun veto`,
	classIntend: `plan intend aim seek propose vow pledge promise threaten decide choose opt agree
offer consider weigh mull push lobby campaign prepare`,
	classPerceive: `see hear learn discover notice realize realise recognize recognise read watch witness
sense detect perceive`,
	classFeel: `worry fear love hate like dislike prefer regret resent admire favor favour trust distrust
enjoy appreciate respect despise loathe detest seethe fume bristle bemoan lament mourn relish cherish`,
	classSpeechNoun: `statement remarks remark comment comments interview speech tweet tweets post letter memo
poll polls survey surveys study studies analysis claim claims allegation allegations accusation accusations
criticism complaint complaints argument view views opinion belief beliefs concern concerns warning warnings
proposal message rhetoric testimony rhetoric assertion assertions announcement pledge vow insistence
admission suggestion suggestions promise promises questions answer answers response responses`,
}

// verbClasses maps the inflected forms of verbClassWords' verbs (and the
// listed nouns) to their class; built once, read only.
var verbClasses = func() map[string]byte {
	m := map[string]byte{}
	// In class order, so that a word listed twice ("pledge", a verb and a
	// noun) always gets the later class.
	for class := byte(classCriticise); class <= classSpeechNoun; class++ {
		for _, w := range strings.Fields(verbClassWords[class]) {
			m[w] = class
			if class == classSpeechNoun {
				continue
			}
			for _, f := range regularForms(w) {
				m[f] = class
			}
		}
	}
	// Irregular past forms of the listed verbs.
	for f, lemma := range map[string]string{"saw": "see", "seen": "see", "heard": "hear", "learnt": "learn",
		"read": "read", "chose": "choose", "chosen": "choose", "sought": "seek", "fought": "fight"} {
		if c, ok := m[lemma]; ok {
			m[f] = c
		}
	}
	return m
}()
