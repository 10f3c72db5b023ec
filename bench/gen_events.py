#!/usr/bin/env python3
"""Writes N deterministic peaktrade.ai_event.v1 decision lines (seeded) to a file.

Usage: gen_events.py OUT N [SEED]   Prints the number of lines and bytes written.
"""
import json
import random
import sys

DECISIONS = ["accept", "reject", "noop"]
REASONS = ["none", "risk_limit", "max_position", "cooldown", "spread_too_wide"]


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            decision = rng.choice(DECISIONS)
            line = json.dumps({
                "schema": "peaktrade.ai_event.v1",
                "ts": "2026-11-27T17:%02d:%02d.%03dZ" % (i // 60000 % 60, i // 1000 % 60, i % 1000),
                "run_id": "demo", "component": "execution_watch", "event": "decision",
                "decision": decision,
                "reason": "none" if decision != "reject" else rng.choice(REASONS[1:]),
                "symbol": "BTC/EUR", "strategy": "ma_cross",
                "confidence": round(rng.random(), 3), "latency_ms": round(rng.random() * 50, 2),
            }, separators=(",", ":"))
            f.write(line + "\n")
            written += len(line) + 1
    print("lines=%d bytes=%d" % (n, written))


if __name__ == "__main__":
    main()
