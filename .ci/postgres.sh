#!/usr/bin/env bash
# Start Debian's PostgreSQL cluster, create the test role and database, print their URL.
# Used by .ci/run (as root) so the store and durability tests also run on PostgreSQL.
set -euo pipefail
cd /tmp  # psql runs as the postgres user, who may not be able to read the checkout
version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {found = 1} END {exit !found}'; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true  # exit 2: already running
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"
for _ in $(seq 100); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.2
done
su postgres -c "psql -q -v ON_ERROR_STOP=1 -p $port" >/dev/null <<'SQL'
SELECT 'CREATE ROLE dl500 LOGIN PASSWORD ''dl500'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dl500')\gexec
SELECT 'CREATE DATABASE dl500_test OWNER dl500'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'dl500_test')\gexec
SQL
echo "postgresql://dl500:dl500@127.0.0.1:$port/dl500_test"
