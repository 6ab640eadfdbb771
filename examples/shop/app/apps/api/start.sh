#!/bin/sh
# shop api: serves GET /version and GET / ("shop api <version> site=<site>") and
# GET /health ("ok") on 127.0.0.1:$API_PORT.
#
# The answers never change while the container runs, so they are written once as files and
# served by busybox httpd. (busybox httpd runs CGI only under /cgi-bin/ or by file suffix,
# so a CGI script could not answer /version or /health at those exact paths.)
# To make this instance fail its health check: docker exec <container> rm /www/health
set -eu
: "${SITE_ID:?SITE_ID must be set (from .env.<site>)}"
: "${API_PORT:?API_PORT must be set (from .env.<site>)}"

version=$(cat /app/VERSION)
mkdir -p /www
printf 'shop api %s site=%s\n' "$version" "$SITE_ID" > /www/version
cp /www/version /www/index.html
printf 'ok\n' > /www/health

echo "shop api $version site=$SITE_ID listening on 127.0.0.1:$API_PORT"
exec busybox httpd -f -p "127.0.0.1:$API_PORT" -h /www
