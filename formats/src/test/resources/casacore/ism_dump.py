"""Dumps what python-casacore reads from table columns, for vispark's conformance tests.

Usage: /usr/bin/python3 ism_dump.py OUTDIR NAME=TABLEPATH...
dumps every IncrementalStMan column of each table.

For a table dumped under NAME and each of its columns COL, OUTDIR/NAME.COL.bin holds the values
python-casacore's getcol/getcell return, cells in row order, each in casacore order (first axis
fastest), little-endian: numbers in their own size (Complex as float32 pairs), Bool as one byte 0/1,
String as int32 byte length + UTF-8 bytes. OUTDIR/manifest.json maps NAME to its row count and per
column its type, kind (scalar, fixed, var) and, for var columns, the casacore shape of every row
(null when the cell is undefined).
"""
import json
import os
import sys

import numpy as np
import casacore.tables as ct

# python-casacore's row object cannot hold uShort columns; the tables dumped here never use it.
ct.table._makerow = lambda self: None

# python-casacore value type names to numpy types
NUMPY = {'bool': np.bool_, 'boolean': np.bool_, 'uchar': np.uint8, 'short': np.int16, 'ushort': np.uint16,
         'int': np.int32, 'uint': np.uint32, 'int64': np.int64, 'float': np.float32, 'double': np.float64,
         'complex': np.complex64, 'dcomplex': np.complex128}


def string_values(c):
    """The strings of a cell or column in C order; python-casacore gives string arrays of more
    than one axis as a dict of numpy-order shape and flat values."""
    if isinstance(c, dict):
        return c['array']
    return np.asarray(c, dtype=object).ravel(order='C')


def numpy_shape(c):
    return c['shape'] if isinstance(c, dict) else list(np.shape(c))


def dump(path, vtype, cells):
    """cells: list of numpy arrays / scalars / strings in row order (None for undefined)."""
    with open(path, 'wb') as f:
        for c in cells:
            if c is None:
                continue
            if vtype == 'string':
                for s in string_values(c):
                    b = str(s).encode('utf-8')
                    f.write(np.int32(len(b)).astype('<i4').tobytes())
                    f.write(b)
                continue
            a = np.ascontiguousarray(np.asarray(c, dtype=NUMPY[vtype]))
            if vtype == 'bool':
                a = a.astype(np.uint8)
            elif vtype == 'complex':
                a = a.view(np.float32)
            elif vtype == 'dcomplex':
                a = a.view(np.float64)
            f.write(a.astype(a.dtype.newbyteorder('<')).tobytes())


def dump_table(path, name, outdir, columns=None):
    """Dumps the given columns (default: all) of the table at path; returns its manifest entry."""
    t = ct.table(path, ack=False)
    nrow = t.nrows()
    entry = {'nrow': nrow, 'columns': {}}
    for col in (t.colnames() if columns is None else columns):
        desc = t.getcoldesc(col)
        vtype = desc['valueType']
        if 'ndim' not in desc:
            kind = 'scalar'
            cells = list(t.getcol(col)) if vtype == 'string' else [t.getcol(col)]
            shapes = None
        elif len(desc.get('shape', [])) > 0:
            kind = 'fixed'
            cells = [t.getcol(col)]
            shapes = None
        else:
            kind = 'var'
            cells, shapes = [], []
            for r in range(nrow):
                if t.iscelldefined(col, r):
                    v = t.getcell(col, r)
                    cells.append(v)
                    shapes.append(list(reversed(numpy_shape(v))))
                else:
                    cells.append(None)
                    shapes.append(None)
        dump(os.path.join(outdir, name + '.' + col + '.bin'), vtype, cells)
        entry['columns'][col] = {'type': vtype, 'kind': kind, 'shapes': shapes}
    t.close()
    return entry


def ism_columns(path):
    t = ct.table(path, ack=False)
    cols = [c for dm in t.getdminfo().values() if dm['TYPE'] == 'IncrementalStMan' for c in dm['COLUMNS']]
    t.close()
    return cols


if __name__ == '__main__':
    out = sys.argv[1]
    manifest = {}
    for arg in sys.argv[2:]:
        name, path = arg.split('=', 1)
        manifest[name] = dump_table(path, name, out, ism_columns(path))
    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
