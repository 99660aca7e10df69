"""Prints what python-casacore reads from a table, as JSON: row count, column names, info, keywords, and per
column its keywords and all its values.

Usage: table_dump.py TABLE
Numeric and Bool columns are given as base64 of their little-endian bytes in casacore order (row by row, each
cell first axis fastest; Bool one byte per value), so values compare bit for bit; String columns as lists.
"""
import base64
import json
import sys

import numpy as np
from casacore import tables as pt



def plain(v):
    """A keyword value as JSON: arrays as {"shape", "values"} (casacore order), complex as [re, im]."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, np.ndarray):
        return {"shape": list(v.shape)[::-1], "values": [plain(x) for x in v.ravel(order="C")]}
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


LE = {'bool': '|u1', 'uint8': '|u1', 'int16': '<i2', 'uint16': '<u2', 'int32': '<i4', 'uint32': '<u4',
      'int64': '<i8', 'float32': '<f4', 'float64': '<f8', 'complex64': '<c8', 'complex128': '<c16'}

t = pt.table(sys.argv[1], ack=False)
out = {'rows': t.nrows(), 'columns': t.colnames(), 'info': t.info(), 'keywords': plain(t.getkeywords()),
       'values': {}, 'colkeywords': {}}
for c in t.colnames():
    out['colkeywords'][c] = plain(t.getcolkeywords(c))
    if t.nrows() == 0:
        continue
    v = t.getcol(c)
    if isinstance(v, dict):
        v = np.array(v['array']).reshape(v['shape'])
    v = np.asarray(v)
    if v.dtype.kind in 'US' or v.dtype == object:
        out['values'][c] = {'strings': [str(x) for x in v.ravel(order='C')]}
    else:
        # python-casacore widens uChar to uint16; store it back in one byte per value as casacore does
        le = '|u1' if t.getcoldesc(c)['valueType'] == 'uchar' else LE[str(v.dtype)]
        out['values'][c] = {'dtype': str(v.dtype), 'shape': list(v.shape[1:])[::-1],
                            'b64': base64.b64encode(np.ascontiguousarray(v).astype(le).tobytes()).decode()}
print(json.dumps(out, sort_keys=True))
