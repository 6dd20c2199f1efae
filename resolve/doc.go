// Package resolve makes one entity of each real-world actor and puts every
// place on the map (issue 5). It has two halves.
//
// Resolution. Within a document, Document clusters mentions into entities:
// names with one key, acronyms defined in brackets or spelled by initials,
// bare surnames of people named in full, and "the group"/"the legion" when
// exactly one compatible armed group precedes them. Across documents,
// Resolve matches a new document's entities against stored ones found
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
// Geocoding. Place mentions are located against a compact gazetteer built
// from GeoNames and country data (the gazetteer, geocode, geofold and spot
// files of this package): coordinates, admin hierarchy, country, feature
// type and a precision code, disambiguated by the document's context.
package resolve
