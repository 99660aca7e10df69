"""Writes IncrementalStMan test tables with python-casacore and dumps what python-casacore reads back.

Usage: /usr/bin/python3 ism_cases.py OUTDIR

Writes tables OUTDIR/<table> (every scalar type, direct, indirect and variable-shape arrays, small
buckets, both byte orders, one of a million rows) and dumps every column of them with
ism_dump.dump_table (format described there), listing them in OUTDIR/manifest.json.
"""
import json
import os
import sys

import numpy as np
import casacore.tables as ct

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ism_dump import NUMPY, dump_table  # noqa: E402

# String cells are put as numpy unicode arrays: python-casacore 3.5 corrupts reference counts when
# putting numpy object arrays.

OUT = sys.argv[1]
rng = np.random.RandomState(20240611)
manifest = {}

STRINGS = ['', 'a', 'TARGET', 'caf\u00e9 \u2206', 'x' * 40, 'CAL_PHASE#ON_SOURCE', ' spaced ', 'z']


def runs(nrow, min_len, max_len):
    """Run id of every row: runs of min_len..max_len rows."""
    ids = np.empty(nrow, dtype=np.int64)
    row, k = 0, 0
    while row < nrow:
        n = rng.randint(min_len, max_len + 1)
        ids[row:row + n] = k
        row += n
        k += 1
    return ids


def values(vtype, count):
    """count distinct-ish random values of a type (as a numpy array or list of str)."""
    if vtype == 'string':
        return [STRINGS[i % len(STRINGS)] + ('' if i < len(STRINGS) else str(i)) for i in rng.permutation(count)]
    if vtype == 'bool':
        return rng.randint(0, 2, count).astype(np.bool_)
    if vtype in ('float', 'double'):
        v = rng.standard_normal(count) * 1e5
        if count > 10:
            v[3] = np.nan
            v[5] = -0.0
            v[7] = np.inf
        return v.astype(NUMPY[vtype])
    if vtype in ('complex', 'dcomplex'):
        return (rng.standard_normal(count) + 1j * rng.standard_normal(count)).astype(NUMPY[vtype])
    if vtype == 'int64':
        return rng.randint(-2**62, 2**62, count, dtype=np.int64)
    info = np.iinfo(NUMPY[vtype])
    return rng.randint(int(info.min), int(info.max) + 1, count, dtype=np.int64).astype(NUMPY[vtype])


def append_rows(t, nrow, cells):
    """Adds rows one at a time as a telescope writer does, putting cells[col][row] unless it is None."""
    for r in range(nrow):
        t.addrows(1)
        for col, v in cells.items():
            if v[r] is not None:
                t.putcell(col, r, v[r])


def make(name, coldescs, nrow, bucket, endian, fill):
    path = os.path.join(OUT, name)
    td = ct.maketabdesc(coldescs)
    dminfo = {'*1': {'TYPE': 'IncrementalStMan', 'NAME': 'ism', 'SPEC': {'BUCKETSIZE': bucket},
                     'COLUMNS': [c['name'] for c in coldescs]}}
    # buckets must hold well over one row: python-casacore does not check and crashes on too small ones
    t = ct.table(path, td, nrow=0, dminfo=dminfo, endian=endian, ack=False)
    fill(t)
    assert t.nrows() == nrow
    t.close()
    with ct.table(path, ack=False) as t:
        assert [dm['TYPE'] for dm in t.getdminfo().values()] == ['IncrementalStMan']
    manifest[name] = dump_table(path, name, OUT)


def scalar_table(endian):
    nrow = 6000
    types = ['bool', 'uchar', 'short', 'ushort', 'int', 'uint', 'int64', 'float', 'double', 'complex',
             'dcomplex', 'string']
    descs = []
    for vt in types:
        for speed in ('fast', 'slow'):
            descs.append(ct.makescacoldesc(vt + '_' + speed, '' if vt == 'string' else 0, valuetype=vt))
    descs.append(ct.makescacoldesc('double_const', 0.0, valuetype='double'))
    descs.append(ct.makescacoldesc('int_unset', 0, valuetype='int'))

    def fill(t):
        cells = {}
        for vt in types:
            for speed, (lo, hi) in (('fast', (1, 4)), ('slow', (300, 3000))):
                ids = runs(nrow, lo, hi)
                v = values(vt, int(ids[-1]) + 1)
                cells[vt + '_' + speed] = [v[i] for i in ids]
        cells['double_const'] = [4.5e9] * nrow
        append_rows(t, nrow, cells)

    make('scalars_' + endian, descs, nrow, 1024, endian, fill)


