#!/bin/sh
# The figures of docs/performance.md, "Ten million people (issue 17)", on one
# generated file (bench/scripts/scale_generate.sh): one person's lookups and
# the first skills page (example scale_lookups), the CSV export's rows/s and
# memory, the terminal app's first frame and a Global Admin's skills-tab
# session (peak memory), `admin check`, and `admin backup` (time, memory; the
# copy is deleted at once, and skipped unless the disk has the file's size
# free plus 5 GB). Each line says the load average and the time.
# Usage: bench/scripts/scale_measure.sh FILE N [WORKDIR]
# after `cargo build --release && cargo build --release -p certlink-bench
# --example scale_lookups`. Sign-ins add audit records to FILE.
set -eu
file=$1 people=$2 work=${3:-$(dirname "$file")}
bin=target/release/certlink
stamp() { echo "== $1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
timed() { /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KiB" "$@"; }

stamp lookups
nice -n 10 target/release/examples/scale_lookups "$file" "$people"

for run in 1 2 3; do
  stamp "export $run"
  CERTLINK_PASSWORD=certlink-demo timed "$bin" --db "$file" --as ada@contoso.com \
    --format csv report skills 2>"$work/export.err" | wc -l
  cat "$work/export.err"
done

stamp "first frame"
python3 bench/scripts/startup_to_first_frame.py "$bin" "$file" 20

stamp "skills tab session"
(cd "$work" && python3 "$OLDPWD/bench/scripts/tui_session_rss.py" --skills "$OLDPWD/$bin" "$file")
rm -f "$work"/skills-report-*.csv

stamp "admin check"
timed "$bin" --db "$file" admin check

size=$(stat -c %s "$file")
free=$(df -B1 --output=avail "$work" | tail -1)
if [ "$free" -gt $((size + 5000000000)) ]; then
  stamp "admin backup"
  timed "$bin" --db "$file" admin backup --to "$work/scale-backup.redb"
  ls -l "$work/scale-backup.redb"
  rm -f "$work/scale-backup.redb"
else
  stamp "admin backup skipped: $free bytes free for a $size-byte copy"
fi
stamp done
