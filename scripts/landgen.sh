#!/usr/bin/env bash
# landgen.sh rebuilds web/land.bin.gz from the pinned npm package
# world-atlas (ISC; Natural Earth data, public domain): it packs the
# package into a temporary directory, checks the tarball against the
# registry's recorded integrity hash, and runs web/internal/landgen on
# countries-50m.json. Run by `go generate ./web/`; CI never runs it, the
# generated file is committed.
set -euo pipefail

PKG=world-atlas@2.0.2
INTEGRITY=sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "$PKG" >/dev/null)
tgz=("$tmp"/world-atlas-*.tgz)
got="sha512-$(openssl dgst -sha512 -binary "${tgz[0]}" | base64 | tr -d '\n')"
if [[ "$got" != "$INTEGRITY" ]]; then
	echo "landgen.sh: $PKG: integrity $got, want $INTEGRITY" >&2
	exit 1
fi
tar -xzf "${tgz[0]}" -C "$tmp" package/countries-50m.json

cd "$root"
go run ./web/internal/landgen -in "$tmp/package/countries-50m.json" -o web/land.bin.gz -tolerance 0.01 -unit 500
