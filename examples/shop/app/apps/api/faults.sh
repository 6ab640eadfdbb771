#!/bin/sh
# shop api, faulty build only (start.sh runs this when /app/FAULTS exists): GET / answers
# $1 percent of requests with 500, and GET /metrics counts them for Prometheus.
#
# Each request appends one byte to a counter file (appends of one byte do not interleave);
# request n fails when n * percent / 100 passes a whole number, so the failures are spread
# evenly (25: every 4th request) and the share is exact over every hundred requests. A loop rewrites /www/metrics every second (written aside, then renamed).
set -eu
percent=$1
counts=/var/run/shop
mkdir -p /www/cgi-bin "$counts"
: > "$counts/requests"
: > "$counts/errors"

# The CGI forks nothing (read and printf are shell builtins): httpd already forks once per request.
# Its headers are those httpd sends with a file: Connection: close (httpd closes after each
# answer; without the header nginx would reuse the closed upstream connection and answer 502),
# and Content-Length (without it nginx answers its HTTP/1.1 clients chunked, which baton's load
# generator, dev.baton.load, does not decode).
cat > /www/cgi-bin/index.cgi <<CGI
#!/bin/sh
printf . >> $counts/requests
read -r dots < $counts/requests || true
n=\${#dots}
if [ \$((n * $percent / 100)) -gt \$(((n - 1) * $percent / 100)) ]; then
  printf . >> $counts/errors
  body='shop api failed (faulty build)'
  printf 'Status: 500 Internal Server Error\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s\n' \$((\${#body} + 1)) "\$body"
  exit 1
fi
read -r version < /www/version
printf 'Connection: close\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s\n' \$((\${#version} + 1)) "\$version"
CGI
chmod +x /www/cgi-bin/index.cgi

(
  while true; do
    printf '# TYPE shop_api_requests_total counter\nshop_api_requests_total{site="%s"} %d\n# TYPE shop_api_errors_total counter\nshop_api_errors_total{site="%s"} %d\n' \
      "$SITE_ID" "$(wc -c < "$counts/requests")" "$SITE_ID" "$(wc -c < "$counts/errors")" \
      > /www/metrics.tmp
    mv /www/metrics.tmp /www/metrics
    sleep 1
  done
) &
echo "shop api: faulty build, GET / fails $percent% of requests; counts on GET /metrics"
