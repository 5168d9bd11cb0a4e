#!/usr/bin/env bash
# Build times of the test suite (docs/performance.md, "Build and test times"):
# a cold build of every test target, then a one-line edit (a message string) in
# a terminal-app file and in a domain file, each timed as `cargo test --no-run`
# with the crates and test binaries it rebuilt. Run it on a fresh clone with an
# empty target directory, on an otherwise idle machine:
#
#   git clone . /tmp/certlink-build && cd /tmp/certlink-build && bash bench/scripts/build_times.sh
#
# Edits are undone afterwards. Arguments override the two files edited.
set -euo pipefail
cd "$(dirname "$0")/../.."
tui_file=${1:-crates/certlink-tui/src/tabs/competencies.rs}
domain_file=${2:-crates/certlink-domain/src/decide.rs}
export CARGO_TERM_COLOR=never

# What a build rebuilt, from cargo's JSON messages on stdin.
read -r -d '' summarize <<'PY' || true
import json, sys
seconds = sys.argv[1]
rebuilt, tests = [], 0
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") != "compiler-artifact" or m.get("fresh"):
        continue
    test = m.get("profile", {}).get("test")
    tests += bool(test)
    rebuilt.append(m["target"]["name"] + (" (test)" if test else ""))
names = ': ' + ', '.join(rebuilt) if len(rebuilt) <= 20 else ''
print(f"{seconds} s; {len(rebuilt)} targets rebuilt, {tests} of them test binaries{names}")
PY

build() { # cargo test --no-run, timed, with what it rebuilt
  local start end json
  start=$(date +%s.%N)
  json=$(cargo test --locked --no-run --message-format=json 2>/dev/null)
  end=$(date +%s.%N)
  python3 -c "$summarize" "$(printf '%.1f' "$(echo "$end - $start" | bc)")" <<<"$json"
}

echo "cold build of every test target: $(build)"
for f in "$tui_file" "$domain_file"; do
  cp "$f" "$f.orig"
  python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
m = re.search(r'"([A-Za-z][a-z]+ [^"\\]{4,})"', s)
s = s[:m.start()] + '"' + m.group(1) + ' (edited)"' + s[m.end():]
open(p, "w").write(s)
PY
  echo "one-line edit in $f: $(build)"
  mv "$f.orig" "$f"
  cargo test --locked --no-run -q >/dev/null 2>&1
done
