#!/usr/bin/python3
"""Reads columns of an MS with python-casacore getcol (whole column at once, its fastest path) and
prints one line per column: name, bytes of values, seconds. Usage: read_ms_casacore.py MS COLUMN..."""
import sys, time
import casacore.tables as ct

ms = sys.argv[1]
total = 0.0
total_bytes = 0
t = ct.table(ms, ack=False)
for col in sys.argv[2:]:
    t0 = time.perf_counter()
    v = t.getcol(col)
    sec = time.perf_counter() - t0
    print('casacore %-10s %12d bytes %8.3f s' % (col, v.nbytes, sec))
    total += sec
    total_bytes += v.nbytes
    del v
t.close()
print('casacore TOTAL %d bytes %.3f s %.1f MB/s' % (total_bytes, total, total_bytes / total / 1e6))
