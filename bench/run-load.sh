#!/usr/bin/env bash
# See bench/README.md. Usage: bench/run-load.sh [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec java ${JAVA_OPTS:-} -Xmx768m -cp "$BENCH_CLASSPATH" com.referralloop.bench.LoadBench "$@"
