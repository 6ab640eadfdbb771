#!/bin/sh
# shop api: serves GET /version and GET / ("shop api <version> site=<site>") and
# GET /health ("ok") on 127.0.0.1:$API_PORT.
#
# The answers never change while the container runs, so they are written once as files and
# served by busybox httpd. (busybox httpd runs CGI only under /cgi-bin/ or by file suffix,
# so a CGI script could not answer /version or /health at those exact paths.)
# To make this instance fail its health check: docker exec <container> rm /www/health
#
# A faulty build (the tag v3-faulty that scripts/env makes) has a file FAULTS holding a
# percentage: its GET / is then the CGI cgi-bin/index.cgi (httpd's fallback for a directory
# without index.html), which answers that share of requests with 500, and GET /metrics
# serves its counts in Prometheus' text format (shop_api_requests_total,
# shop_api_errors_total), refreshed every second. /version and /health stay as above, so
# the faulty build passes its health checks and smoke tests and fails only on real traffic.
set -eu
: "${SITE_ID:?SITE_ID must be set (from .env.<site>)}"
: "${API_PORT:?API_PORT must be set (from .env.<site>)}"

version=$(cat /app/VERSION)
mkdir -p /www
printf 'shop api %s site=%s\n' "$version" "$SITE_ID" > /www/version
printf 'ok\n' > /www/health
if [ -f /app/FAULTS ]; then
  sh /app/faults.sh "$(cat /app/FAULTS)"
else
  cp /www/version /www/index.html
fi

echo "shop api $version site=$SITE_ID listening on 127.0.0.1:$API_PORT"
exec busybox httpd -f -p "127.0.0.1:$API_PORT" -h /www
