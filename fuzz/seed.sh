#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs made from the pages in corpus/ (each page
# prefixed with the option bytes the targets read first), plus the hostile fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/extract corpus/c_abi
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
echo "seeded $(ls corpus/extract | wc -l) inputs per target"
