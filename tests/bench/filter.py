#!/usr/bin/env python3
"""chitty filter -e against fzy -e, side by side, in the same run.

Builds path corpora of 100,000 and 1,000,000 lines (every path under /usr,
under as many prefixes as it takes, sorted, then shuffled with a fixed
seed; the 100k corpus is the first 100,000 lines of the 1M one) into
_build/bench/, then runs both programs on each query, alternating, several
times, and prints per query: matches, median wall time of each, the ratio
chitty/fzy, peak RSS of each, and whether the outputs are the same bytes.

    python3 tests/bench/filter.py [--reps N] [--sizes 100k,1m] [--pipe]
                                  [--chitty PATH] [--fzy PATH] [QUERY...]

Targets (issue 4): median at 1M <= 0.5 x fzy's, never slower than fzy on any
query; peak memory <= 2 x the corpus size.  A benchmark, not a test: it
prints figures and exits 0 whether or not the targets are met (exit 1 only
when it cannot run, or when the outputs differ).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFIXES = ["", "/home/alice/src", "/srv/mirror/debian", "/opt/toolchains/x86_64",
            "/var/lib/containers/storage", "/mnt/backup/2024-06-01", "/nix/store/abc123",
            "/home/bob/.local/share", "/data/archive", "/scratch/build/tree",
            "/media/usb/copy", "/export/home/carol", "/tmp/unpacked", "/usr/local/stow",
            "/var/cache/pbuilder/base", "/snap/core/current"]
QUERIES = ["usr", "/", "libc", "sharedoc", "pyth3site", "gtk3icons", "zqxj"]
SEED = 42


def corpus(workdir, lines_wanted):
    """The 1M corpus file (built once); returns (path, prefixes used)."""
    path = os.path.join(workdir, "paths-1m.txt")
    meta = path + ".prefixes"
    if os.path.exists(path) and os.path.exists(meta):
        return path, int(open(meta).read())
    found = subprocess.run(["find", "/usr"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL).stdout.split(b"\n")
    paths = sorted(p for p in found if p)
    if not paths:
        sys.exit("filter.py: find /usr found nothing")
    lines, used = [], 0
    while len(lines) < lines_wanted:
        pre = PREFIXES[used % len(PREFIXES)].encode()
        if used >= len(PREFIXES):
            pre += b"/copy%d" % (used // len(PREFIXES))
        lines += [pre + p for p in paths]
        used += 1
    random.Random(SEED).shuffle(lines)
    with open(path + ".tmp", "wb") as f:
        f.write(b"\n".join(lines[:lines_wanted]) + b"\n")
    os.replace(path + ".tmp", path)
    open(meta, "w").write(str(used))
    return path, used


def head(src, n, dst):
    if not os.path.exists(dst):
        with open(src, "rb") as f, open(dst + ".tmp", "wb") as out:
            for i, line in enumerate(f):
                if i == n:
                    break
                out.write(line)
        os.replace(dst + ".tmp", dst)
    return dst


# Peak RSS comes from GNU time (Debian package "time"): a child's own
# rusage would count this Python process's memory, which the child had
# until it called exec.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(argv, infile, pipe, out=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB, or 0 without GNU time) of one run."""
    rss_file = os.path.join(os.path.dirname(infile), "rss")
    if GNU_TIME:
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file] + argv
    with open(infile, "rb") as f:
        t0 = time.perf_counter()
        if pipe:
            cat = subprocess.Popen(["cat"], stdin=f, stdout=subprocess.PIPE)
            p = subprocess.Popen(argv, stdin=cat.stdout, stdout=out)
            cat.stdout.close()
        else:
            p = subprocess.Popen(argv, stdin=f, stdout=out)
        p.wait()
        elapsed = time.perf_counter() - t0
        if pipe:
            cat.wait()
    if p.returncode != 0:
        sys.exit("filter.py: %s exited with %d" % (" ".join(argv), p.returncode))
    rss = int(open(rss_file).read().split()[-1]) if GNU_TIME else 0
    return elapsed, rss


