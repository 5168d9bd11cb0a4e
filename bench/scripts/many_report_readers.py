#!/usr/bin/env python3
"""Many Global Admins opening the Skills tab of one large organization at once
over SSH (issue 17, "Many readers of one report").

Usage: many_report_readers.py CERTLINK_BINARY [--people N] [--db FILE]
                              [--sessions N] [--work DIR] [--screens DIR]

The sandbox: FILE if it exists (a generated population, e.g. the 1M one,
which takes minutes to make), else generated there with
`certlink --db FILE --now 2026-11-23T12:00:00Z demo --people N` (N default
10000). The run works on a copy in DIR (default: a temporary folder), so the
cached file stays pristine. Also read from CERTLINK_BENCH_DB when --db is not
given.

On the copy: the N (default 20) people of Contoso (the organization that holds
most generated people) who are Global Admins — ada@contoso.com and the first
active accounts of `user list`, given the role with `role grant` — each get an
ed25519 key (`key add`). Then, twice, with a fresh `certlink serve` each time:
1 session alone, and all N at once: OpenSSH clients in 120x40 pseudo-terminals
sign in with their keys, the server is let go idle, and every session presses
`3` (the Skills tab: its first page, then the pass over the whole report)
at the same moment. Measured: the time from the keys to the server's last
busy moment (idle: under 3 % of a core for a second, as in
tui_session_rss.py), the server's RSS before any session, with the sessions
signed in and idle, its peak while the tabs load (sampled every 50 ms), and at
the end; the load average before each run.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

from procfs import cpu_ticks, status_mib

NOW = "2026-11-23T12:00:00Z"
# The servers' clocks later, so every earlier command comes before them (the
# clock never goes back): one hour apart for each run.
SERVE_AT = "2026-11-23T{hour:02d}:00:00Z"
PASSWORD = "certlink-demo"
ORG_ADMIN = "ada@contoso.com"


class Clients:
    """OpenSSH clients in pseudo-terminals, their output read (and dropped)
    all the time so that no server-side queue fills."""

    def __init__(self):
        self.fds = {}  # fd -> (pid, recent bytes)

    def open(self, argv):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.environ["NO_COLOR"] = "1"
            os.execvp(argv[0], argv)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.fds[fd] = [pid, b""]
        return fd

    def pump(self, seconds):
        end = time.time() + seconds
        while True:
            left = end - time.time()
            if left <= 0:
                return
            if not self.fds:
                time.sleep(left)
                return
            ready, _, _ = select.select(list(self.fds), [], [], min(left, 0.05))
            for fd in ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    continue
                if b"\x1b[6n" in chunk:
                    os.write(fd, b"\x1b[1;1R")
                entry = self.fds[fd]
                entry[1] = (entry[1] + chunk)[-16384:]

    def wait_for(self, fd, text, limit):
        end = time.time() + limit
        while time.time() < end:
            if text in self.fds[fd][1]:
                return True
            self.pump(0.1)
        return False

    def send_all(self, keys):
        for fd in self.fds:
            os.write(fd, keys)

    def close(self):
        for fd, (pid, _) in self.fds.items():
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
            os.close(fd)
        self.fds = {}


def until_idle(clients, pid, limit=1800.0):
    """Pumps the clients until the server has used < 3% of a core for 1 s
    (at most 3 clock ticks of 10 ms in the last 20 samples of 50 ms).
    Returns (seconds to its last busy sample, peak RSS sampled in MiB)."""
    start = time.time()
    last_busy = start
    window = []
    peak = status_mib(pid, "VmRSS")
    while time.time() - start < limit:
        before = cpu_ticks(pid)
        clients.pump(0.05)
        peak = max(peak, status_mib(pid, "VmRSS"))
        used = cpu_ticks(pid) - before
        window = (window + [used])[-20:]
        if used > 0:
            last_busy = time.time()
        if len(window) == 20 and sum(window) <= 3:
            break
    return last_busy - start, peak


def certlink(binary, db, *args, who=None, at=None, check=True, **kw):
    argv = [binary, "--db", db, "--now", at or NOW]
    env = dict(os.environ)
    if who:
        argv += ["--as", who]
        env["CERTLINK_PASSWORD"] = PASSWORD
    argv += list(args)
    return subprocess.run(argv, env=env, check=check, **kw)


def admins_of_contoso(binary, db, count):
    """ada and the first active people of Contoso's `user list`, made Global
    Admins. The list is streamed and cut short: a million accounts are long."""
    people = [ORG_ADMIN]
    argv = [binary, "--db", db, "--now", NOW, "--as", ORG_ADMIN, "user", "list"]
    env = dict(os.environ, CERTLINK_PASSWORD=PASSWORD)
    with subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, text=True) as p:
        for line in p.stdout:
            words = line.split()
            if (len(people) < count and words and "@" in words[0]
                    and words[0] != ORG_ADMIN and "active" in words):
                people.append(words[0])
            if len(people) >= count:
                p.kill()
                break
    if len(people) < count:
        sys.exit(f"only {len(people)} active people at Contoso")
    for i, email in enumerate(people[1:]):
        # One second apart: commands happen in order on the sandbox clock.
        at = f"2026-11-23T12:{1 + i // 60:02d}:{i % 60:02d}Z"
        certlink(binary, db, "role", "grant", email, "global-admin",
                 who=ORG_ADMIN, at=at, stdout=subprocess.DEVNULL)
    return people


def add_keys(binary, db, people, work):
    keys = []
    for i, email in enumerate(people):
        key = os.path.join(work, f"id_{i}")
        if not os.path.exists(key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key],
                           check=True)
        at = f"2026-11-23T12:30:{i % 60:02d}Z"
        certlink(binary, db, "key", "add", "--file", key + ".pub", email, at=at,
                 stdout=subprocess.DEVNULL)
        keys.append(key)
    return keys


def serve(binary, db, sessions, hour):
    p = subprocess.Popen(
        [binary, "--db", db, "--now", SERVE_AT.format(hour=hour), "serve", "--listen", "127.0.0.1:0",
         "--max-sessions", str(max(64, sessions * 2))],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in p.stdout:
        m = re.match(r"certlink: listening on 127\.0\.0\.1:(\d+)", line)
        if m:
            return p, int(m.group(1))
    p.kill()
    sys.exit("serve did not start")


def run(binary, db, people, keys, n, hour, screens=None):
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{n} session(s); load average {load}", flush=True)
    server, port = serve(binary, db, n, hour)
    clients = Clients()
    try:
        until_idle(clients, server.pid)
        before = status_mib(server.pid, "VmRSS")
        print(f"server RSS before any session: {before:.1f} MiB", flush=True)
        fds = []
        for i in range(n):
            fds.append(clients.open([
                "ssh", "-tt", "-q", "-p", str(port), "-i", keys[i],
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no",
                f"{people[i]}@127.0.0.1"]))
        for fd in fds:
            if not clients.wait_for(fd, b"Skills", 120):
                sys.exit("a session did not reach its main screen")
        until_idle(clients, server.pid)
        idle = status_mib(server.pid, "VmRSS")
        print(f"server RSS with {n} session(s) signed in, idle: {idle:.1f} MiB", flush=True)
        clients.send_all(b"3")
        took, peak = until_idle(clients, server.pid)
        end = status_mib(server.pid, "VmRSS")
        hwm = status_mib(server.pid, "VmHWM")
        if screens:
            # What each session drew last (terminal bytes), to check by eye
            # that every one shows the whole report.
            for i, fd in enumerate(fds):
                with open(os.path.join(screens, f"{n}-{i}.bytes"), "wb") as f:
                    f.write(clients.fds[fd][1])
        print(f"{n} session(s) open Skills: {took:.2f} s until the server is idle; "
              f"RSS peak {peak:.1f} MiB (VmHWM {hwm:.1f}), at the end {end:.1f} MiB; "
              f"peak over idle {peak - idle:.1f} MiB, over before-sessions "
              f"{peak - before:.1f} MiB", flush=True)
        return took, peak - idle
    finally:
        clients.close()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--people", type=int, default=10000)
    ap.add_argument("--db", default=os.environ.get("CERTLINK_BENCH_DB"))
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--work")
    ap.add_argument("--screens", help="a folder for each session's last screen bytes")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    own_work = a.work is None
    work = a.work or tempfile.mkdtemp(prefix="many-readers-")
    os.makedirs(work, exist_ok=True)
    try:
        cached = a.db or os.path.join(work, f"s{a.people}.redb")
        if not os.path.exists(cached):
            print(f"generating {a.people} people into {cached}", flush=True)
            t = time.time()
            certlink(binary, cached, "demo", "--people", str(a.people),
                     stdout=subprocess.DEVNULL)
            print(f"generated in {time.time() - t:.0f} s", flush=True)
        db = os.path.join(work, "run.redb")
        shutil.copyfile(cached, db)
        people = admins_of_contoso(binary, db, a.sessions)
        keys = add_keys(binary, db, people, work)
        one, _ = run(binary, db, people, keys, 1, 13, a.screens)
        many, over = run(binary, db, people, keys, a.sessions, 14, a.screens)
        ratio = f"{many / one:.2f}x the time" if one > 0 else "(1 session: no busy sample)"
        print(f"\n{a.sessions} sessions / 1 session: {ratio}; {over:.1f} MiB over idle",
              flush=True)
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
