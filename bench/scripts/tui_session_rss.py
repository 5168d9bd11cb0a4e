#!/usr/bin/env python3
"""Peak memory (RSS) of a terminal-app session on a large organization.

Usage: tui_session_rss.py CERTLINK_BINARY DATABASE [SECONDS_PER_TAB]

Starts `certlink --db DATABASE` in a 120x40 pseudo-terminal, signs in as
ada@contoso.com (Global Admin of the organization that holds most generated
people), visits every tab with the number keys 1..7, staying SECONDS_PER_TAB
(default 20) on each so that background loads (the whole skills report) finish,
then quits. Prints the peak RSS (VmHWM) and the RSS at the end, in MiB.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def status(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pump(fd, seconds):
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")


def main():
    binary, db = sys.argv[1], sys.argv[2]
    per_tab = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(binary, [binary, "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    pump(fd, 1.0)
    os.write(fd, b"ada@contoso.com\tcertlink-demo\r")
    pump(fd, 2.0)
    for tab in b"1234567":
        os.write(fd, bytes([tab]))
        pump(fd, per_tab)
        print(f"tab {chr(tab)}: RSS {status(pid, 'VmRSS'):.1f} MiB, "
              f"peak {status(pid, 'VmHWM'):.1f} MiB", flush=True)
    peak, now = status(pid, "VmHWM"), status(pid, "VmRSS")
    os.write(fd, b"q")
    pump(fd, 1.0)
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    os.waitpid(pid, 0)
    print(f"peak RSS {peak:.1f} MiB, at the end {now:.1f} MiB")


if __name__ == "__main__":
    main()
