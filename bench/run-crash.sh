#!/usr/bin/env bash
# SIGKILL in mid-delivery, then restart on the same data dir: every follow-up delivered, doubles counted.
# Usage: bench/run-crash.sh [n=300] [killAtShare=0.3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
export BENCH_APP_CLASSPATH="target/classes:$(cat target/bench.classpath)"
export BENCH_CLASSPATH="target/classes:target/test-classes:$(cat target/bench.classpath)"
exec java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" com.referralloop.bench.CrashBench "$@"
