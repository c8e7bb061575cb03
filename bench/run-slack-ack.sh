#!/usr/bin/env bash
# Slash-command acknowledgement latency: Referral Loop's /slack/events vs a bare Bolt app, same run.
# Usage: bench/run-slack-ack.sh [ratePerSecond=200] [secondsPerRound=10] [rounds=4] [serialRequestsPerApp=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" bench/SlackAckBench.java "$@"
