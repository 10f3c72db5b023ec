#!/usr/bin/python3
"""Reference emitter in the ops-script style the runbook used: appends one AI decision event per
1/RATE seconds to PEAK_TRADE_AI_EVENTS_JSONL, forever. For the memory comparison only (the idle
footprint of the Python stack the demo replaces).  Usage: ref_emitter.py --rate 2
"""
import argparse
import json
import os
import random
import time
from datetime import datetime, timezone

a = argparse.ArgumentParser()
a.add_argument("--rate", type=float, default=2.0)
args = a.parse_args()
path = os.environ["PEAK_TRADE_AI_EVENTS_JSONL"]
r = random.Random(42)
while True:
    decision = r.choice(["accept", "accept", "accept", "reject", "noop"])
    event = {"schema": "peaktrade.ai_event.v1",
             "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
             "run_id": "demo", "component": "execution_watch", "event": "decision",
             "decision": decision,
             "reason": r.choice(["risk_limit", "cooldown"]) if decision == "reject" else "none"}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(event, separators=(",", ":")) + "\n")
    time.sleep(1 / args.rate)
