#!/usr/bin/env bash
# A local HubSpot stub and Slack fake to try the CRM connector by hand; prints the settings to start the bot
# with, then every call the bot makes to them. See docs/crm.md "Try it locally".
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/classpath.sh
exec java -cp "$BENCH_CLASSPATH" com.referralloop.crm.hubspot.CrmSandbox
