#!/usr/bin/env python3
"""Idle memory of long-running processes, side by side: each is started, left running for
--settle seconds (scraped once a second, like Prometheus would, where it serves /metrics), then its
RSS (VmRSS), peak RSS (VmHWM) and PSS are read from /proc. One key=value line per process.

  memory.py --label java_ai_live --port {PORT} -- java ... ai-live --port {PORT}

{PORT} and {FILE} are replaced; PEAK_TRADE_AI_EVENTS_JSONL names the file (an emitter appends to
it, the exporters follow it). Standard library only.
"""
import argparse
import os
import subprocess
import time
import urllib.request

from procs import free_port, stop


def figures(pid):
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1]) / 1024.0
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            if line.startswith("Pss:"):
                out["Pss"] = int(line.split()[1]) / 1024.0
    return out


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--label", required=True)
    a.add_argument("--serves", action="store_true", help="the process serves /metrics on {PORT}")
    a.add_argument("--settle", type=float, default=20)
    a.add_argument("--file", required=True)
    a.add_argument("cmd", nargs=argparse.REMAINDER)
    args = a.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    port = free_port()
    argv = [x.replace("{PORT}", str(port)).replace("{FILE}", args.file) for x in cmd]
    env = dict(os.environ, PEAK_TRADE_AI_EVENTS_JSONL=args.file)
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + args.settle
        while time.monotonic() < end:
            if args.serves:
                try:
                    urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=2).read()
                except Exception:
                    pass
            time.sleep(1)
        f = figures(proc.pid)
        print("memory process=%s idle_rss_mb=%.1f peak_rss_mb=%.1f pss_mb=%.1f"
              % (args.label, f["VmRSS"], f["VmHWM"], f["Pss"]), flush=True)
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
