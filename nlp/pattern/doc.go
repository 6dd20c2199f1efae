// Package pattern matches dependency patterns over a parsed nlp.Doc: the
// engine that lets extraction state a claim shape once, in syntactic terms,
// instead of once per phrasing (issue 9; DESIGN §4, STYLE §4).
//
// The language follows Stanford's Semgrex, with Odin's habit of keeping each
// rule's test sentences beside it. A pattern is a node, a set of token
// constraints in braces, optionally named with =name, followed by relations
// to other nodes:
//
//	{lemma:found|establish|form}=trigger >obl:agent {}=founder [>nsubj:pass {}=group | <acl {}=group]
//
// Token constraints (separated by ";" inside the braces; {} matches any
// token):
//
//	lemma:a|b     the lemma is one of the alternatives
//	word:a|b      the surface form, compared without case
//	tag:NOUN|PROPN  the universal POS tag
//	rel:obl       the token's own relation to its head (a bare label also
//	              matches its subtypes: obl matches obl:tmod)
//	ent:ARMED_GROUP|ORG  the type of the mention that covers the token
//	KEY:@list     the value is in a named word list (see Set)
//	KEY:/re/      the value matches a regular expression (whole value)
//	!KEY:…        negates one constraint
//
// Relations, from the node before them:
//
//	>rel N    N is a child by rel (a bare label matches its subtypes;
//	          rel alternatives with |; > alone is any child)
//	<rel N    N is the head, and this node depends on it by rel
//	>> N      N is a descendant; << N  N is an ancestor
//	.. N      N comes later in the sentence; ,, N  N comes earlier
//	. N       N is the next token; , N  N is the previous token
//
// A relation prefixed with ? is optional (its names are bound when it
// matches), one prefixed with ! must not match. Relations after a node all
// start from that node; to continue from the node a relation reaches, put it
// in parentheses: >obl:agent ({}=founder >conj {}=cofounder). Alternatives
// are written [A | B], each a sequence of relations. A name used twice must
// bind the same token, and two names never bind one token.
//
// Matching starts at the first node, and a Set indexes its patterns by that
// node's lemmas (or, when it has none, by its tags), so a document costs one
// map lookup per token plus the work of the patterns whose anchor it is.
//
// Pattern files (ParseFile) hold word lists and patterns with their
// metadata and example sentences:
//
//	# comment
//	list group_noun: group militia faction movement
//
//	pattern founded_by/passive
//	  predicate founded_by
//	  match {lemma:found}=trigger >obl:agent {}=founder
//	        [>nsubj:pass {}=group | <acl {}=group]
//	  yes   Wagner, founded in 2014 by Dmitry Utkin, fights in Mali. => group=Wagner founder=Utkin
//	  no    The bodies were found by villagers.
//
// "match" lines continue on the indented lines that follow; other keys are
// kept as the pattern's metadata for the caller. Every "yes" sentence must
// match (and bind each named slot to a token whose text is one of the words
// given), and every "no" sentence must not: Examples hands them to a test
// that parses them with the real parser.
package pattern
