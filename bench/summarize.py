#!/usr/bin/env python3
"""Median, min and max per exporter of the ingest lines: summarize.py ingest.txt"""
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    runs[f["exporter"]].append(f)
for exporter, rs in runs.items():
    print("%s: %d runs" % (exporter, len(rs)))
    for key in ("wall_s", "events_per_s", "peak_rss_mb", "cpu_s"):
        v = [float(r[key]) for r in rs]
        print("  %-13s median %-12g min %-12g max %g" % (key, statistics.median(v), min(v), max(v)))
