#!/usr/bin/env python3
"""Median, min and max per exporter of every numeric field of key=value lines (ingest.txt,
malformed.txt, ...): summarize.py FILE"""
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split()[1:])
    runs[f["exporter"]].append(f)
for exporter, rs in runs.items():
    print("%s: %d runs" % (exporter, len(rs)))
    for key in rs[0]:
        try:
            v = [float(r[key]) for r in rs]
        except ValueError:
            continue
        print("  %-16s median %-12g min %-12g max %g" % (key, statistics.median(v), min(v), max(v)))
