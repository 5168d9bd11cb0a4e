#!/bin/bash
# Server memory while an SSH client stalls during a large export (backpressure).
# usage: bench/scripts/ssh_stalled_export.sh CERTLINK_BINARY DB_FILE PORT
# Serves DB_FILE (a generated sandbox; sign-ins add audit records to it), runs
# `report skills --format csv` as ada@contoso.com over OpenSSH with its output
# piped into a reader that sleeps 40 s before reading, samples the server's
# VmRSS every 0.5 s and prints the peak. Needs openssh-client.
set -eu
BIN=$1; DB=$2; PORT=$3
work=$(mktemp -d)
"$BIN" --db "$DB" serve --listen 127.0.0.1:"$PORT" --host-key "$work/host_key" >"$work/serve.log" 2>&1 &
SPID=$!
sleep 2
printf '#!/bin/sh\necho certlink-demo\n' >"$work/askpass.sh"
chmod +x "$work/askpass.sh"
( SSH_ASKPASS="$work/askpass.sh" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 setsid ssh -F /dev/null -p "$PORT" \
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o PreferredAuthentications=password \
    -l ada@contoso.com -- 127.0.0.1 "--format csv report skills" 2>"$work/ssh.err" </dev/null \
    | (sleep 40; wc -c) ) &
CPID=$!
peak=0
for _ in $(seq 1 80); do
  r=$(awk '/VmRSS/ {print $2}' /proc/$SPID/status)
  [ "$r" -gt "$peak" ] && peak=$r
  sleep 0.5
done
wait $CPID
echo "server peak RSS during the stalled export: $peak KiB"
kill $SPID; wait $SPID 2>/dev/null || true
rm -rf "$work"
