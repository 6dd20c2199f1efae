package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// TestPredicateSentences gives each predicate the extractor knows a
// sentence of our own that states it (DESIGN §3: every predicate has a
// test sentence), and checks the claim's subject, object and source.
func TestPredicateSentences(t *testing.T) {
	tests := []struct {
		name, text string
		pred       muster.Predicate
		subject    string // substring of the subject's name
		object     string // substring of the object's words or entity name
		source     string // substring of attributed_to; "" for any
	}{
		{"alias from brackets", "The Northern Brigade (NB) crossed the river.", muster.PredAlias, "Northern Brigade", "NB", ""},
		{"alias of a long name with for the, of and and", "The Group for the Support of Islam and Muslims (JNIM) claimed the attack.", muster.PredAlias, "Group for the Support of Islam and Muslims", "JNIM", ""},
		{"size, estimated by analysts", "The Northern Brigade crossed the river. Analysts estimate the group has between 2,000 and 3,000 fighters.", muster.PredSize, "Northern Brigade", "2,000", "Analysts"},
		{"founded", "The Northern Brigade was formed in June 2021, its commanders said.", muster.PredFounded, "Northern Brigade", "2021-06", ""},
		{"founded by, fronted", "Set up in May 2014 by Ivan Petrov, the Northern Brigade now fights in the east.", muster.PredFoundedBy, "Northern Brigade", "Ivan Petrov", ""},
		{"led by", "The Northern Brigade, led by Ivan Petrov, held the bridge.", muster.PredLeader, "Northern Brigade", "Ivan Petrov", ""},
		{"commander, possessive title", "The Northern Brigade’s commander is Ivan Petrov.", muster.PredCommander, "Northern Brigade", "Ivan Petrov", ""},
		{"leader, name then title", "Northern Brigade leader Ivan Petrov spoke in Lviv.", muster.PredLeader, "Northern Brigade", "Ivan Petrov", ""},
		{"leader, apposition", "Ivan Petrov, the leader of the Northern Brigade, spoke in Lviv.", muster.PredLeader, "Northern Brigade", "Ivan Petrov", ""},
		{"founded, pronoun subject", "The Northern Brigade recruits exiles. It was formed in June 2021.", muster.PredFounded, "Northern Brigade", "2021-06", ""},
		{"commander, pronoun possessive", "The Northern Brigade recruits exiles. Its commander is Ivan Petrov.", muster.PredCommander, "Northern Brigade", "Ivan Petrov", ""},
		{"size, group has figure", "Ivan Petrov leads the Northern Brigade. He said the brigade has about 400 fighters.", muster.PredSize, "Northern Brigade", "about 400", "Ivan Petrov"},
		{"spokesperson", "Oleh Marchenko, a spokesman for the Northern Brigade, said the town was quiet.", muster.PredSpokesperson, "Northern Brigade", "Oleh Marchenko", ""},
		{"spokesperson, attributive", "A Northern Brigade spokesman, Oleh Marchenko, said the town was quiet.", muster.PredSpokesperson, "Northern Brigade", "Oleh Marchenko", ""},
		{"backed by", "The Northern Brigade is backed by the Sich Battalion, officials say.", muster.PredBackedBy, "Northern Brigade", "Sich Battalion", ""},
		{"denied by", "Rebels said the Northern Brigade fired mortar shells at a camp near Ostriv, Kharkiv region, on Monday, killing two. The Northern Brigade denied that it had fired on the camp.", muster.PredDeniedBy, "", "Northern Brigade", "Northern Brigade"},
		{"size, estimated", "By some estimates, there are about 900 fighters in the Northern Brigade.", muster.PredSize, "Northern Brigade", "about 900", "some estimates"},
		{"composed of", "The Northern Brigade is made up of volunteers from Belarus.", muster.PredComposedOf, "Northern Brigade", "volunteers from Belarus", ""},
		{"goal with a quoted phrase inside", "The Northern Brigade said its aim was to create a “buffer zone” along the river.", muster.PredGoal, "Northern Brigade", "create a “buffer zone” along the river", ""},
		{"composed of, a list of groups", "The Northern Alliance is made up of the Sich Battalion, the Wolf Brigade and the River Legion.", muster.PredComposedOf, "Northern Alliance", "Wolf Brigade", ""},
		{"ideology", "The Northern Brigade is a nationalist group made up of exiles.", muster.PredIdeology, "Northern Brigade", "nationalist", ""},
		{"goal", "The Northern Brigade is seeking to topple the government in Minsk.", muster.PredGoal, "Northern Brigade", "topple the government", ""},
		{"fights for", "The Northern Brigade has fought for Ukraine since 2022.", muster.PredFightsFor, "Northern Brigade", "Ukraine", ""},
		{"opposes", "The Northern Brigade is fighting against President Alexander Lukashenko.", muster.PredOpposes, "Northern Brigade", "Lukashenko", ""},
		{"ties", "Ivan Petrov had ties with a volunteer unit of Ukraine’s army, the Sich Battalion.", muster.PredTiesTo, "Ivan Petrov", "Sich Battalion", ""},
		{"ties, affiliated", "The Northern Brigade, which is affiliated with the Sich Battalion, held the bridge.", muster.PredTiesTo, "Northern Brigade", "Sich Battalion", ""},
		{"ties, possessive affiliate", "The Northern Brigade, the Sich Battalion's affiliate in the region, held the bridge.", muster.PredTiesTo, "Northern Brigade", "Sich Battalion", ""},
		{"part of", "Petrov once served in a volunteer unit of Ukraine’s army, the Sich Battalion.", muster.PredPartOf, "Sich Battalion", "Ukrainian Armed Forces", ""},
		{"designated", "The Northern Brigade crossed the border. Minsk calls the brigade terrorists in the pay of Kyiv.", muster.PredDesignatedAs, "", "terrorists", "Minsk"},
		{"pseudonym", "Ivan Petrov, who also goes by the pseudonym Ivan Sever, denied the report.", muster.PredPseudonym, "Ivan Petrov", "Ivan Sever", ""},
		{"call sign", "A fighter of the Northern Brigade who goes by the call sign Wolf spoke to reporters.", muster.PredCallSign, "Wolf", "Wolf", ""},
		{"citizenship and role", "Ivan Petrov is a Belarusian citizen and former paratrooper.", muster.PredCitizenship, "Ivan Petrov", "Belarus", ""},
		{"banned by", "The European Union banned Ivan Petrov in 2021, according to Reuters.", muster.PredBannedBy, "Ivan Petrov", "European Union", "Reuters"},
		{"sanctioned by", "Ivan Petrov was sanctioned by the European Union last year.", muster.PredSanctionedBy, "Ivan Petrov", "European Union", ""},
		{"claimed by", "The Northern Brigade claimed responsibility for a raid on Bryansk on Monday.", muster.PredClaimedBy, "", "Northern Brigade", "Northern Brigade"},
		{"killed, with source", "The Northern Brigade launched a raid into the Bryansk region on Monday. Regional officials said at least three civilians were killed.", muster.PredKilled, "", "[3, ∞)", "Regional officials"},
		{"wounded", "The Northern Brigade launched a raid into the Bryansk region on Monday, and five soldiers were wounded.", muster.PredWounded, "", "5", ""},
		{"captured", "The Northern Brigade launched a raid into the Bryansk region on Monday; two guards were captured.", muster.PredCaptured, "", "2", ""},
		{"occurred at", "The Northern Brigade launched a raid into the Bryansk region on Monday.", muster.PredOccurredAt, "", "Bryansk", ""},
		{"occurred on", "The Northern Brigade launched a raid into the Bryansk region on Monday.", muster.PredOccurredOn, "", "2023-05-22", ""},
		{"participant", "The Northern Brigade launched a raid into the Bryansk region on Monday.", muster.PredParticipant, "", "Northern Brigade", ""},
		{"allied with", "Alexander Lukashenko, a close ally of Vladimir Putin, said nothing.", muster.PredAlliedWith, "Lukashenko", "Vladimir Putin", ""},
		{"based in", "The Northern Brigade, based in Lviv, recruits exiles.", muster.PredBasedIn, "Northern Brigade", "Lviv", ""},
		{"active in", "The Northern Brigade operates in Donetsk and Luhansk.", muster.PredActiveIn, "Northern Brigade", "Donetsk", ""},
		{"leader, possessive pronoun of the clause's subject", "The Lion Brigade claimed the raid to avenge the death of their leader Ivan Petrov.", muster.PredLeader, "Lion Brigade", "Ivan Petrov", ""},
		{"ideology of the examples of a described class", "The delta has been ravaged by jihadist groups such as the Lion Brigade and the Sahel Vanguard.", muster.PredIdeology, "Sahel Vanguard", "jihadist", ""},
		{"opposes, both sides of clashes between", "Clashes between the Lion Brigade and the Kivu Liberation Front killed nine people.", muster.PredOpposes, "Kivu Liberation Front", "Lion Brigade", ""},
		{"designated, the designating body is the source", "The Lion Brigade, designated as a terrorist group by Mali, attacked the town.", muster.PredDesignatedAs, "Lion Brigade", "terrorist group", "Mali"},
		{"a description's name is no antecedent", "The Kivu Liberation Front, the former Lion Brigade branch, took the port. The group is led by Ivan Petrov.", muster.PredLeader, "Kivu Liberation Front", "Ivan Petrov", ""},
		{"a name the text calls a rebel group", "The Malian army said rebel groups such as Ansar Kivu and Jaish al-Nasr are led by Ivan Petrov.", muster.PredLeader, "Ansar Kivu", "Ivan Petrov", ""},
		{"founded, day and year apart", "The Kivu Liberation Front was established on March 3rd, 1962, after a long strike.", muster.PredFounded, "Kivu Liberation Front", "1962-03-03", ""},
		{"ties, hyphenated patron before descriptive words", "Iran-aligned Iraqi armed group Kataib Sahel warned on Sunday it would strike if Iran were attacked.", muster.PredAlliedWith, "Kataib Sahel", "Iran", ""},
		{"part of a coalition known by a name", "The Lion Brigade is part of a coalition of rebel groups known as the Kivu Liberation Front.", muster.PredPartOf, "Lion Brigade", "Kivu Liberation Front", ""},
		{"commander, a definite title that names its group earlier", "A drone strike killed a Lion Brigade commander near Gao. The commander, Omar Diallo, had survived an earlier attempt on his life.", muster.PredCommander, "Lion Brigade", "Omar Diallo", ""},
		{"part of a chain of nouns known by a name", "The Delta Battalion is part of a network of Iran-aligned militias known collectively as the \"Sahel Front\" - a loose alliance of armed factions.", muster.PredPartOf, "Delta Battalion", "Sahel Front", ""},
		{"an open question ends at but", "It is unclear whether the Northern Brigade took part, but it was founded in 2014.", muster.PredFounded, "Northern Brigade", "2014", ""},
		{"goal of a fronted description", "A rebel movement seeking an independent homeland, the Lion Brigade has fought the army since 2012.", muster.PredGoal, "Lion Brigade", "independent homeland", ""},
		{"backed by a patron named in apposition without a comma", "The Lion Brigade, which is backed by Mali's main partner the Kivu Liberation Front, took the port.", muster.PredBackedBy, "Lion Brigade", "Kivu Liberation Front", ""},
		{"part of the subject of a relative clause hung apart", "The rebels fought the Lion Brigade, which includes armed groups such as the Kivu Liberation Front.", muster.PredPartOf, "Kivu Liberation Front", "Lion Brigade", ""},
		{"part of, examples of groups in a coalition", "The rebels allied with militant groups in the Kivu Liberation Front, such as the Lion Brigade and the Delta Battalion.", muster.PredPartOf, "Lion Brigade", "Kivu Liberation Front", ""},
		{"backed, a state force with a demonym patron", "Turkey sent envoys to the Turkish-backed Syrian National Army on Monday.", muster.PredBackedBy, "Syrian National Army", "Turkey", ""},
		{"outcome", "The Northern Brigade launched a raid into the Bryansk region on Monday. Its commander claimed the raid was successful.", muster.PredOutcome, "", "successful", ""},
	}
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The shipped chain: segment, tagger, parser (the profile
			// patterns need the parse).
			d := parse(t, tt.text)
			r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire"})
			var seen []string
			for _, c := range r.Claims {
				obj := c.Object.String() + " " + c.Object.Text
				seen = append(seen, string(c.Predicate)+":"+c.Subject.Name+"→"+obj)
				if c.Predicate != tt.pred || !strings.Contains(c.Subject.Name, tt.subject) || !strings.Contains(obj, tt.object) {
					continue
				}
				if tt.source != "" && !strings.Contains(c.AttributedTo.Name, tt.source) {
					t.Errorf("%s: attributed to %q, want %q", tt.pred, c.AttributedTo.Name, tt.source)
				}
				if err := extract.Check(tt.text, []muster.Claim{c}, nil); err != nil {
					t.Error(err)
				}
				return
			}
			t.Errorf("no %s claim with subject %q and object %q in %q; claims: %v", tt.pred, tt.subject, tt.object, tt.text, seen)
		})
	}
}

