#!/usr/bin/python3
"""Reference exporter in the ops-script style the runbook replaced: Python prometheus_client,
following PEAK_TRADE_AI_EVENTS_JSONL like tail -F (new inode: reopen from the start; shorter than
the offset: start again). Written for the benchmark only; run with Debian's python3 and its
python3-prometheus-client.  Usage: ref_exporter.py --port PORT
"""
import argparse
import json
import os
import time

from prometheus_client import Counter, start_http_server

DECISIONS = Counter("peaktrade_ai_decisions", "AI decisions", ["run_id", "component", "decision", "reason"])
ERRORS = Counter("peaktrade_ai_jsonl_read_errors", "Malformed lines", ["kind"])


def count(line):
    try:
        e = json.loads(line)
    except ValueError:
        ERRORS.labels("not_json").inc()
        return
    if not isinstance(e, dict) or e.get("decision") not in ("accept", "reject", "noop"):
        ERRORS.labels("bad_decision").inc()
        return
    DECISIONS.labels(e.get("run_id", "demo"), e.get("component", "execution_watch"),
                     e["decision"], e.get("reason", "none")).inc()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    path = os.environ["PEAK_TRADE_AI_EVENTS_JSONL"]
    start_http_server(p.parse_args().port, addr="127.0.0.1")
    f, inode, pending = None, None, ""
    while True:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        if st is not None and (f is None or st.st_ino != inode or st.st_size < f.tell()):
            if f is not None:
                f.close()
            f, inode, pending = open(path, "r", encoding="utf-8"), st.st_ino, ""
        if f is None:
            time.sleep(0.05)
            continue
        chunk = f.read(1 << 20)
        if not chunk:
            time.sleep(0.05)
            continue
        lines = (pending + chunk).split("\n")
        pending = lines.pop()
        for line in lines:
            if line:
                count(line)


if __name__ == "__main__":
    main()