def array_table(endian):
    nrow = 3000
    # shapes in numpy order (python-casacore reverses them into casacore order)
    fixed = [('float', [2, 3]), ('bool', [5]), ('bool', [11, 2]), ('complex', [2]), ('dcomplex', [3]),
             ('int', [4]), ('short', [3]), ('uchar', [6]), ('int64', [2]), ('double', [3, 2]), ('string', [3]),
             ('string', [1]), ('uint', [2]), ('ushort', [3])]
    descs = []
    for vt, shape in fixed:
        value = '' if vt == 'string' else 0
        descs.append(ct.makearrcoldesc('dir_%s_%d' % (vt, len(shape) * 10 + shape[0]), value, shape=shape,
                                       valuetype=vt, options=5))
    descs.append(ct.makearrcoldesc('ind_double_fixed', 0.0, shape=[2, 3], valuetype='double', options=4))
    descs.append(ct.makearrcoldesc('ind_string_fixed', '', shape=[2], valuetype='string', options=4))
    descs.append(ct.makearrcoldesc('var_int', 0, ndim=1, valuetype='int'))
    descs.append(ct.makearrcoldesc('var_complex', 0, valuetype='complex'))
    descs.append(ct.makearrcoldesc('var_string', '', ndim=2, valuetype='string'))
    descs.append(ct.makearrcoldesc('var_bool', False, ndim=2, valuetype='bool'))

    def fill(t):
        cells = {}
        for (vt, shape), d in zip(fixed, descs):
            ids = runs(nrow, 1, 40)
            n = int(np.prod(shape))
            pool = values(vt, (int(ids[-1]) + 1) * n)
            npshape = tuple(shape)  # makearrcoldesc takes the shape in numpy order
            dtype = str if vt == 'string' else NUMPY[vt]
            cells[d['name']] = [np.array(pool[i * n:(i + 1) * n], dtype=dtype).reshape(npshape) for i in ids]
        # indirect arrays: a value is put at the first row of a run only, the other rows keep it
        ids = runs(nrow, 1, 200)
        pool = rng.standard_normal((int(ids[-1]) + 1, 2, 3))
        cells['ind_double_fixed'] = [pool[ids[r]] if r == 0 or ids[r] != ids[r - 1] else None for r in range(nrow)]
        cells['ind_string_fixed'] = [np.array(values('string', 2), dtype=str) if r % 7 == 3 else None
                                     for r in range(nrow)]
        for name, vt in (('var_int', 'int'), ('var_complex', 'complex'), ('var_string', 'string'),
                         ('var_bool', 'bool')):
            col = [None] * nrow
            r = rng.randint(1, 20)  # the first rows stay undefined
            while r < nrow:
                n = rng.randint(1, 60)
                ndim = 1 if name == 'var_int' else 2 if name in ('var_string', 'var_bool') else rng.randint(1, 4)
                npshape = tuple(rng.randint(1, 5, ndim))
                cell = values(vt, int(np.prod(npshape)))
                col[r] = np.array(cell, dtype=str if vt == 'string' else NUMPY[vt]).reshape(npshape)
                r += n
            cells[name] = col
        append_rows(t, nrow, cells)

    make('arrays_' + endian, descs, nrow, 4096, endian, fill)


def big_table(endian):
    nrow = 1000000
    descs = [ct.makescacoldesc('TIME', 0.0), ct.makescacoldesc('SCAN_NUMBER', 0),
             ct.makescacoldesc('FLAG_ROW', False)]

    def fill(t):
        t.addrows(nrow)
        t.putcol('TIME', 5.0e9 + 10.0 * (np.arange(nrow) // 4000))
        t.putcol('SCAN_NUMBER', (np.arange(nrow) // 200000).astype(np.int32) + 1)
        flags = np.zeros(nrow, dtype=np.bool_)
        flags[123456:123999] = True
        t.putcol('FLAG_ROW', flags)

    make('big_' + endian, descs, nrow, 32768, endian, fill)


for e in ('little', 'big'):
    scalar_table(e)
    array_table(e)
big_table('little')
with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
    json.dump(manifest, f, indent=1)
