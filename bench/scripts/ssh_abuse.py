#!/usr/bin/env python3
"""150 hostile SSH connections against `certlink serve`, and one legitimate person.

usage: bench/scripts/ssh_abuse.py [--bin target/release/certlink] [--hostile 150]
                                  [--seconds 60] [--addresses 8]

Makes a demo sandbox in a temporary directory, serves it on 127.0.0.1 (a free
port), and runs, all at once and for --seconds, hostile connections from
127.0.0.2 … (spread over --addresses source addresses), signed in as five demo
people of Contoso, each doing one of:

  huge-pty     pty-req 65535x65535, a shell, then window-changes of
               65535x65535 and 2000x2000 over and over;
  channels     opens session channels as fast as allowed, each running a
               command that waits for standard input (holds a command slot);
  tui-typing   a shell (200x60) that types without end and never reads;
  stdin-flood  `profile` with an endless standard input, never read;
  key-offers   offers fresh unregistered keys for ada@contoso.com, reconnecting
               whenever the server stops it (no sign-in).

Meanwhile, every second, grace@contoso.com signs in with her password from
127.0.0.1 and runs `profile`: the time from TCP connect to exit status is
recorded (p50, max). The server's RSS and thread count are sampled every 0.1 s
(peak), then again 10 s after the hostile clients left; finally the server is
stopped with SIGTERM and `certlink admin check` runs on the file.

Loopback only; bounded in time (--seconds) and count (--hostile). Needs the
Python package paramiko (pip install paramiko).
"""

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import paramiko

NOW = "2026-11-23T12:00:00Z"
HOSTILE_PEOPLE = [
    "alan@contoso.com",
    "katherine@contoso.com",
    "margaret@contoso.com",
    "edsger@contoso.com",
    "wang@contoso.com",
]
KINDS = ["huge-pty", "channels", "tui-typing", "stdin-flood", "key-offers"]
LEGIT = "grace@contoso.com"


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) * 1024, int(fields["Threads"])


def transport(port, source, stop):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
    t = paramiko.Transport(sock)
    t.banner_timeout = 10
    t.start_client(timeout=10)
    return t


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}

    def add(self, key, n=1):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + n


def hostile(kind, port, source, email, password, stop, counts):
    """One hostile connection, reconnecting until told to stop."""
    while not stop.is_set():
        try:
            t = transport(port, source, stop)
        except Exception:
            counts.add(f"{kind}: connection refused or failed")
            stop.wait(0.5)
            continue
        counts.add(f"{kind}: connections")
        try:
            if kind == "key-offers":
                while not stop.is_set() and t.is_active():
                    key = paramiko.ECDSAKey.generate()
                    try:
                        t.auth_publickey("ada@contoso.com", key)
                    except paramiko.AuthenticationException:
                        counts.add("key-offers: keys refused")
                continue
            t.auth_password(email, password)
            if kind == "huge-pty":
                ch = t.open_session()
                ch.get_pty(width=65535, height=65535)
                ch.invoke_shell()
                big = True
                while not stop.is_set() and t.is_active():
                    if ch.exit_status_ready():
                        counts.add(f"huge-pty: sessions refused (exit {ch.recv_exit_status()})")
                        break
                    ch.resize_pty(*((65535, 65535) if big else (2000, 2000)))
                    big = not big
                    counts.add("huge-pty: window-changes")
                    if ch.recv_ready():
                        ch.recv(1 << 16)
                    stop.wait(0.05)
            elif kind == "channels":
                held = []
                while not stop.is_set() and t.is_active():
                    try:
                        ch = t.open_session(timeout=5)
                        ch.exec_command("link --mcid-email nobody@learn.example.com --password-stdin")
                        held.append(ch)
                        counts.add("channels: opened")
                    except Exception:
                        counts.add("channels: refused")
                        stop.wait(0.2)
                    # Channels that were answered "busy" end by themselves.
                    for c in held:
                        if c.exit_status_ready():
                            counts.add(f"channels: commands ended (exit {c.recv_exit_status()})")
                    held = [c for c in held if not c.exit_status_ready()]
            elif kind == "tui-typing":
                ch = t.open_session()
                ch.get_pty(width=200, height=60)
                ch.invoke_shell()
                keys = b"jk\t" * 10922
                while not stop.is_set() and t.is_active():
                    if ch.exit_status_ready():
                        counts.add(f"tui-typing: sessions refused (exit {ch.recv_exit_status()})")
                        break
                    ch.sendall(keys)
                    counts.add("tui-typing: bytes typed", len(keys))
            elif kind == "stdin-flood":
                ch = t.open_session()
                ch.exec_command("profile")
                block = b"x" * (1 << 16)
                while not stop.is_set() and t.is_active() and not ch.closed:
                    if ch.exit_status_ready():
                        counts.add(f"stdin-flood: commands ended (exit {ch.recv_exit_status()})")
                        break
                    try:
                        ch.sendall(block)
                    except Exception:
                        break
                    counts.add("stdin-flood: bytes sent", len(block))
        except Exception as e:
            counts.add(f"{kind}: ended ({type(e).__name__})")
        finally:
            t.close()


