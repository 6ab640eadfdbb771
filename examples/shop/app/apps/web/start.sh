#!/bin/sh
# shop web: serves GET /version and GET / ("shop web <version> site=<site>") and
# GET /health ("ok") on 127.0.0.1:$WEB_PORT.
#
# The answers never change while the container runs, so they are written once as files and
# served by busybox httpd. (busybox httpd runs CGI only under /cgi-bin/ or by file suffix,
# so a CGI script could not answer /version or /health at those exact paths.)
# To make this instance fail its health check: docker exec <container> rm /www/health
set -eu
: "${SITE_ID:?SITE_ID must be set (from .env.<site>)}"
: "${WEB_PORT:?WEB_PORT must be set (from .env.<site>)}"

version=$(cat /app/VERSION)
mkdir -p /www
printf 'shop web %s site=%s\n' "$version" "$SITE_ID" > /www/version
cp /www/version /www/index.html
printf 'ok\n' > /www/health

echo "shop web $version site=$SITE_ID listening on 127.0.0.1:$WEB_PORT"
exec busybox httpd -f -p "127.0.0.1:$WEB_PORT" -h /www
