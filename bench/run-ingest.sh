#!/usr/bin/env bash
# Issue 2 ingest benchmark: loopback only, bounded (default 2000 webhooks per run).
# Usage: bench/run-ingest.sh [count=2000] [rate=200] [concurrency=8]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
exec java ${JAVA_OPTS:-} -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
  com.referralloop.bench.IngestBenchmark "$@"
