#!/usr/bin/env python3
"""Launcher benchmark driver: runs chitty in a pseudo-terminal and reads the
timestamps it writes to $CHITTY_TRACE (ui/trace.h).

  startup   exec -> first complete frame (the list shows results for the
            query), with the caches warm (the usual case) and cold
  ready     exec -> the whole catalog loaded and indexed
  keystroke a key read -> the first complete frame for it, typing a query
            one key at a time at 100k items

Usage: launcher.py CHITTY_BIN FILES COMMANDS_PER_FILE RUNS
Prints the figures; exits non-zero only when the launcher misbehaves.
"""
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time

STARTUP_TARGET_MS = 30.0
KEY_TARGET_MS = 8.0


def now_ns():
    return time.monotonic_ns()  # CLOCK_MONOTONIC, as the trace


def make_extensions(folder, files, per_file):
    os.makedirs(folder, exist_ok=True)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for f in range(files):
        out = [f"---\nname: bench-{f}\ntitle: Bench {f}\ndescription: Benchmark extension {f}\n"
               f"icon: \"🔧\"\nauthor: chitty\ncategories:\n  - Developer Tools\n---\n\n"]
        for c in range(per_file):
            word = letters[c % 26] + letters[(c // 26) % 26] + letters[(c * 7 + f) % 26]
            out.append(f"## Command {c} {word} {f}\n<!-- description: does thing {c} of file {f} -->\n"
                       f"<!-- keywords: k{c}, bench -->\n\n```bash\necho hello {c}\n```\n\n")
        with open(os.path.join(folder, f"bench-{f}.md"), "w") as fp:
            fp.write("".join(out))


class Run:
    def __init__(self, binary, env, trace, args=()):
        self.trace = trace
        if os.path.exists(trace):
            os.unlink(trace)
        self.t0 = now_ns()
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(binary, [binary, *args], env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.alive = True
        self.reader = threading.Thread(target=self.drain, daemon=True)
        self.reader.start()

    def drain(self):
        while self.alive:
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if r:
                try:
                    if not os.read(self.fd, 65536):
                        break
                except OSError:
                    break

    def events(self):
        try:
            with open(self.trace) as fp:
                return [line.split() for line in fp if line.strip()]
        except FileNotFoundError:
            return []

    def wait_for(self, pred, timeout=30.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ev = self.events()
            hit = pred(ev)
            if hit is not None:
                return hit
            time.sleep(0.002)
        raise SystemExit(f"launcher-bench: timed out waiting ({self.trace})")

    def send(self, data):
        os.write(self.fd, data)

    def finish(self):
        self.send(b"\x03")
        _, status = os.waitpid(self.pid, 0)
        self.alive = False
        self.reader.join()
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def first(ev, kind, cond=lambda e: True, after=0):
    for e in ev:
        if e[0] == kind and int(e[1]) >= after and cond(e):
            return int(e[1])
    return None


def startup(binary, env, trace):
    r = Run(binary, env, trace)
    frame = r.wait_for(lambda ev: first(ev, "frame", lambda e: e[2] == "1"))
    ready = r.wait_for(lambda ev: first(ev, "ready"))
    ev = r.events()
    code = r.finish()
    if code != 130:
        raise SystemExit(f"launcher-bench: the launcher exited {code}, not 130")
    phases = {"main": first(ev, "start")}
    for e in ev:
        if e[0] == "phase" and e[2] not in phases:
            phases[e[2]] = int(e[1])
    steps = {k: (v - r.t0) / 1e6 for k, v in phases.items() if v is not None}
    return (frame - r.t0) / 1e6, (ready - r.t0) / 1e6, steps


def process_start(binary, env, runs):
    """exec -> exit of `chitty --version`: what loading the program costs."""
    times = []
    for _ in range(runs):
        t0 = now_ns()
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.execve(binary, [binary, "--version"], env)
        os.waitpid(pid, 0)
        times.append((now_ns() - t0) / 1e6)
    return statistics.median(times)


def keystrokes(binary, env, trace, text):
    r = Run(binary, env, trace)
    r.wait_for(lambda ev: first(ev, "ready"))
    # the first complete frame after ready: the real list is up
    r.wait_for(lambda ev: first(ev, "frame", lambda e: e[2] == "1",
                                first(ev, "ready") or 0))
    lat, ranked, echo = [], [], []
    for ch in text:
        before = len(r.events())
        r.send(ch.encode())

        def done(ev):
            new = ev[before:]
            key = next((int(e[1]) for e in new if e[0] == "key"), None)
            if key is None:
                return None
            fr = next((e for e in new if e[0] == "frame" and e[2] == "1"
                       and int(e[1]) >= key), None)
            if fr is None:
                return None
            first_frame = next(int(e[1]) for e in new if e[0] == "frame" and int(e[1]) >= key)
            rank_us = sum(int(e[2]) for e in new if e[0] == "ranked")
            return (int(fr[1]) - key) / 1e6, rank_us / 1e3, (first_frame - key) / 1e6
        total, rank_ms, echo_ms = r.wait_for(done)
        lat.append(total)
        ranked.append(rank_ms)
        echo.append(echo_ms)
        time.sleep(0.15)  # typing speed: each key's results arrive before the next key
    r.finish()
    return lat, ranked, echo


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    binary, files, per_file, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    top = tempfile.mkdtemp(prefix="chitty-bench.")
    try:
        env = {
            "HOME": os.path.join(top, "home"),
            "XDG_CONFIG_HOME": os.path.join(top, "config"),
            "XDG_CACHE_HOME": os.path.join(top, "cache"),
            "XDG_STATE_HOME": os.path.join(top, "state"),
            "CHITTY_DATA_DIR": os.path.join(top, "empty"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
        for k in ("HOME", "CHITTY_DATA_DIR"):
            os.makedirs(env[k], exist_ok=True)
        trace = os.path.join(top, "trace")
        env["CHITTY_TRACE"] = trace
        make_extensions(os.path.join(env["XDG_CONFIG_HOME"], "chitty", "extensions"), files, per_file)
        items = files * per_file
        load = os.getloadavg()[0]
        print(f"launcher benchmark: {files} extension files, {items} catalog items, {runs} runs, "
              f"{os.cpu_count()} CPUs, load average {load:.2f}")

        cold_frame, cold_ready, _ = startup(binary, env, trace)  # parses, writes both caches
        warm = [startup(binary, env, trace) for _ in range(runs)]
        frames = [w[0] for w in warm]
        readies = [w[1] for w in warm]
        med = statistics.median(frames)
        print(f"  startup, cold caches:   first complete frame {cold_frame:8.1f} ms, "
              f"catalog ready {cold_ready:8.1f} ms")
        print(f"  startup, warm caches:   first complete frame median {med:6.1f} ms "
              f"(min {min(frames):.1f}, max {max(frames):.1f}; target <= {STARTUP_TARGET_MS:.0f} ms)"
              f"  {'ok' if med <= STARTUP_TARGET_MS else 'MISSED'}")
        print(f"                          catalog ready median {statistics.median(readies):6.1f} ms")
        steps = {}
        for w in warm:
            for k, v in w[2].items():
                steps.setdefault(k, []).append(v)
        print("    where the first frame's time goes (median ms since exec): "
              + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in steps.items())
              + f", frame {med:.1f}")
        print(f"    exec to exit of 'chitty --version' (loading the program): "
              f"{process_start(binary, env, runs * 2):.1f} ms")

        lat, ranked, echo = keystrokes(binary, env, trace, "command 12 abc 7")
        kmed = statistics.median(lat)
        srt = sorted(lat)
        p90 = srt[int(len(srt) * 0.9) - 1] if len(srt) >= 10 else max(srt)
        print(f"  keystroke to frame:     median {kmed:6.2f} ms, p90 {p90:.2f} ms, max {max(lat):.2f} ms "
              f"over {len(lat)} keys (target median <= {KEY_TARGET_MS:.0f} ms)"
              f"  {'ok' if kmed <= KEY_TARGET_MS else 'MISSED'}")
        print(f"    of which ranking:     median {statistics.median(ranked):6.2f} ms (search thread)")
        over = [t - k for t, k in zip(lat, ranked)]
        print(f"    UI overhead:          median {statistics.median(over):6.2f} ms "
              f"(key read, post, results, draw, write)")
        print(f"    typed character shown: median {statistics.median(echo):6.2f} ms "
              f"(the frame before the results)")
    finally:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