// TestNoClaimSentences holds sentences that must not give a claim of a
// predicate: the guards of the rules above.
func TestNoClaimSentences(t *testing.T) {
	tests := []struct {
		name, text string
		pred       muster.Predicate
	}{
		{"dummy it", "The Northern Brigade recruits exiles. It is unclear whether it was formed in 2021.", muster.PredFounded},
		{"not known if", "The Northern Brigade recruits exiles. It was not immediately known if the brigade was founded in 2021.", muster.PredFounded},
		{"would not say whether", "The Northern Brigade recruits exiles. Officials would not say whether the brigade was set up in 2021.", muster.PredFounded},
		// (Seven sentences, so that it reads as a story, not a short report.)
		{"a war's toll is no incident", "Talks resumed in Geneva. The envoy met both delegations. Aid agencies asked for access. Prices rose in the capital. Schools stayed closed. " +
			"The fighting near the village of Ostriv has forced more than 20,000 people to flee since March 3, the United Nations said. The envoy left on Friday.", muster.PredOccurredAt},
		{"it after two groups", "The Northern Brigade and the Southern Legion met in Lviv. Its commander is Ivan Petrov.", muster.PredCommander},
		{"a country's official is no group leader", "Russia’s chief negotiator Vladimir Medinsky arrived in Istanbul.", muster.PredLeader},
		{"a bare head word is no group", "Brigade commander Ivan Petrov denied the report.", muster.PredCommander},
		{"allegiance is no battle", "The Northern Brigade is a unit of exiles fighting for Ukraine. Ivan Petrov denied the report on Monday.", muster.PredOccurredOn},
		{"a dateline's agency is no acronym", "KYIV, Ukraine (AP) — Officials met on Monday.", muster.PredAlias},
		{"captured towns are no captives", "The Northern Brigade said on Monday it had captured the town of Ostriv and at least 14 villages.", muster.PredCaptured},
		{"founded, then led", "The Northern Brigade was founded in 2009 and is led by Ivan Petrov.", muster.PredFoundedBy},
	}
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The shipped chain: segment, tagger, parser (the profile
			// patterns need the parse).
			d := parse(t, tt.text)
			r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire"})
			for _, c := range r.Claims {
				if c.Predicate == tt.pred {
					t.Errorf("%q gave %s: %s → %s (%q)", tt.text, c.Predicate, c.Subject.Name, c.Object.String(), c.Evidence[0].Quote)
				}
			}
		})
	}
}

