#!/bin/sh
# Generates a sandbox of N people and prints what docs/performance.md
# ("Ten million people (issue 17)") reports for it: the load average and time
# before and after, wall time, CPU, max RSS and the file's size.
# Usage: bench/scripts/scale_generate.sh CERTLINK_BINARY FILE N
# (release build: cargo build --release). FILE must not exist; a 10M file
# needs ~30 GB of free disk (check `df -h` first).
set -eu
bin=$1 file=$2 people=$3
echo "start $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 10 /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KiB" \
  "$bin" --db "$file" --now 2026-11-23T12:00:00Z demo --people "$people" --format json \
  2>&1 >/dev/null | grep -E "Generated|compacted|wall"
echo "end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file $(stat -c %s "$file") bytes ($(du -h "$file" | cut -f1) on disk)"
