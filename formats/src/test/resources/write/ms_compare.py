"""Compares two Measurement Sets as python-casacore reads them, column by column, and prints JSON.

Usage: ms_compare.py ORIGINAL COPY
Output: {"main": {COLUMN: STATUS}, "subtables": {TABLE: {COLUMN: STATUS}}, "copy_subtables": [...]}
where STATUS is "equal", "differs", "missing" (not in the copy), "undefined" (the original has undefined
cells) or "empty" (no rows in the original). Floating-point values compare exactly (NaN equal to NaN).
"""
import json
import sys

import numpy as np
from casacore import tables as pt



def column_status(ta, tb, c):
    if c not in tb.colnames():
        return 'missing'
    if ta.nrows() == 0:
        return 'empty'
    if ta.nrows() != tb.nrows():
        return 'differs'
    if not all(ta.iscelldefined(c, r) for r in range(ta.nrows())):
        return 'undefined'
    va, vb = ta.getcol(c), tb.getcol(c)
    if isinstance(va, list) or isinstance(vb, list):
        return 'equal' if list(va) == list(vb) else 'differs'
    va, vb = np.asarray(va), np.asarray(vb)
    if va.shape != vb.shape:
        return 'differs'
    if va.dtype.kind in 'fc':
        return 'equal' if np.array_equal(va, vb, equal_nan=True) else 'differs'
    return 'equal' if np.array_equal(va, vb) else 'differs'


a = pt.table(sys.argv[1], ack=False)
b = pt.table(sys.argv[2], ack=False)
out = {'main': {c: column_status(a, b, c) for c in a.colnames()}, 'subtables': {},
       'rows': [a.nrows(), b.nrows()], 'copy_subtables': sorted(b.getsubtables())}
for k, v in a.getkeywords().items():
    if isinstance(v, str) and v.startswith('Table: '):
        sa = pt.table(v[7:], ack=False)
        kb = b.getkeywords().get(k)
        if not (isinstance(kb, str) and kb.startswith('Table: ')):
            out['subtables'][k] = {'': 'missing'}
            continue
        sb = pt.table(kb[7:], ack=False)
        out['subtables'][k] = {c: column_status(sa, sb, c) for c in sa.colnames()}
print(json.dumps(out, sort_keys=True))
