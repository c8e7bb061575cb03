#!/usr/bin/env bash
# See bench/README.md. Usage: bench/run-crm-sync.sh [companies...=5000 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec java ${JAVA_OPTS:-} -Xmx1g -cp "$BENCH_CLASSPATH" com.referralloop.bench.CrmSyncBench "$@"
