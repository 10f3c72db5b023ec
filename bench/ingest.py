#!/usr/bin/env python3
"""Times an exporter from process start to the full count of N events, or checks what it loses
when the file is rotated and truncated. One key=value line per run on stdout.

  ingest.py --label java -n 1000000 -- java -jar exporter.jar ai-live --port {PORT}
  ingest.py --label mtail --prefill rename -- mtail --logs {FILE} --port {PORT} ...
  ingest.py --label java --rotation -- ...
  ingest.py --label java --malformed -- ...        (1 line in 10 broken; only valid ones count)
  ingest.py --label java --append 20000 -- ...     (events appended live at that rate, for 5 s)

{PORT} and {FILE} in the command are replaced; PEAK_TRADE_AI_EVENTS_JSONL names the file too.
--prefill before: the file is there when the process starts and the clock starts at spawn;
rename: the process starts on an empty file, and the full file is renamed into place once
/metrics answers (for exporters that read a file present at start from its end, like mtail),
the clock starting at the rename. Standard library only.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request

from procs import free_port, stop

HERE = os.path.dirname(os.path.abspath(__file__))
METRIC = "peaktrade_ai_decisions_total"


def events(workdir, n, seed):
    path = os.path.join(workdir, "cache", "events_n%d_s%d.jsonl" % (n, seed))
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_events.py"), path, str(n), str(seed)],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def counted(url):
    """The sum of the decision counter, or None while /metrics does not answer 200."""
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            text = r.read().decode()
    except Exception:
        return None
    total = 0.0
    for line in text.splitlines():
        if line.startswith(METRIC) and line[len(METRIC)] in "{ ":
            total += float(line.rsplit(None, 1)[1])
    return total


def wait_for(url, expected, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        c = counted(url)
        if c is not None and c >= expected:
            return c
        time.sleep(0.01)
    return counted(url) or 0


def wait_settled(url, expected, timeout):
    """Waits for the full count, or for a count that stopped changing (an exporter that counts
    fewer or more lines than the valid ones). Returns the count and when it last changed."""
    start = time.monotonic()
    last, changed = None, start
    while time.monotonic() - start < timeout:
        c = counted(url)
        now = time.monotonic()
        if c is not None and c != last:
            last, changed = c, now
        if last is not None and (last == expected or (last > 0 and now - changed > 3)):
            return last, changed
        time.sleep(0.01)
    return last or 0, changed


def malformed_copy(source):
    """The events with one line in ten broken (cut short, not JSON, or a wrong type), newline kept;
    returns the file and how many valid events it has."""
    path = source.replace(".jsonl", "_malformed.jsonl")
    valid = 0
    with open(source, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            kind = i % 30
            if kind == 9:
                out.write(line[: len(line) // 2] + "\n")
            elif kind == 19:
                out.write("not json at all\n")
            elif kind == 29:
                out.write(line.replace('"decision":"', '"decision":7,"was":"', 1))
            else:
                out.write(line)
                valid += 1
    return path, valid


def proc_figures(pid):
    rss_kb, ticks = 0, 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss_kb = int(line.split()[1])
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])
    except OSError:
        pass
    return rss_kb / 1024.0, ticks / os.sysconf("SC_CLK_TCK")


def append_lines(path, lines):
    with open(path, "a", encoding="utf-8") as f:
        f.writelines(lines)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--label", required=True)
    a.add_argument("-n", type=int, default=1_000_000)
    a.add_argument("--seed", type=int, default=42)
    a.add_argument("--prefill", choices=["before", "rename"], default="before")
    a.add_argument("--rotation", action="store_true", help="the rotation and truncation check")
    a.add_argument("--malformed", action="store_true", help="one line in ten broken")
    a.add_argument("--append", type=int, default=0, metavar="RATE",
                   help="append events live at RATE/s for 5 s instead of a prefilled file")
    a.add_argument("--workdir", default=os.environ.get("BENCH_WORKDIR", "/tmp/execution-watch-bench"))
    a.add_argument("cmd", nargs=argparse.REMAINDER)
    args = a.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    n = 10_000 if args.rotation else (args.append * 5 if args.append else args.n)
    source = events(args.workdir, n, args.seed)
    expected_valid = n
    if args.malformed:
        source, expected_valid = malformed_copy(source)
    extra = open(events(args.workdir, 5_000, args.seed + 1), encoding="utf-8").readlines()
    run = os.path.join(args.workdir, "run")
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(run)
    path = os.path.join(run, "events.jsonl")
    if args.append:
        open(path, "w").close()
    elif args.prefill == "before":
        shutil.copyfile(source, path)
    else:
        shutil.copyfile(source, path + ".incoming")
        open(path, "w").close()
    port = free_port()
    url = "http://127.0.0.1:%d/metrics" % port
    argv = [x.replace("{PORT}", str(port)).replace("{FILE}", path) for x in cmd]
    env = dict(os.environ, PEAK_TRADE_AI_EVENTS_JSONL=path)
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(run, "exporter.log"), "w"))
    try:
        if args.prefill == "rename":
            while counted(url) is None and time.monotonic() - t0 < 60:
                time.sleep(0.01)
            os.replace(path + ".incoming", path)
            t0 = time.monotonic()
        if args.append:
            while counted(url) is None and time.monotonic() - t0 < 60:
                time.sleep(0.01)
            lines = open(source, encoding="utf-8").readlines()
            batch = max(1, args.append // 100)  # a batch every 10 ms
            start, backlog = time.monotonic(), 0
            for i in range(0, n, batch):
                due = start + i / args.append
                while time.monotonic() < due:
                    time.sleep(0.001)
                append_lines(path, lines[i:i + batch])
                if i % (batch * 10) == 0:
                    c = counted(url)
                    backlog = max(backlog, i + batch - int(c or 0))
            appended = time.monotonic()
            got = wait_for(url, n, 60)
            rss, cpu = proc_figures(proc.pid)
            print("append exporter=%s rate=%d n=%d counted=%d append_s=%.2f lag_after_last_s=%.3f"
                  " max_backlog=%d peak_rss_mb=%.1f cpu_s=%.2f"
                  % (args.label, args.append, n, got, appended - start, time.monotonic() - appended,
                     backlog, rss, cpu), flush=True)
            return
        if args.malformed:
            got, changed = wait_settled(url, expected_valid, 180)
            wall = changed - t0
            rss, cpu = proc_figures(proc.pid)
            print("malformed exporter=%s lines=%d valid=%d counted=%d wall_s=%.3f lines_per_s=%d"
                  " peak_rss_mb=%.1f cpu_s=%.2f"
                  % (args.label, n, expected_valid, got, wall, n / wall, rss, cpu), flush=True)
            return
        got = wait_for(url, n, 180)
        wall = time.monotonic() - t0
        if not args.rotation:
            rss, cpu = proc_figures(proc.pid)
            print("ingest exporter=%s n=%d counted=%d wall_s=%.3f events_per_s=%d peak_rss_mb=%.1f cpu_s=%.2f"
                  % (args.label, n, got, wall, n / wall if got == n else 0, rss, cpu), flush=True)
            return
        expected, lost = n, {"initial": n - got}
        steps = [
            # rename; 100 more to the renamed file; a new file with 1,000
            ("rename_gap", lambda: (os.replace(path, path + ".1"), append_lines(path + ".1", extra[:100]),
                                    append_lines(path, extra[100:1100])), 1100),
            ("truncate", lambda: (open(path, "w").close(), time.sleep(0.5),
                                  append_lines(path, extra[1100:1600])), 500),
            # truncate and at once rewrite longer than the old read offset
            ("trunc_race", lambda: (open(path, "w").writelines(extra[1600:3600])), 2000),
            ("append", lambda: append_lines(path, extra[3600:3900]), 300),
        ]
        missing = lost["initial"]
        for name, act, added in steps:
            act()
            expected += added
            now_missing = expected - int(wait_for(url, expected, 10))
            lost[name], missing = now_missing - missing, now_missing
        print("rotation exporter=%s %s" % (args.label, " ".join("lost_%s=%d" % kv for kv in lost.items())),
              flush=True)
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
