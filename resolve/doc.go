// Package resolve makes one entity of each real-world actor and puts every
// place on the map (issue 5). It has two halves.
//
// Resolution. Within a document, the extractor's resolver (package
// extract, the one stage ingest runs and `muster eval resolve` scores)
// links names, acronyms, surnames, descriptions and pronouns into entities;
// Resolve then merges those of one document that share a key. Across
// documents, Resolve matches a new document's entities against stored ones found
// through an Index by their Keys, incrementally, without reprocessing the
// store. Names are compared through keys built in layers: muster.NameKey;
// CleanName (quotes, articles, possessives, titles, "the Legion 'Freedom of
// Russia'" word order); OrderKey ("Ministry of Defence" = "Defence
// Ministry"); TranslitKey (Russian, Ukrainian and Belarusian romanisation
// variants and Cyrillic, documented in translit.go); AcronymKey and
// Initials; and the known-alias table aliases.tsv (UCDP actor names, country
// names and demonyms, and a hand-written table), which is the only source of
// synonyms. Every merge is explained by a Decision whose reasons an analyst
// can read, and analysts' merge/split Overrides beat every rule. The rule is
// that a wrong merge costs more than a missed one: no rule merges names by
// generic synonymy or by containment (Islamic State is not Islamic State
// Khorasan Province; a legion is not the brigade it belongs to).
//
// Events. ResolveEvents gives an incoming event the id of a stored one that
// tells the same happening (SameHappening: same kind, a shared place, dates
// that meet), found through an EventIndex.
//
// Geocoding. Place mentions are located against a compact gazetteer built
// from GeoNames and country data (the gazetteer, geocode, geofold and spot
// files of this package): coordinates, admin hierarchy, country, feature
// type and a precision code, disambiguated by the document's context.
package resolve