def legit_once(port, password, fingerprint_ok):
    start = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=30, source_address=("127.0.0.1", 0))
    t = paramiko.Transport(sock)
    try:
        t.start_client(timeout=30)
        t.auth_password(LEGIT, password)
        ch = t.open_session(timeout=30)
        ch.exec_command("profile")
        out = b""
        while True:
            data = ch.recv(1 << 16)
            if not data:
                break
            out += data
        status = ch.recv_exit_status()
        elapsed = time.monotonic() - start
        ok = status == 0 and LEGIT.encode() in out
        return elapsed, ok
    finally:
        t.close()


def run_hostile(port, first, count, addresses, seconds, passwords):
    """A worker process: `count` hostile connections for `seconds`; prints counts as JSON."""
    stop = threading.Event()
    counts = Counts()
    workers = []
    for i in range(first, first + count):
        kind = KINDS[i % len(KINDS)]
        source = f"127.0.0.{2 + i % addresses}"
        # Every person does every kind of abuse.
        email = HOSTILE_PEOPLE[(i // len(KINDS)) % len(HOSTILE_PEOPLE)]
        w = threading.Thread(target=hostile, daemon=True,
                             args=(kind, port, source, email, passwords[email], stop, counts))
        w.start()
        workers.append(w)
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join(timeout=20)
    print(json.dumps(counts.counts))


def run_legit(port, password, runs, every):
    """A process of its own (no GIL shared with the hostile clients)."""
    results = []
    for _ in range(runs):
        begun = time.monotonic()
        try:
            results.append(legit_once(port, password, True))
        except Exception as e:
            results.append((float("inf"), False))
            print(f"legit sign-in failed: {e}", file=sys.stderr)
        time.sleep(max(0.0, every - (time.monotonic() - begun)))
    print(json.dumps(results))


def me(role, *rest):
    return [sys.executable, os.path.abspath(__file__), "--role", role, *map(str, rest)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/certlink")
    ap.add_argument("--hostile", type=int, default=150)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--addresses", type=int, default=8)
    ap.add_argument("--processes", type=int, default=5, help="hostile client processes (GIL)")
    ap.add_argument("--nice", type=int, default=10,
                    help="niceness of the hostile client processes: on one machine they share the "
                         "server's cores, where real attackers bring their own")
    ap.add_argument("--role", default="main")
    ap.add_argument("rest", nargs="*")
    args = ap.parse_args()
    if args.role == "hostile":
        port, first, count, addresses, seconds, pw = args.rest
        return run_hostile(int(port), int(first), int(count), int(addresses), float(seconds), json.loads(open(pw).read()))
    if args.role == "legit":
        port, password, runs, every = args.rest
        return run_legit(int(port), password, int(runs), float(every))
    binary = os.path.abspath(args.bin)
    work = tempfile.mkdtemp(prefix="certlink-abuse-")
    db = os.path.join(work, "demo.redb")
    env = dict(os.environ, NO_COLOR="1", CERTLINK_CONFIG=os.path.join(work, "config.toml"))
    env.pop("CERTLINK_PASSWORD", None)
    open(env["CERTLINK_CONFIG"], "w").close()
    demo = subprocess.run([binary, "--db", db, "--now", NOW, "demo", "--format", "json"],
                          env=env, check=True, capture_output=True)
    passwords = {a["email"]: a["password"] for a in json.loads(demo.stdout)["accounts"]}
    pw_file = os.path.join(work, "passwords.json")
    with open(pw_file, "w") as f:
        json.dump(passwords, f)
    server = subprocess.Popen([binary, "--db", db, "serve", "--listen", "127.0.0.1:0",
                               "--host-key", os.path.join(work, "host_key")],
                              env=env, stdout=subprocess.PIPE, stderr=open(os.path.join(work, "serve.err"), "w"),
                              text=True)
    port = None
    for line in server.stdout:
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if m:
            port = int(m.group(1))
            break
    assert port, "the server did not say where it listens"
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()

    idle_rss, idle_threads = proc_status(server.pid)
    samples = {"peak_rss": idle_rss, "peak_threads": idle_threads}
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            try:
                rss, threads = proc_status(server.pid)
            except (FileNotFoundError, ProcessLookupError):
                return
            samples["peak_rss"] = max(samples["peak_rss"], rss)
            samples["peak_threads"] = max(samples["peak_threads"], threads)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    def legit(runs, every):
        out = subprocess.run(me("legit", port, passwords[LEGIT], runs, every),
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    alone = legit(5, 0.2)
    per = -(-args.hostile // args.processes)
    hostile_procs = []
    for k in range(args.processes):
        first, count = k * per, max(0, min(per, args.hostile - k * per))
        if count:
            hostile_procs.append(subprocess.Popen(
                ["nice", "-n", str(args.nice)]
                + me("hostile", port, first, count, args.addresses, args.seconds + 5, pw_file),
                stdout=subprocess.PIPE, text=True))
    time.sleep(5)  # let them all get going
    under_load = legit(int(args.seconds), 1.0)
    loaded_rss, loaded_threads = proc_status(server.pid)
    counts = {}
    for p in hostile_procs:
        out, _ = p.communicate(timeout=120)
        for key, n in json.loads(out or "{}").items():
            counts[key] = counts.get(key, 0) + n
    time.sleep(10)
    after_rss, after_threads = proc_status(server.pid)
    after = legit(5, 0.2)
    sampling.set()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    check = subprocess.run([binary, "--db", db, "admin", "check"], env=env, capture_output=True, text=True)

    def ms(runs):
        times = [t for t, _ in runs]
        return (f"{len(runs)} runs, {sum(1 for _, ok in runs if ok)} ok, "
                f"p50 {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, "
                f"{sum(1 for t in times if t > 1.0)} over 1 s")

    def mib(b):
        return f"{b / (1 << 20):.1f} MiB"

    print(f"hostile connections: {args.hostile} from {args.addresses} addresses "
          f"({args.processes} client processes at nice {args.nice}), {args.seconds:.0f} s")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    print(f"legit sign-in + profile alone:      {ms(alone)}")
    print(f"legit sign-in + profile under load: {ms(under_load)}")
    print(f"legit sign-in + profile after:      {ms(after)}")
    print(f"server RSS: idle {mib(idle_rss)}, peak {mib(samples['peak_rss'])}, "
          f"at the end of the load {mib(loaded_rss)}, 10 s after {mib(after_rss)}")
    print(f"server threads: idle {idle_threads}, peak {samples['peak_threads']}, "
          f"at the end of the load {loaded_threads}, 10 s after {after_threads}")
    print(f"server exit: {server.returncode}; admin check: exit {check.returncode}")
    print((check.stdout.strip() or check.stderr.strip()).splitlines()[-1:])
    worst = max(t for t, _ in under_load)
    ok = (all(o for _, o in under_load) and check.returncode == 0
          and samples["peak_rss"] <= 512 << 20 and worst <= 1.0)
    print("PASS" if ok else "FAIL: see above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
