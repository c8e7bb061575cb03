#!/usr/bin/env bash
# See bench/README.md. Usage: bench/run-scale.sh [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
export BENCH_APP_CLASSPATH="target/classes:$(cat target/bench.classpath)"
export BENCH_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
exec java -Xmx768m -cp "$BENCH_CLASSPATH" com.referralloop.bench.ScaleBench "$@"
