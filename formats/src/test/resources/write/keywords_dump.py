"""Prints what python-casacore reads from a table: its row count, columns, info and keywords, as JSON.

Usage: keywords_dump.py TABLE
Arrays become {"shape": [...], "values": [...]} (values in casacore's order, first axis fastest);
complex numbers [re, im]; table references their string form.
"""
import json
import sys

import numpy as np
from casacore import tables as pt


def plain(v):
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, np.ndarray):
        shape = list(v.shape)[::-1]  # numpy shows casacore's axes reversed
        return {"shape": shape, "values": [plain(x) for x in v.ravel(order="C")]}
    if isinstance(v, (list, tuple)):
        return {"shape": [len(v)], "values": [plain(x) for x in v]}
    if isinstance(v, (complex, np.complexfloating)):
        return [float(v.real), float(v.imag)]
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    return v


t = pt.table(sys.argv[1], ack=False)
print(json.dumps({"rows": t.nrows(), "columns": t.colnames(), "info": t.info(), "keywords": plain(t.getkeywords())},
                 sort_keys=True))
