#!/usr/bin/env bash
# See bench/README.md. Usage: bench/run-data-scale.sh [sizes...=1000 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec java ${JAVA_OPTS:-} -Xmx1536m -cp "$BENCH_CLASSPATH" com.referralloop.bench.DataScaleBench "$@"