def same_output(fzy, chitty, q, infile, workdir):
    a, b = os.path.join(workdir, "out-fzy"), os.path.join(workdir, "out-chitty")
    with open(a, "wb") as fa:
        run([fzy, "-e", q], infile, False, fa)
    with open(b, "wb") as fb:
        run([chitty, "filter", "-e", q], infile, False, fb)
    matches = sum(1 for _ in open(a, "rb"))
    same = subprocess.run(["cmp", "-s", a, b]).returncode == 0
    os.unlink(a)
    os.unlink(b)
    return matches, same


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chitty", default=os.environ.get("CHITTY_BIN",
                    os.path.join(TOP, "_build/default/chitty")))
    ap.add_argument("--fzy", default="fzy")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--sizes", default="100k,1m")
    ap.add_argument("--pipe", action="store_true", help="feed stdin through a pipe, not a file")
    ap.add_argument("--workdir", default=os.path.join(TOP, "_build/bench"))
    ap.add_argument("queries", nargs="*", default=QUERIES)
    a = ap.parse_args()

    for prog in (a.chitty, a.fzy):
        if subprocess.run(["sh", "-c", 'command -v "$1"', "sh", prog],
                          stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit("filter.py: %s not found (build chitty; apt-get install fzy)" % prog)
    os.makedirs(a.workdir, exist_ok=True)
    big, used = corpus(a.workdir, 1000000)
    sizes = {"100k": 100000, "1m": 1000000}
    fzy_version = subprocess.run([a.fzy, "-v"], stdout=subprocess.PIPE).stdout.decode().split("©")[0]
    print("chitty filter -e vs %s; %d CPUs; %d runs each, alternating; stdin from a %s" %
          (fzy_version.strip(), os.cpu_count(), a.reps, "pipe" if a.pipe else "file"))
    print("corpus: find /usr under %d prefixes, sorted, shuffled (seed %d)" % (used, SEED))
    if not GNU_TIME:
        print("no /usr/bin/time (apt-get install time): peak RSS is not measured")
    if GNU_TIME:
        base = {}
        for prog, argv in (("chitty", [a.chitty, "--version"]), ("fzy", [a.fzy, "-v"])):
            subprocess.run([GNU_TIME, "-f", "%M", "-o", os.path.join(a.workdir, "rss")] + argv,
                           stdout=subprocess.DEVNULL)
            base[prog] = int(open(os.path.join(a.workdir, "rss")).read().split()[-1]) / 1024
        print("RSS of the programs doing nothing (--version): chitty %.1f MB (its shared "
              "libraries), fzy %.1f MB" % (base["chitty"], base["fzy"]))
    bad = False
    for name in a.sizes.split(","):
        n = sizes[name.lower()]
        infile = big if n == 1000000 else head(big, n, os.path.join(a.workdir, "paths-%s.txt" % name))
        size = os.path.getsize(infile)
        print("\n%s: %d lines, %.1f MB (mean %.1f B/line)" % (name, n, size / 1e6, size / n))
        print("%-12s %9s %9s %9s %7s %9s %9s %6s" % ("query", "matches", "fzy ms", "chitty ms",
              "ratio", "fzy MB", "chitty MB", "same"))
        ratios, slower, worst_rss = [], [], 0
        for q in a.queries:
            matches, same = same_output(a.fzy, a.chitty, q, infile, a.workdir)
            tf, tc, rf, rc = [], [], [], []
            for _ in range(a.reps):
                t, r = run([a.fzy, "-e", q], infile, a.pipe)
                tf.append(t)
                rf.append(r)
                t, r = run([a.chitty, "filter", "-e", q], infile, a.pipe)
                tc.append(t)
                rc.append(r)
            mf, mc = statistics.median(tf), statistics.median(tc)
            ratios.append(mc / mf)
            if mc > mf:
                slower.append(q)
            worst_rss = max(worst_rss, max(rc))
            bad |= not same
            print("%-12s %9d %9.1f %9.1f %7.2f %9.1f %9.1f %6s" % (
                q, matches, mf * 1e3, mc * 1e3, mc / mf, max(rf) / 1024, max(rc) / 1024,
                "yes" if same else "NO"))
        med = statistics.median(ratios)
        mem = worst_rss * 1024 / size
        print("median ratio %.2f%s; slower than fzy on: %s" % (
            med, " (target <= 0.5: %s)" % ("met" if med <= 0.5 else "MISSED")
            if n == 1000000 else "", ", ".join(slower) if slower else "none"))
        if GNU_TIME:
            net = (worst_rss / 1024 - base["chitty"]) * 1024 * 1024 / size
            print("chitty's peak RSS %.1f MB = %.2f x the corpus (target <= 2: %s); "
                  "%.2f x without the %.1f MB it has doing nothing" % (
                      worst_rss / 1024, mem, "met" if mem <= 2 else "MISSED", net,
                      base["chitty"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
