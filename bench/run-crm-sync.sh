#!/usr/bin/env bash
# See bench/README.md. Usage: bench/run-crm-sync.sh [companies...=5000 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
export BENCH_APP_CLASSPATH="target/classes:$(cat target/bench.classpath)"
export BENCH_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
BENCH_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')"
export BENCH_COMMIT
echo "uptime: $(uptime)"
exec java ${JAVA_OPTS:-} -Xmx1g -cp "$BENCH_CLASSPATH" com.referralloop.bench.CrmSyncBench "$@"
