#!/usr/bin/env bash
# SIGKILL in mid-delivery, then restart on the same data dir: every follow-up delivered, doubles counted.
# Usage: bench/run-crash.sh [n=300] [killAtShare=0.3]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec java -Xmx256m -cp "$BENCH_CLASSPATH" com.referralloop.bench.CrashBench "$@"
