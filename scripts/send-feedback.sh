#!/usr/bin/env bash
# Sends one survey answer to a running Referral Loop, signed the Standard Webhooks way, as a survey tool would.
# Usage: FEEDBACK_WEBHOOK_SECRET=whsec_... scripts/send-feedback.sh '{"responseId":"r-1","score":9,"email":"alice@acme.com"}' [url]
set -euo pipefail
body=${1:?give the JSON body as the first argument}
url=${2:-http://localhost:8080/webhooks/feedback}
secret=${FEEDBACK_WEBHOOK_SECRET:?set FEEDBACK_WEBHOOK_SECRET (whsec_<base64 key>)}
key_hex=$(printf '%s' "${secret#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \n')
id="msg_$(date +%s%N)"
ts=$(date +%s)
sig=$(printf '%s' "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
curl -sS -i -X POST "$url" -H 'Content-Type: application/json' \
  -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" --data-binary "$body"
echo
