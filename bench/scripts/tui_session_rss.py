#!/usr/bin/env python3
"""Peak memory (RSS) of a terminal-app session on a large organization.

Usage: tui_session_rss.py CERTLINK_BINARY DATABASE [SECONDS_PER_TAB]
       tui_session_rss.py --skills CERTLINK_BINARY DATABASE

Starts `certlink --db DATABASE` in a 120x40 pseudo-terminal, signs in as
ada@contoso.com (Global Admin of the organization that holds most generated
people), visits every tab with the number keys 1..7, staying SECONDS_PER_TAB
(default 20) on each so that background loads (the whole skills report) finish,
then quits. Prints the peak RSS (VmHWM) and the RSS at the end, in MiB.

--skills (issue #7): opens the Skills tab and, one step at a time, waits until
the process is idle (under 3% of a core for a second: the pass over the report
has ended) and prints the step's time and the RSS: the whole report read and
sorted by Name, Name reversed (S), sorted by Email (s), filtered ("/ada"), a
page down, the last row (G), back to the top (g), the filter cleared (Esc), and
the download of the whole view (d, Enter: skills-report-DATE.csv in the working
folder, read back by handle 512 rows at a time).
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

from procfs import cpu_ticks, status_mib as status


def pump(fd, seconds, until=None):
    """Reads the screen for `seconds`, or until `until` (bytes) shows."""
    end = time.time() + seconds
    seen = b""
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            if until is not None:
                seen = (seen + chunk)[-65536:]
                if until in seen:
                    return


def until_idle(fd, pid, limit=1800.0):
    """Pumps output until the process has used < 3% of a core for 1 s.
    Returns the seconds until its last busy moment."""
    start = time.time()
    last_busy = start
    window = []
    while time.time() - start < limit:
        before = cpu_ticks(pid)
        pump(fd, 0.25)
        used = cpu_ticks(pid) - before
        window = (window + [used])[-4:]
        if used > 0:
            last_busy = time.time()
        if len(window) == 4 and sum(window) <= 3:
            break
    return last_busy - start


def start_app(binary, db):
    """Starts the app in a 120x40 pseudo-terminal; returns (pid, fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(binary, [binary, "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


def rss_line(pid):
    return (f"RSS {status(pid, 'VmRSS'):.1f} MiB, "
            f"peak {status(pid, 'VmHWM'):.1f} MiB")


def finish(pid, fd, quit_keys):
    """Reads the peak, quits the app (killing it if it lingers), prints both."""
    peak, now = status(pid, "VmHWM"), status(pid, "VmRSS")
    os.write(fd, quit_keys)
    pump(fd, 1.0)
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    os.waitpid(pid, 0)
    print(f"peak RSS {peak:.1f} MiB, at the end {now:.1f} MiB")


def skills(binary, db):
    pid, fd = start_app(binary, db)
    # Type only once the app has the terminal (a large file opens slowly;
    # keys typed before raw mode are echoed and Enter is lost).
    pump(fd, 60.0, until=b"Sign in")
    pump(fd, 0.5)
    os.write(fd, b"ada@contoso.com\tcertlink-demo\r")
    pump(fd, 60.0, until=b"Skills")
    until_idle(fd, pid)
    print(f"signed in: {rss_line(pid)}", flush=True)
    steps = [
        ("open Skills, read + sort by Name", b"3"),
        ("reverse Name (S)", b"S"),
        ("sort by Email (s)", b"s"),
        ("filter /ada", b"/ada\r"),
        ("page down", b"\x1b[6~"),
        ("last row (G)", b"G"),
        ("first row (g)", b"g"),
        ("clear the filter (Esc)", b"\x1b"),
        ("download the whole view as CSV (d, Enter)", b"d"),
    ]
    for name, keys in steps:
        os.write(fd, keys)
        if keys == b"d":
            # The dialog proposes skills-report-DATE.csv in the working folder.
            pump(fd, 1.0)
            os.write(fd, b"\r")
        took = until_idle(fd, pid)
        print(f"{name}: {took:.1f} s, {rss_line(pid)}", flush=True)
    finish(pid, fd, b"\x1bq")


def main():
    if sys.argv[1] == "--skills":
        skills(sys.argv[2], sys.argv[3])
        return
    binary, db = sys.argv[1], sys.argv[2]
    per_tab = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    pid, fd = start_app(binary, db)
    pump(fd, 1.0)
    os.write(fd, b"ada@contoso.com\tcertlink-demo\r")
    pump(fd, 2.0)
    for tab in b"1234567":
        os.write(fd, bytes([tab]))
        pump(fd, per_tab)
        print(f"tab {chr(tab)}: {rss_line(pid)}", flush=True)
    finish(pid, fd, b"q")


if __name__ == "__main__":
    main()
