#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL for the audit-store tests, creates a throw-away role and
# database, and prints the connection string on stdout (everything else goes to stderr). Usage from .ci/run:
#   if NOTEGUARD_TEST_POSTGRES=$(bash tests/ci/start-postgres.sh); then export NOTEGUARD_TEST_POSTGRES; fi
# Needs root (apt-get, su postgres). Exits non-zero, printing nothing on stdout, when PostgreSQL cannot be started;
# the PostgreSQL tests then skip with a reason.
set -euo pipefail
exec 3>&1 1>&2

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "start-postgres: PostgreSQL is not installed and apt-get is not usable here" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "start-postgres: no PostgreSQL cluster found under /etc/postgresql" >&2
  exit 1
fi

port=${NOTEGUARD_PG_PORT:-5432}
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" {found=1} END {exit !found}'; then
  # The daemon must not inherit fd 3 (our stdout pipe), or the caller's $(...) would wait for it forever.
  pg_ctlcluster "$version" main start 3>&-
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p $port"; then
    break
  fi
  sleep 1
done

password=noteguard-ci
su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'noteguard') THEN
    CREATE ROLE noteguard LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SQL
if ! su postgres -c "psql -tA -p $port -c \"SELECT 1 FROM pg_database WHERE datname = 'noteguard_test'\"" | grep -q 1; then
  su postgres -c "createdb -p $port -O noteguard noteguard_test"
fi

echo "Host=127.0.0.1;Port=$port;Username=noteguard;Password=$password;Database=noteguard_test" >&3
