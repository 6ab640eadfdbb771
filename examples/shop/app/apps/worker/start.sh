#!/bin/sh
# shop worker: stands in for a queue consumer; writes one heartbeat line a second to stdout
# (docker logs), so it is easy to see on which site it runs.
set -eu
: "${SITE_ID:?SITE_ID must be set (from .env.<site>)}"
version=$(cat /app/VERSION)
echo "shop worker $version site=$SITE_ID started"
while :; do
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) shop worker $version site=$SITE_ID heartbeat"
  sleep 1
done
