"""What `vispark inspect` must print for an MS, from python-casacore: one line per fact, tab-separated.

Usage: inspect_reference.py MS
Lines: rows N | field ID RA_DEG DEC_DEG FRAME | spw ID NCHAN LO_MHZ HI_MHZ | pol ID NAME... |
column NAME DMTYPE | antennas N | time START_ISO END_ISO
"""
import sys

import numpy as np
from casacore import tables as pt
import datetime

ms = sys.argv[1]
t = pt.table(ms, ack=False)
print("rows\t%d" % t.nrows())
if t.nrows():
    tm = t.getcol("TIME")
    for label, v in (("start", tm.min()), ("end", tm.max())):
        iso = datetime.datetime(1858, 11, 17) + datetime.timedelta(seconds=float(v))
        print("time\t%s\t%sZ" % (label, iso.isoformat(timespec="milliseconds")))
dm = {}
for info in t.getdminfo().values():
    for c in info["COLUMNS"]:
        dm[c] = info["TYPE"]
for c in t.colnames():
    print("column\t%s\t%s" % (c, dm[c]))
f = pt.table(ms + "/FIELD", ack=False)
info = f.getcolkeyword("PHASE_DIR", "MEASINFO")
for i in range(f.nrows()):
    d = f.getcell("PHASE_DIR", i)[0]
    if "VarRefCol" in info:  # a frame per row: its code, looked up in the column's code table
        code = f.getcell(info["VarRefCol"], i)
        ref = info["TabRefTypes"][list(info["TabRefCodes"]).index(code)]
    else:
        ref = info["Ref"]
    print("field\t%d\t%.6f\t%+.6f\t%s" % (i, np.degrees(d[0]) % 360.0, np.degrees(d[1]), ref))
s = pt.table(ms + "/SPECTRAL_WINDOW", ack=False)
for i in range(s.nrows()):
    fr = s.getcell("CHAN_FREQ", i)
    print("spw\t%d\t%d\t%.6f\t%.6f" % (i, len(fr), fr.min() / 1e6, fr.max() / 1e6))
print("antennas\t%d" % pt.table(ms + "/ANTENNA", ack=False).nrows())
