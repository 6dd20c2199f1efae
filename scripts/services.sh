#!/usr/bin/env bash
# Starts the machine's PostgreSQL when it is installed and not answering, so
# that store tests run against a real server. Prints what it did.
set -u
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
	exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
	ver=$(ls /etc/postgresql | head -1)
	echo "starting PostgreSQL $ver"
	pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
	for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 0.5; done
fi
echo "PostgreSQL is not available: PostgreSQL store tests will be skipped" >&2
