package resolve

import _ "embed"

//go:generate go run ./internal/gazgen -shared ../../shared/data -o gazetteer.bin.gz

// gazetteerData is the compact gazetteer derived by internal/gazgen from
// GeoNames (CC BY 4.0) and world-countries (ODbL 1.0); see that command's
// doc comment for the format.
//
//go:embed gazetteer.bin.gz
var gazetteerData []byte
