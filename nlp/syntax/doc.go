// Package syntax is muster's syntactic layer: the nlp.Annotator "syntax"
// gives every token of every sentence its universal part-of-speech tag,
// its lemma, and its head and relation in a Universal Dependencies v2
// tree, over segment's tokens — one set of tokens and sentences through
// the whole pipeline. Extraction rules are then written as patterns over
// subjects, objects, agents, obliques, appositions and relative clauses
// instead of phrase by phrase.
//
// # Design
//
// Three small linear models, pure Go, trained on UD English-EWT and
// embedded (model.bin.gz):
//
//   - A greedy left-to-right tagger, an averaged perceptron (Collins 2002)
//     over hashed features in the style of Honnibal's "part-of-speech
//     tagger in 200 lines": the lower-cased word, its suffixes of one to
//     four characters and prefixes of one and two, its shape, the part
//     after its last inner hyphen, the two words on each side, the two
//     previous predicted tags, and word clusters. Its classes are the 17
//     UPOS tags. (It can instead predict the treebank's frequent UPOS|XPOS
//     pairs, "VERB|VBN" apart from "VERB|VBD", for the parser to read —
//     trainer flag -xpos-min — but on dev that scored lower, UAS 83.47
//     against 84.00 after three epochs, and made tagging four times
//     dearer.)
//   - Word clusters at 64 and 512 classes, learned with the tagger's
//     exchange algorithm (nlp/tagger.WordClusters) from the Ukraine-war
//     news, the 2014 news-bias articles, PolNeAR train and the EWT train
//     words, all lower-cased: they let both models generalise from the
//     web text of EWT to the names and words of war news (Koo et al. 2008
//     for parsing).
//   - A transition-based dependency parser, arc-hybrid (Kuhlmann et al.
//     2011) with the root at the end of the buffer (Ballesteros & Nivre
//     2013), which guarantees one root per sentence and a tree over every
//     token. The transition model is an averaged perceptron over 88
//     feature templates after Zhang & Nivre (2011): words and tags of the
//     top three stack and buffer items and of the leftmost and rightmost
//     children, their pairs and triples, distances, valencies and the
//     labels already assigned, word clusters, and whether a token is
//     hyphenated. A second perceptron picks the relation of each arc from
//     32 of those templates rehashed with the arc's direction; splitting
//     the label from the transition keeps the per-token work small (three
//     scores per transition, a label only per arc).
//   - It is trained with the dynamic oracle of Goldberg & Nivre (2012,
//     2013): after the first epoch the parser follows its own (possibly
//     wrong) transition nine times in ten and is taught the best action
//     still reachable from there, so it learns to recover from its own
//     mistakes instead of only from perfect histories. Non-projective gold
//     trees need no projectivisation: the oracle's costs count the gold
//     arcs each transition makes unreachable.
//   - The trainer can average several parsers into one (TrainOptions.Mix,
//     trainer flag -mix): each is trained on its own shuffled order with
//     its own exploration draws, and their averaged weights are averaged
//     (one-shot parameter mixing, McDonald et al. 2010). The models are
//     linear over the same hashed features, so the mixed model scores
//     every configuration as the sum of the ensemble's scores, at no cost
//     at run time; training takes one parser run per member. The embedded
//     model is not mixed yet (see Figures).
//   - The parser reads tags predicted by the tagger, jackknifed on the
//     training set (each of four folds tagged by a tagger that never saw
//     it), so that at run time it is not fooled by tagging errors it never
//     met in training.
//   - Lemmas come from the treebank: a table of (lower-cased form, tag) →
//     lemma for the forms that the suffix rules would get wrong, and for
//     every other form the longest suffix rule learned for its tag from
//     the treebank's word types ("-ies" NOUN → "-y", "-ed" VERB → ""), a
//     suffix of more than zero characters counting only when three or more
//     types show it. A longest rule whose lemma is no word the model knows
//     (its cluster vocabulary) gives way to the longest shorter one whose
//     lemma is: "raided" is "raid", not the "raide" of "decided"'s rule,
//     "shelled" "shell", not the "shel" of "cancelled"'s. Lemmas are
//     lower-cased except for proper nouns, which keep their form.
//
// Two shortcuts keep it fast without changing what it learns: a tag
// dictionary (frequent words the training data tags one way at least 99%
// of 20 or more times are tagged without scoring), and the label model
// choosing only among the labels the treebank shows for an arc between
// the two tags in that direction (a determiner's dependent is never
// nsubj).
//
// Features are hashed (FNV-1a and a multiply-xorshift mix, so a model
// means the same in every process) into flat tables of int16 weights
// (averaged float weights quantised with one scale per table): no feature
// strings, no map lookups in the scoring loop, half the cache of float32.
// A linear model with a greedy decoder is the design that runs at
// hundreds of thousands of tokens per second on one core in pure Go; the
// neural parsers that score higher (Stanza, UDPipe 2, spaCy's
// transformer pipeline) need matrix libraries and far more time per
// token, which the firehose cannot pay.
//
// # Tokenisation bridge
//
// segment keeps hyphenated words whole ("U.S.-backed", "Iran-aligned")
// and contractions whole ("don't"), while UD EWT splits both (U.S. - backed;
// do n't). The model is trained on both tokenisations: the treebank's
// sentences as released, plus each training sentence whose tokens segment
// would cut differently, re-tokenised by segment and projected by byte
// offsets (Project): a token that covers several gold words becomes one
// word with the tag, relation and head of the word in it whose head lies
// outside it ("U.S.-backed" is the amod "backed", tagged ADJ as a compound
// adjective; "don't" the aux "do"),
// its lemma the text before that word plus the word's lemma
// ("u.s.-back"); words depending on any part depend on the token; a word
// that segment splits keeps its annotation on the first piece, the
// others attaching to it as goeswith. Both tagger and parser also see, for
// a hyphenated token, the part after the last hyphen as a feature of its
// own ("backed", "aligned", "linked"), since an English compound behaves
// like its last part, and the parser sees whether a token is hyphenated
// (a hyphenated participle is an attribute far more often than a verb). So the parser runs on segment's tokens as they are,
// with no second tokeniser and no re-merging of its output.
//
// # Casing
//
// Headlines and wire copy (MUC-4 is all capitals) arrive upper-cased. The
// word features are case-free (lower-cased form, suffixes, prefixes); the
// only cased features are the shape and the first-word shape, and they
// are combined with a flag that says the sentence is in capitals (most of
// its words have no lower-case letter). The tagger's training set holds an
// upper-cased copy of every sentence, so it learns what a word in capitals
// looks like; the parser reads no case at all except through the tags,
// and learns from the mixed-case sentences only (when it was tried with
// the upper-cased copies too, it scored the same on dev, 80.57 against
// 80.54 LAS, and took twice as long to train). No truecaser is needed:
// with the embedded model, EWT dev LAS is 79.96 on the text as written
// and 79.97 upper-cased (muster eval parse FILE prints both).
//
// # Figures
//
// The embedded model is the one make model-syntax builds from this
// repository (EWT train with its segment-tokenised and upper-cased copies,
// and nlp/syntax/treebank/train.conllu five times): sha256
// 9dddf8d056eb30dd6b3edfc5e039e3a7c3868cd67864128d383d616f8c8f56bc, in
// about 190 s on two shared cores; the same data and flags give the same
// bytes (issue 9). EWT dev (muster eval parse FILE): UPOS 94.79, UAS 83.47,
// LAS 79.96; upper-cased 94.16, 83.49, 79.97; on segment's tokens F1
// 88.22, 76.87, 73.70; the treebank's held-out part UPOS 99.55, LAS 95.79.
// Decoding never labels a word obl:agent unless it has its "by" (a
// passive agent always does in UD; model.go, label). The figures below
// are those of the models before it, kept for the comparisons they
// record; EWT test was not run on this one.
//
// EWT test, gold tokens (muster eval parse), the model embedded before
// (sha256 0e058ab4): UPOS 95.20, UAS 84.08, LAS
// 80.85; upper-cased 94.52, 83.90, 80.58; on segment's tokens, aligned by
// offsets, F1 88.43, 77.27, 74.36 (EWT's web text — URLs, e-mail
// addresses, "!!!" — and the contractions segment keeps whole account for
// most of the gap). The floors issue 9 set for UAS (86) and LAS (83) are
// not reached: this is UDPipe 1's class of accuracy, not Stanza's.
//
// EWT dev (muster eval parse FILE), the model embedded before: UPOS
// 94.79, UAS 83.79, LAS 80.17. With the gold tags given to it the same parser
// reaches UAS 86.26, LAS 84.25: tagging errors cost 2.5 UAS and 4 LAS,
// so a better tagger is the lever. Tried on dev and not kept (make model-syntax, one run each; two
// runs of one setting differ by up to 0.3 UAS):
//
//   - a transition table of 2^22 rows (-parse-bits 22): UAS 84.10, LAS
//     80.42, upper-cased 83.88, 80.19, model 9.2 MB, but the parser about
//     a quarter slower, and four of extract's pattern examples parse
//     otherwise (TestPatternExamples, TestPredicateSentences fail;
//     news_armed_groups dev claims 0.444/0.160 fall to 0.435/0.152): it
//     waits for those patterns to be checked against it;
//   - Zhang & Nivre's label-set features (the labels of s0's and b0's
//     children as sets, with their word and tag), the second children's
//     words, s0-b0 words with the distance: +0.06 to +0.16 UAS, within
//     the spread between runs, for 12% more lookups;
//   - a tagger without the upper-cased copies, or with weights of its own
//     for sentences in capitals: UPOS +0.16 to +0.35, yet UAS 0.2 to 0.4
//     lower in three runs out of three; a tagger table of 2^20 rows
//     (UPOS +0.08); 12 tagger epochs (UPOS -0.07);
//   - the tagger's runner-up tag as parser features (s0, s1, b0, b1, and
//     s0-b0 with their tags): UAS +0.35 with seed 1, -0.34 with seed 2
//     (83.43 against 83.77): noise;
//   - the last three letters of s0, b0, b1 as parser features: UAS 83.88
//     against 83.97 without them;
//   - ambiguity classes for the tagger (the set of tags the treebank gives
//     a word seen 5 times or more, for the word and its neighbours): UPOS
//     94.81 against 94.89; nine more tagger templates (prefix of three,
//     word pairs, neighbours' last letter and clusters, t2-t1-w): 94.85,
//     94.95 with a 2^20 table; the mean of two taggers' weights: 94.85.
//
// Before the in-domain treebank: make model-syntax on main gave other bytes than the
// embedded model since segment began to keep "p.m." and "e.g." whole (the
// projected training sentences changed; two runs give the same bytes, sha256
// d9af8e2e…): EWT dev UPOS 94.89, UAS 83.62, LAS 80.10. The same with four
// parsers mixed and a 2^16-row label table (trainer -mix 4 -label-bits 16;
// label tables of 2^16, 2^17 and 2^19 rows score alike) gives UAS 84.01,
// LAS 80.42, upper-cased 84.02, 80.38, segment-aligned LAS F1 74.00; its
// four members alone 83.83, 84.00, 83.82, 83.79 UAS, and a mix of two
// 83.95 against 83.62 and 83.73; it parses as fast (CPU time per token
// within 6% of the embedded model's, the smaller label table included).
// On EWT test, run once, it is no better than the embedded model: UPOS
// 95.09, UAS 84.05, LAS 80.81, upper-cased 94.53, 83.98, 80.77 (the
// embedded model: 95.20, 84.08, 80.85; 94.52, 83.90, 80.58), so the dev
// gain over the plain retrain is a gain over that run's luck, not over
// the model we have. Either model changes extraction: with
// the mixed one TestPredicateSentences (10 cases), TestPatternExamples,
// TestBreadthGold (2 stories) and TestExamplesGolden (2 examples) fail
// and news_armed_groups dev claims fall from P 0.668/R 0.355 to
// 0.661/0.315 (the plain retrain: 0.635/0.302). The extraction rules fit
// the parses of this one model; they must be checked against a retrained
// one before it is embedded.
//
// Checked again after the rules were made to accept either parse where the
// retrained one is right or a plausible alternative (six patterns; the
// rest of its differences on our own sentences are wrong tags and trees:
// "claimed" an amod of "responsibility", "Lion" a common noun in "the
// Lion Brigade", "commands" and "consists" nouns): with the plain retrain
// (d9af8e2e…) dev claims are 0.627/0.310 against 0.688/0.367, relations
// 0.636/0.159 against 0.844/0.307, seed recall 0.879 (floor 0.90); with
// -seed 2 (dev UPOS 94.86, UAS 83.77, LAS 80.20) 0.678/0.323 and seed
// recall 0.862. Neither is embedded.
//
// # Training
//
// internal/trainer (make model, scripts/model.sh) reads
// ../shared/data/ud_english_ewt, builds the projected and upper-cased
// copies, trains and writes model.bin.gz. Every source of order is fixed
// (PCG streams seeded from TrainOptions.Seed, sorted label sets and lemma
// tables, no map iteration into the output), so the same data and flags
// give the same bytes. Training never runs in make test; tests use the
// embedded model.
//
// Data: Universal Dependencies English Web Treebank (Silveira et al.
// 2014), CC BY-SA 4.0.
package syntax