// TestLocalDisclaimer: "…, a figure that could not be independently
// verified" disclaims its own sentence's figure, not the figures other
// sources gave before it.
func TestLocalDisclaimer(t *testing.T) {
	text := "Artillery hit the village of Ostriv on Monday. Two soldiers were killed, according to the district governor. " +
		"The Defence Ministry claimed that more than 40 enemy fighters had been killed, a figure that could not be independently verified."
	d := nlp.NewDoc(text)
	segment.Segment(d)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	got := map[string]muster.Modality{}
	for _, c := range r.Claims {
		if c.Predicate == muster.PredKilled {
			got[c.AttributedTo.Name] = c.Modality
		}
	}
	want := map[string]muster.Modality{"the district governor": muster.Reported, "Defence Ministry": muster.Unverified}
	for src, m := range want {
		if got[src] != m {
			t.Errorf("killed per %s: modality %q, want %q (all: %v)", src, got[src], m, got)
		}
	}
}

// TestSourceScope: a source speaks for its own sentence (and its own
// quotation), never for the sentence after it (issue 11: a security
// service's statement about one plot became the source of who attacked a
// concert hall).
func TestSourceScope(t *testing.T) {
	tests := []struct {
		name, text, subject string
		pred                muster.Predicate
		notSource           string
	}{
		{"a statement does not reach the next sentence",
			"The security service said on Thursday that it had foiled a plot against a synagogue, adding that the suspects were members of the Lion Brigade and had planned it for weeks. The Lion Brigade is led by Omar Diallo.",
			"Lion Brigade", muster.PredLeader, "security service"},
		{"nor does a report",
			"Officials reported that the Northern Brigade had withdrawn from the town of Ostriv, which it had held for three weeks, and that its fighters had crossed back over the river. The Northern Brigade was founded in 2014.",
			"Northern Brigade", muster.PredFounded, "Officials"},
	}
	pub := time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.text)
			r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire"})
			found := false
			for _, c := range r.Claims {
				if c.Predicate != tt.pred || !strings.Contains(c.Subject.Name, tt.subject) {
					continue
				}
				found = true
				if strings.Contains(c.AttributedTo.Name, tt.notSource) {
					t.Errorf("%s(%s) attributed to %q, a source of the sentence before", c.Predicate, c.Subject.Name, c.AttributedTo.Name)
				}
			}
			if !found {
				t.Errorf("no %s claim about %s in %q", tt.pred, tt.subject, tt.text)
			}
		})
	}
}
