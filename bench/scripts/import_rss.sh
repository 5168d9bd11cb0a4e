#!/bin/bash
# Peak memory of a large `import -` (issue 13 part 1): writes SIZE_MB of JSON
# Lines learning records for the demo's certification profiles (MCIDs
# 10000001-10000011; half are held certifications, half failed exams), imports
# them on standard input as the operator under /usr/bin/time -v, and prints the
# maximum resident set size and the elapsed time. A second run imports the
# same file again (every row already present).
# usage: bench/scripts/import_rss.sh CERTLINK_BINARY [SIZE_MB]
set -eu
BIN=$1; SIZE_MB=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NOW=2026-11-23T12:00:00Z
"$BIN" --db "$work/demo.redb" --now "$NOW" demo >/dev/null
python3 - "$work/records.jsonl" "$SIZE_MB" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2]) * 1000 * 1000
with open(path, "w") as f:
    i = written = 0
    while written < size:
        mcid = 10000001 + i % 11
        if i % 2:
            line = '{"mcid": %d, "kind": "exam", "skill_id": "EX-%d", "name": "Generated exam %d", "date": "2026-01-01", "passed": false}\n' % (mcid, i, i)
        else:
            line = '{"mcid": %d, "kind": "certification", "skill_id": "cert-%d", "name": "Generated certification %d", "date": "2026-01-01"}\n' % (mcid, i, i)
        f.write(line)
        written += len(line)
        i += 1
    print(f"{written} bytes, {i} rows", file=sys.stderr)
PY
for run in first again; do
  /usr/bin/time -v "$BIN" --db "$work/demo.redb" --now "2026-11-23T12:0$([ $run = first ] && echo 1 || echo 2):00Z" \
      import - <"$work/records.jsonl" >"$work/out.txt" 2>"$work/time.txt" || { cat "$work/time.txt"; exit 1; }
  echo "$run: $(cat "$work/out.txt" | tr -d '\n')"
  grep -E "Maximum resident|Elapsed" "$work/time.txt"
done
ls -l "$work/demo.redb" | awk '{print "database file: " $5 " bytes"}'
