#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs made from the pages in corpus/ (each page
# prefixed with the option bytes the targets read first), plus the hostile fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/c_abi corpus/warc
i=0
for f in ../corpus/*/pages/*.html.gz; do
  i=$((i + 1))
  # every third page, so the seed set stays small
  [ $((i % 3)) -eq 0 ] || continue
  name=$(basename "$f" .html.gz)
  { printf "$(printf '\\x%02x\\x%02x' $((i % 256)) $(((i * 7) % 128)))"; gzip -dc "$f"; } > "corpus/extract/$name"
  { printf "$(printf '\\x%02x' $((i % 256)))\\x00\\x00"; gzip -dc "$f"; } > "corpus/c_abi/$name"
done
for f in ../tests/fixtures/*.html; do
  name=fixture-$(basename "$f" .html)
  { printf '\x00\x00'; cat "$f"; } > "corpus/extract/$name"
  { printf '\x00\x00\x00'; cat "$f"; } > "corpus/c_abi/$name"
done
# WARC seeds: one response record each for the first five corpus pages (cut to 20 kB)
n=0
for f in ../corpus/scrapinghub/pages/*.html.gz; do
  n=$((n + 1)); [ $n -le 5 ] || break
  page=$(mktemp); body=$(mktemp)
  gzip -dc "$f" > "$page"
  { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'; head -c 20000 "$page"; } > "$body"
  { printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/%d\r\nContent-Length: %d\r\n\r\n' $n "$(wc -c < "$body")"; cat "$body"; printf '\r\n\r\n'; } > "corpus/warc/page-$n.warc"
  rm -f "$page" "$body"
done
echo "seeded $(ls corpus/extract | wc -l) inputs per target"
