#!/usr/bin/env bash
# Installs what DiploSim's tests need on a fresh Debian machine, runs every test,
# and ends with "N passed, N failed" counted from the TRX result files.
set -uo pipefail
cd "$(dirname "$0")"

# The cluster tests start their own redis-server.
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >/dev/null 2>&1 \
      || echo "test.sh: could not install redis-server" >&2
  else
    echo "test.sh: redis-server is missing; as root: apt-get update && apt-get install -y redis-server" >&2
  fi
fi

results=TestResults
rm -rf "$results"

# The browser tests drive Debian's Chromium; the server's build runs npm to build the web client.
# (Vite 7 needs Node 20.19 or later: Debian 12's nodejs is older, so a machine without npm needs a newer Node.)
for need in chromium:chromium npm:"nodejs npm"; do
  tool=${need%%:*}
  packages=${need#*:}
  if ! command -v "$tool" >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages; } >/dev/null 2>&1 \
      || echo "test.sh: could not install $packages" >&2
  fi
done

# One test project at a time (-m:1): the cluster tests time recoveries and deliveries against bounds, and the browser
# tests wait on a real Chromium; on a two-core machine, projects run side by side starve each other of both.
dotnet build DiploSim.sln --configuration Release
status=$?
if [ "$status" -eq 0 ]; then
  dotnet test DiploSim.sln --configuration Release --no-build -m:1 \
    --logger "trx" --logger "console;verbosity=minimal" \
    --results-directory "$results"
  status=$?
fi

# Docker's own parser of docker-compose.yml, where a compose plugin exists (the tests check the file against the
# Compose Specification's schema everywhere).
if docker compose version >/dev/null 2>&1; then
  if docker compose --file docker-compose.yml config --quiet; then
    echo "docker compose config: docker-compose.yml accepted"
  else
    echo "docker compose config: docker-compose.yml refused"
    status=1
  fi
else
  echo "docker compose config: not run (no compose plugin on this machine)"
fi

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any result was written: count it.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
