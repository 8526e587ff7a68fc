#!/usr/bin/env bash
# ./payonce bench: every benchmark of docs/BENCHMARKS.md in one go (10–15 minutes on 2 cores).
# Installs wrk and pgbench/psql from Debian when missing, builds the jar and the bench harness,
# then runs io.payonce.bench.Bench, which starts target/payonce.jar on a fresh embedded
# PostgreSQL, prints the figures and writes target/bench/results.md.
# Knobs: -Dbench.seconds=20 -Dbench.clients=16 -Dbench.pending=1000000 ... (see BenchConfig).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v wrk >/dev/null || missing+=(wrk)
{ command -v pgbench >/dev/null && command -v psql >/dev/null; } || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]} from Debian"
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${missing[@]}"
fi

properties=(); for arg in "$@"; do case "$arg" in -D*) properties+=("$arg") ;; *) echo "unknown argument: $arg (use -Dbench.name=value)" >&2; exit 2 ;; esac; done
mkdir -p target/bench
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt
exec java "${properties[@]}" -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" io.payonce.bench.Bench
