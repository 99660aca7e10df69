"""Compares an exported MS with its original as python-casacore reads them; prints JSON.

Usage: exported_columns.py ORIGINAL EXPORTED
Output: {"rows": [n_original, n_exported], "checked": N, "differs": ["TABLE.COLUMN", ...]} over every main-table
column of the original with defined cells, and the sub-table columns the visibility lake carries. Floating-point
values compare exactly (NaN equal to NaN).
"""
import json
import sys

import numpy as np
from casacore import tables as pt

CARRIED = {
    'ANTENNA': ['NAME', 'STATION', 'POSITION', 'DISH_DIAMETER', 'MOUNT', 'FLAG_ROW'],
    'FIELD': ['NAME', 'CODE', 'PHASE_DIR', 'DELAY_DIR', 'REFERENCE_DIR', 'TIME', 'SOURCE_ID'],
    'SPECTRAL_WINDOW': ['NAME', 'NUM_CHAN', 'CHAN_FREQ', 'CHAN_WIDTH', 'REF_FREQUENCY', 'TOTAL_BANDWIDTH',
                        'MEAS_FREQ_REF'],
    'POLARIZATION': ['NUM_CORR', 'CORR_TYPE'],
    'DATA_DESCRIPTION': ['SPECTRAL_WINDOW_ID', 'POLARIZATION_ID'],
}


def same(ta, tb, c):
    va, vb = ta.getcol(c), tb.getcol(c)
    if isinstance(va, (list, dict)) or isinstance(vb, (list, dict)):
        return va == vb
    va, vb = np.asarray(va), np.asarray(vb)
    if va.shape != vb.shape:
        return False
    if va.dtype.kind in 'fc':
        return bool(np.array_equal(va, vb, equal_nan=True))
    return bool(np.array_equal(va, vb))


def defined(t, c):
    return t.nrows() > 0 and all(t.iscelldefined(c, r) for r in range(t.nrows()))


a = pt.table(sys.argv[1], ack=False)
b = pt.table(sys.argv[2], ack=False)
differs, checked = [], 0
for c in a.colnames():
    if defined(a, c):
        checked += 1
        if c not in b.colnames() or not same(a, b, c):
            differs.append('MAIN.' + c)
for sub, cols in CARRIED.items():
    sa = pt.table(sys.argv[1] + '/' + sub, ack=False)
    sb = pt.table(sys.argv[2] + '/' + sub, ack=False)
    for c in cols:
        if c in sa.colnames() and defined(sa, c):
            checked += 1
            if c not in sb.colnames() or sa.nrows() != sb.nrows() or not same(sa, sb, c):
                differs.append(sub + '.' + c)
print(json.dumps({'rows': [a.nrows(), b.nrows()], 'checked': checked, 'differs': differs}))
