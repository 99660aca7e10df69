#!/usr/bin/python3
"""File count and size statistics of a vispark lake: per table, and for visibilities per partition.
Usage: lake_stats.py LAKE"""
import os, statistics, sys

lake = sys.argv[1]
for table in sorted(d for d in os.listdir(lake) if not d.startswith(('_', '.'))):
    sizes, parts = [], set()
    for root, _, files in os.walk(os.path.join(lake, table)):
        for f in files:
            if f.endswith('.parquet'):
                sizes.append(os.path.getsize(os.path.join(root, f)))
                parts.add(os.path.relpath(root, os.path.join(lake, table)))
    if not sizes:
        continue
    line = '%-18s %6d files %10.1f MB  file size min %.2f / median %.2f / max %.2f MB' % (
        table, len(sizes), sum(sizes) / 1e6, min(sizes) / 1e6, statistics.median(sizes) / 1e6, max(sizes) / 1e6)
    if table == 'visibilities':
        line += '  in %d partitions (obs_date x bl_bucket)' % len(parts)
    print('LAKE ' + line)
