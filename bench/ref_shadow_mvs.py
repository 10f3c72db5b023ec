#!/usr/bin/python3
"""Reference mock shadow_mvs exporter in the ops-script style: prometheus_client counters that grow
with time. For the memory comparison only.  Usage: ref_shadow_mvs.py --port PORT
"""
import argparse
import time

from prometheus_client import Counter, Gauge, start_http_server

a = argparse.ArgumentParser()
a.add_argument("--port", type=int, required=True)
args = a.parse_args()
up = Gauge("shadow_mvs_up", "1 while serving")
signals = Counter("peaktrade_signals", "signals")
approved = Counter("peaktrade_orders_approved", "approved")
blocked = Counter("peaktrade_orders_blocked", "blocked", ["reason"])
stages = Counter("peaktrade_pipeline_events", "events", ["stage"])
start_http_server(args.port, addr="127.0.0.1")
up.set(1)
while True:
    signals.inc(3)
    approved.inc(2)
    blocked.labels("risk_limit").inc()
    for s in ("signal", "risk_check", "approved", "blocked", "shadow_fill"):
        stages.labels(s).inc()
    time.sleep(1)
