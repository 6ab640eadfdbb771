#!/bin/sh
# shop smoke test: baton runs it once on the standby after a release's deploy (release.smoke,
# `compose run --rm smoke`), before anyone approves the switch. It asks this site's api for its
# version: the answer must be this image's version on this site. Exit 0 passes.
set -eu
: "${SITE_ID:?SITE_ID must be set (from .env.<site>)}"
: "${API_PORT:?API_PORT must be set (from .env.<site>)}"

expected="shop api $(cat /app/VERSION) site=$SITE_ID"
answer=$(wget -q -O- "http://127.0.0.1:$API_PORT/version")
echo "api on $SITE_ID answered: $answer"
if [ "$answer" != "$expected" ]; then
  echo "expected: $expected" >&2
  exit 1
fi
echo "smoke test passed"
