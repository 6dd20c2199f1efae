#!/usr/bin/env bash
# Installs Debian's Chromium for the web UI's browser tests when it is
# missing and we may (root, apt-get present). Never fails: without
# Chromium the browser tests skip and say why.
set -u
for b in chromium chromium-browser google-chrome; do
	command -v "$b" >/dev/null 2>&1 && exit 0
done
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "Chromium is not installed and cannot be installed here: the browser tests will be skipped" >&2
	exit 0
fi
echo "installing chromium for the browser tests"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/muster-chromium-install.log 2>&1; then
	echo "installing chromium failed (see /tmp/muster-chromium-install.log): the browser tests will be skipped" >&2
fi
exit 0
