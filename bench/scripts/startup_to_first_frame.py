#!/usr/bin/env python3
"""Start-up to first frame of the terminal app, measured in a pseudo-terminal.

Usage: startup_to_first_frame.py CERTLINK_BINARY DATABASE [RUNS] [LANG]

Each run starts `certlink --db DATABASE` (the app on that database) in a fresh
pseudo-terminal of 120x40, and times until the sign-in screen's text has been
written (the "Sign in (R1)" box title), then sends Ctrl-C. Prints the p50 and
the slowest run in milliseconds. With LANG `zh-CN` the app starts with
`--lang zh-CN` and the clock stops at the box title's "(R1) ─" (ratatui
writes each Han character after its own cursor move, so the Chinese words are
not contiguous in the byte stream): the first frame's cost of the second
language.
"""
import fcntl
import os
import pty
import resource
import select
import statistics
import struct
import sys
import termios
import time

MARKERS = {"en": "Sign in (R1)".encode(), "zh-CN": "(R1) ─".encode()}


def one_run(binary, db, lang):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(binary, [binary, "--db", db, "--lang", lang])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    seen = b""
    deadline = started + 10
    elapsed = None
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            # The terminal may ask for the cursor position; answer like a terminal.
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            if MARKERS[lang] in seen:
                elapsed = time.perf_counter() - started
                break
    os.write(fd, b"\x03")
    deadline = time.time() + 5
    while time.time() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            os.read(fd, 65536)
        except OSError:
            pass
        time.sleep(0.01)
    os.close(fd)
    return elapsed


def main():
    binary, db = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    lang = sys.argv[4] if len(sys.argv) > 4 else "en"
    times = [t for t in (one_run(binary, db, lang) for _ in range(runs)) if t is not None]
    if not times:
        print("the first frame never appeared")
        sys.exit(1)
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"runs {len(times)}/{runs}: p50 {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms; peak RSS {rss_kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
