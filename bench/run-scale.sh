#!/usr/bin/env bash
# See bench/README.md. Usage: bench/run-scale.sh [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec java -Xmx768m -cp "$BENCH_CLASSPATH" com.referralloop.bench.ScaleBench "$@"
