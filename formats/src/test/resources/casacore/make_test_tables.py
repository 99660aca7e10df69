#!/usr/bin/python3
"""Write small casacore tables with real casacore (Debian's python3-casacore) that together cover the
storage managers, value types and keyword forms the pure-Java reader must read bit-for-bit.

Usage: /usr/bin/python3 make_test_tables.py OUTDIR

Every table is written twice: OUTDIR/<name> little-endian and OUTDIR/<name>_be big-endian
(casacore's endian='big'), with the same values. Values come from numpy generators seeded per table,
so the content is the same on every run. Shapes below are in casacore order (first axis fastest);
numpy arrays handed to casacore have the reversed shape.

Tables:
  ssm         StandardStMan with small buckets: a scalar column of every type python-casacore can write
              (Bool, uChar, Short, Int, uInt, Int64, Float, Double, Complex, DComplex, String with empty,
              non-ASCII and strings longer than a bucket; NaN, infinities, -0.0, subnormals, extreme
              integers), fixed-shape arrays stored directly (Double, Bool, String) and indirectly
              (Complex), variable-shape arrays of every type with undefined cells (incl. String arrays
              and arrays of varying dimensionality), a record column. Keywords naming an internal
              subtable (which has a subtable itself) and a sibling table; column keywords QuantumUnits
              and MEASINFO; table.info type and subType.
  keywords    table and column keywords of every type python-casacore can write, arrays of every type
              (incl. 2-D String, empty), nested and empty records, NaN and infinities.
  ism         IncrementalStMan with small buckets: scalars of every type changing at irregular
              intervals (independently per column), fixed-shape Float and Bool arrays, a variable-shape
              Int array with undefined cells.
  tsm_shape   TiledShapeStMan: Complex, Float and Bool columns whose rows have shapes [2,3], then [4,5],
              then [2,3] again (back into the first hypercube), then undefined cells, then [3,1] and
              [4,5]; tile shapes that leave partial edge tiles.
  tsm_cell    TiledCellStMan: one hypercube per row with varying 2-D shapes (the column's dimensionality
              must be fixed), undefined cells.
  dangling    a keyword referring to a subtable that was deleted (as the ALMA MS's ASDM_* keywords do),
              beside one to a subtable that exists.
  tsm_column  TiledColumnStMan: fixed shape [3,7] Double, Complex, Bool, Int columns with tile shape
              [2,4,5] over 23 rows: partial edge tiles on every axis.
  edited      rows removed and added after writing, then columns added in new TiledShapeStMan,
              StandardStMan and IncrementalStMan instances, then more rows.
  fixed_strings  String columns with a maximum length (stored in place), 3000 rows in small buckets.
  big_tiled   many tiles: TiledColumnStMan [4,16] Complex with tiles [3,5,64] over 3000 rows,
              TiledShapeStMan Bool and Float with partial tiles, IncrementalStMan TIME.
  empty       no rows, columns in every storage manager.
"""
import os
import shutil
import sys

import numpy as np
import casacore.tables as ct

# One example value per python-casacore value type name, in casacore's type order.
SCALAR_TYPES = ['bool', 'uchar', 'short', 'int', 'uint', 'int64', 'float', 'double', 'complex', 'dcomplex',
                'string']
NUMPY = {'bool': np.bool_, 'uchar': np.uint8, 'short': np.int16, 'int': np.int32, 'uint': np.uint32,
         'int64': np.int64, 'float': np.float32, 'double': np.float64, 'complex': np.complex64,
         'dcomplex': np.complex128}
SPECIAL_FLOATS = [np.nan, np.inf, -np.inf, -0.0, 0.0, 5e-324, 1.4e-45, 3.4028234663852886e38, -1.0, 1e-300]


def col_name(vtype):
    return vtype.upper()


def random_values(rng, vtype, n):
    """n values of a python-casacore value type, with the type's extremes and special values mixed in."""
    if vtype == 'bool':
        return rng.random(n) < 0.5
    if vtype == 'string':
        return [random_string(rng) for _ in range(n)]
    dt = NUMPY[vtype]
    if np.issubdtype(dt, np.integer):
        info = np.iinfo(dt)
        v = rng.integers(info.min, info.max, n, dtype=dt, endpoint=True)
        special = [info.min, info.max, 0, 1]
        for i in range(0, n, 7):
            v[i] = special[(i // 7) % len(special)]
        return v
    if np.issubdtype(dt, np.complexfloating):
        part = np.float32 if dt == np.complex64 else np.float64
        v = np.empty(n, dtype=dt)
        v.real = random_floats(rng, part, n)
        v.imag = random_floats(rng, part, n)[::-1]
        return v
    return random_floats(rng, dt, n)


def random_floats(rng, dt, n):
    v = (rng.normal(size=n) * 10.0 ** rng.integers(-30, 30, n)).astype(dt)
    for i in range(0, n, 5):
        with np.errstate(over='ignore'):
            v[i] = dt(SPECIAL_FLOATS[(i // 5) % len(SPECIAL_FLOATS)])
    return v


def random_string(rng):
    kind = rng.integers(0, 10)
    if kind == 0:
        return ''
    if kind == 1:
        return 'long-' + ''.join(chr(c) for c in rng.integers(32, 127, int(rng.integers(600, 3000))))
    if kind == 2:
        return 'ünïcödé λ 北京 ' + str(int(rng.integers(0, 1000)))
    return ''.join(chr(c) for c in rng.integers(32, 127, int(rng.integers(1, 24))))


def cut_utf8(s, nbytes):
    """The longest prefix of s whose UTF-8 form has at most nbytes bytes (casacore's maxlen counts bytes)."""
    return s.encode('utf-8')[:nbytes].decode('utf-8', 'ignore')


def random_array(rng, vtype, shape):
    """A numpy array (or string dict) with casacore shape `shape`."""
    nshape = tuple(reversed(shape))
    n = int(np.prod(nshape)) if nshape else 1
    if vtype == 'string':
        return np.array([random_string(rng)[:40] for _ in range(n)], dtype=object).reshape(nshape).astype(str)
    return np.asarray(random_values(rng, vtype, n)).reshape(nshape)


def np_shape(shape):
    """The numpy shape of a casacore shape (makearrcoldesc takes numpy order)."""
    return list(reversed(shape))


def new_table(path, columns, nrow, endian, dminfo=None):
    if os.path.exists(path):
        shutil.rmtree(path)
    return ct.table(path, ct.maketabdesc(columns), nrow=nrow, ack=False, endian=endian, dminfo=dminfo or {})


def measinfo_keywords():
    return {'QuantumUnits': np.array(['rad', 'rad']),
            'MEASINFO': {'type': 'direction', 'Ref': 'J2000'}}


def every_keyword_type(rng):
    """A keyword record with a field of every type python-casacore can write, arrays and nested records."""
    return {
        'k_bool': True,
        'k_int': np.int32(-7),
        'k_uint': np.uint32(4000000000),
        'k_int64': np.int64(-(1 << 40)),
        'k_float': np.float32(1.1),
        'k_double': 0.1,
        'k_nan': float('nan'),
        'k_inf': float('-inf'),
        'k_complex': np.complex64(1.5 - 2.25j),
        'k_dcomplex': complex(1e-300, -3.0),
        'k_string': 'hello, casacore',
        'k_empty_string': '',
        'k_unicode': 'Zürich 北',
        'k_array_float': rng.normal(size=(2, 3)).astype(np.float32),
        'k_array_double': rng.normal(size=5),
        'k_array_int': np.arange(-3, 9, dtype=np.int32).reshape(3, 2, 2),
        'k_array_uint': np.array([0, 1, 4294967295], dtype=np.uint32),
        'k_array_int64': np.array([-(1 << 62), 3], dtype=np.int64),
        'k_array_short': np.array([-32768, 32767], dtype=np.int16),
        'k_array_bool': np.array([[True, False, True], [False, False, True]]),
        'k_array_complex': (rng.normal(size=4) + 1j * rng.normal(size=4)).astype(np.complex64),
        'k_array_dcomplex': rng.normal(size=2) + 1j * rng.normal(size=2),
        'k_array_string': np.array(['a', '', 'ccc']),
        'k_array_string_2d': np.array([['x', 'yy'], ['zzz', '']]),
        'k_array_empty': np.zeros(0, dtype=np.int32),
        'k_record': {'level1': 1, 'inner': {'level2': 'two', 'deeper': {'level3': np.arange(3.0)}},
                     'empty': {}},
    }


def make_ssm(path, endian):
    rng = np.random.default_rng(11)
    nrow = 157
    cols = []
    for vt in SCALAR_TYPES:
        kw = measinfo_keywords() if vt == 'double' else {}
        cols.append(ct.makescacoldesc(col_name(vt), 0, valuetype=vt, keywords=kw, comment='scalar ' + vt))
    cols.append(ct.makearrcoldesc('DIRECT_DOUBLE', 0.0, shape=np_shape([3, 2]), options=1, valuetype='double',
                                  keywords={'QuantumUnits': np.array(['m', 'm']), 'MEASINFO':
                                            {'type': 'position', 'Ref': 'ITRF'}}))
    cols.append(ct.makearrcoldesc('DIRECT_BOOL', False, shape=np_shape([3, 5]), options=1, valuetype='bool'))
    cols.append(ct.makearrcoldesc('DIRECT_STRING', '', shape=[3], options=1, valuetype='string'))
    cols.append(ct.makearrcoldesc('FIXED_COMPLEX', 0j, shape=np_shape([2, 3]), options=4, valuetype='complex'))
    for vt in SCALAR_TYPES:
        cols.append(ct.makearrcoldesc('VAR_' + col_name(vt), 0, ndim=2, valuetype=vt))
    cols.append(ct.makearrcoldesc('VAR_NDIM_DOUBLE', 0.0, valuetype='double'))
    cols.append(ct.makescacoldesc('RECORD', {}, valuetype='record'))
    dminfo = {'*1': {'TYPE': 'StandardStMan', 'NAME': 'ssm_small', 'SPEC': {'BUCKETSIZE': 1024},
                     'COLUMNS': [c['name'] for c in cols]}}
    t = new_table(path, cols, nrow, endian, dminfo)
    for vt in SCALAR_TYPES:
        v = random_values(rng, vt, nrow)
        t.putcol(col_name(vt), v if vt == 'string' else np.asarray(v))
    t.putcol('DIRECT_DOUBLE', random_values(rng, 'double', nrow * 6).reshape(nrow, 2, 3))
    t.putcol('DIRECT_BOOL', random_values(rng, 'bool', nrow * 15).reshape(nrow, 5, 3))
    for r in range(nrow):
        t.putcell('DIRECT_STRING', r, random_array(rng, 'string', [3]))
    t.putcol('FIXED_COMPLEX', random_values(rng, 'complex', nrow * 6).reshape(nrow, 3, 2))
    for vt in SCALAR_TYPES:
        for r in range(nrow):
            if rng.random() < 0.2:
                continue  # undefined cell
            # empty cells only as [n, 0]: casacore's big-endian StManIndArray rejects [0, n]
            shape = [int(rng.integers(1, 5)), int(rng.integers(0, 4))]
            t.putcell('VAR_' + col_name(vt), r, random_array(rng, vt, shape))
    for r in range(nrow):
        if r % 9 == 4:
            continue
        ndim = int(rng.integers(1, 4))
        t.putcell('VAR_NDIM_DOUBLE', r, random_array(rng, 'double', [int(rng.integers(1, 4)) for _ in range(ndim)]))
    for r in range(0, nrow, 3):
        t.putcell('RECORD', r, {'row': r, 'name': 'row %d' % r, 'values': rng.normal(size=r % 4),
                                'flag': bool(r % 2), 'mask': np.arange(r % 5) % 2 == 0,
                                'nested': {'c': complex(r, -r), 'tags': ['a', 'b'][:r % 3]}})
    t.putkeyword('DESCRIPTION', 'StandardStMan conformance table')
    t.putinfo({'type': 'vispark test', 'subType': 'ssm', 'readme': 'StandardStMan conformance table\nline 2'})
    sub = make_subtable(os.path.join(path, 'SUBTABLE'), endian, rng, 'sub')
    inner = make_subtable(os.path.join(path, 'SUBTABLE', 'INNER'), endian, rng, 'inner')
    sub.putkeyword('INNER', inner)
    inner.close()
    sub.close()
    t.putkeyword('SUBTABLE', ct.table(os.path.join(path, 'SUBTABLE'), ack=False))
    sibling = make_subtable(path + '.sibling', endian, rng, 'sibling')
    t.putkeyword('SIBLING', sibling)
    sibling.close()
    t.close()


def make_dangling(path, endian):
    """A table with a subtable (KEPT) and a keyword naming a subtable that was deleted (GONE)."""
    rng = np.random.default_rng(66)
    t = new_table(path, [ct.makescacoldesc('ID', 0)], 3, endian)
    t.putcol('ID', np.arange(3, dtype=np.int32))
    kept = make_subtable(os.path.join(path, 'KEPT'), endian, rng, 'kept')
    t.putkeyword('KEPT', kept)
    kept.close()
    gone = make_subtable(os.path.join(path, 'GONE'), endian, rng, 'gone')
    t.putkeyword('GONE', gone)
    gone.close()
    t.putkeyword('AFTER', 'a keyword after the dangling reference')
    t.close()
    shutil.rmtree(os.path.join(path, 'GONE'))


def make_keywords(path, endian):
    """A table whose table and column keywords hold every type, arrays and nested records."""
    rng = np.random.default_rng(77)
    cols = [ct.makescacoldesc('ID', 0, keywords=every_keyword_type(rng)),
            ct.makearrcoldesc('DIR', 0.0, shape=[2], keywords=measinfo_keywords())]
    t = new_table(path, cols, 2, endian)
    t.putcol('ID', np.arange(2, dtype=np.int32))
    t.putcol('DIR', rng.normal(size=(2, 2)))
    t.putkeywords(every_keyword_type(rng))
    t.putinfo({'type': 'vispark test', 'subType': 'keywords', 'readme': ''})
    t.close()


def make_edited(path, endian):
    """A table edited after creation: rows removed and added (new StandardStMan cells keep stale bucket
    bytes, new IncrementalStMan cells repeat the last value), then columns added in new data managers,
    then rows added again (extending the TiledShapeStMan hypercubes)."""
    rng = np.random.default_rng(88)
    cols = [ct.makescacoldesc('ID', 0), ct.makescacoldesc('NAME', ''),
            ct.makescacoldesc('SLOW', 0.0, datamanagertype='IncrementalStMan'),
            ct.makearrcoldesc('VAR', 0.0, ndim=1)]
    dminfo = {'*1': {'TYPE': 'StandardStMan', 'NAME': 'ssm', 'SPEC': {'BUCKETSIZE': 512},
                     'COLUMNS': ['ID', 'NAME', 'VAR']},
              '*2': {'TYPE': 'IncrementalStMan', 'NAME': 'ism', 'SPEC': {'BUCKETSIZE': 512}, 'COLUMNS': ['SLOW']}}
    nrow = 400
    t = new_table(path, cols, nrow, endian, dminfo)
    t.putcol('ID', np.arange(nrow, dtype=np.int32))
    t.putcol('NAME', ['name %d' % (i * 7919 % 1000) for i in range(nrow)])
    t.putcol('SLOW', np.repeat(rng.normal(size=nrow // 9 + 1), 9)[:nrow])
    for r in range(0, nrow, 2):
        t.putcell('VAR', r, rng.normal(size=int(rng.integers(0, 6))))
    t.removerows([0, 3, 4, 5, 57] + list(range(100, 180)) + [399])
    t.addrows(30)
    t.putcol('ID', np.arange(-1, -11, -1, dtype=np.int32), startrow=t.nrows() - 10, nrow=10)
    t.addcols(ct.makearrcoldesc('LATE_DATA', 0j, ndim=2, valuetype='complex', datamanagertype='TiledShapeStMan',
                                datamanagergroup='LateData'),
              dminfo={'TYPE': 'TiledShapeStMan', 'NAME': 'LateData', 'SPEC': {'DEFAULTTILESHAPE': [2, 3, 16]}})
    t.addcols(ct.makescacoldesc('LATE_FLOAT', 0.0, valuetype='float'))
    t.addcols(ct.makescacoldesc('LATE_ISM', 0, datamanagertype='IncrementalStMan'),
              dminfo={'TYPE': 'IncrementalStMan', 'NAME': 'late_ism', 'SPEC': {}})
    n = t.nrows()
    for r in range(0, n, 3):
        t.putcell('LATE_DATA', r, random_array(rng, 'complex', [2, 3] if r < n // 2 else [2, 5]))
    t.putcol('LATE_FLOAT', random_values(rng, 'float', n))
    t.putcol('LATE_ISM', (np.arange(n) // 25).astype(np.int32))
    # grow again: the hypercubes of LATE_DATA are extended
    t.addrows(40)
    for r in range(n, n + 40):
        t.putcell('LATE_DATA', r, random_array(rng, 'complex', [2, 3] if r % 2 else [2, 5]))
        t.putcell('SLOW', r, float(r // 10))
    t.putinfo({'type': 'vispark test', 'subType': 'edited', 'readme': ''})
    t.close()


def make_fixed_strings(path, endian):
    """String columns with a maximum length (StandardStMan stores them in place) and many rows."""
    rng = np.random.default_rng(99)
    nrow = 3000
    cols = [ct.makescacoldesc('CODE', '', maxlen=8), ct.makescacoldesc('FREE', ''),
            ct.makearrcoldesc('CODES', '', shape=[3], maxlen=5, options=1),
            ct.makescacoldesc('N', 0), ct.makescacoldesc('X', 0.0), ct.makescacoldesc('FLAG', False)]
    dminfo = {'*1': {'TYPE': 'StandardStMan', 'NAME': 'ssm', 'SPEC': {'BUCKETSIZE': 512},
                     'COLUMNS': [c['name'] for c in cols]}}
    t = new_table(path, cols, nrow, endian, dminfo)
    t.putcol('CODE', [cut_utf8(random_string(rng), 8) for _ in range(nrow)])
    t.putcol('FREE', [random_string(rng)[:100] for _ in range(nrow)])
    for r in range(nrow):
        t.putcell('CODES', r, np.array([cut_utf8(random_string(rng), 5) for _ in range(3)]))
    t.putcol('N', random_values(rng, 'int', nrow))
    t.putcol('X', random_values(rng, 'double', nrow))
    t.putcol('FLAG', random_values(rng, 'bool', nrow))
    t.putinfo({'type': 'vispark test', 'subType': 'fixed_strings', 'readme': ''})
    t.close()


def make_big_tiled(path, endian):
    """Many tiles: a TiledColumnStMan Complex column [4,16] over 3000 rows with tiles [3,5,64], a
    TiledShapeStMan Bool and Float column with partial tiles, and an IncrementalStMan TIME."""
    rng = np.random.default_rng(111)
    nrow = 3000
    cols = [ct.makearrcoldesc('DATA', 0j, shape=np_shape([4, 16]), valuetype='complex',
                              datamanagertype='TiledColumnStMan', datamanagergroup='TiledData'),
            ct.makearrcoldesc('FLAG', False, ndim=2, valuetype='bool', datamanagertype='TiledShapeStMan',
                              datamanagergroup='TiledFlag'),
            ct.makearrcoldesc('WEIGHT_SPECTRUM', 0.0, ndim=2, valuetype='float', datamanagertype='TiledShapeStMan',
                              datamanagergroup='TiledWeight'),
            ct.makescacoldesc('TIME', 0.0, datamanagertype='IncrementalStMan')]
    dminfo = {'*1': {'TYPE': 'TiledColumnStMan', 'NAME': 'TiledData', 'SPEC': {'DEFAULTTILESHAPE': [3, 5, 64]},
                     'COLUMNS': ['DATA']},
              '*2': {'TYPE': 'TiledShapeStMan', 'NAME': 'TiledFlag', 'SPEC': {'DEFAULTTILESHAPE': [4, 7, 50]},
                     'COLUMNS': ['FLAG']},
              '*3': {'TYPE': 'TiledShapeStMan', 'NAME': 'TiledWeight', 'SPEC': {'DEFAULTTILESHAPE': [3, 16, 33]},
                     'COLUMNS': ['WEIGHT_SPECTRUM']}}
    t = new_table(path, cols, nrow, endian, dminfo)
    t.putcol('DATA', random_values(rng, 'complex', nrow * 64).reshape(nrow, 16, 4))
    t.putcol('FLAG', rng.random((nrow, 16, 4)) < 0.1)
    t.putcol('WEIGHT_SPECTRUM', rng.random((nrow, 16, 4)).astype(np.float32))
    t.putcol('TIME', 5e9 + np.repeat(np.arange(nrow // 45 + 1) * 12.884902, 45)[:nrow])
    t.putinfo({'type': 'vispark test', 'subType': 'big_tiled', 'readme': ''})
    t.close()


def make_empty(path, endian):
    """No rows, with columns in every storage manager."""
    cols = [ct.makescacoldesc('A', 0), ct.makescacoldesc('S', ''),
            ct.makescacoldesc('B', 0.0, datamanagertype='IncrementalStMan'),
            ct.makearrcoldesc('V', 0.0, ndim=1),
            ct.makearrcoldesc('T', 0j, ndim=2, datamanagertype='TiledShapeStMan', datamanagergroup='T'),
            ct.makearrcoldesc('C', 0.0, shape=[2, 3], datamanagertype='TiledColumnStMan', datamanagergroup='C')]
    t = new_table(path, cols, 0, endian)
    t.putkeyword('EMPTY', True)
    t.close()


def make_subtable(path, endian, rng, name):
    cols = [ct.makescacoldesc('NAME', ''), ct.makescacoldesc('VALUE', 0.0,
                                                             keywords={'QuantumUnits': np.array(['Jy'])}),
            ct.makearrcoldesc('POSITION', 0.0, shape=[3])]
    t = new_table(path, cols, 4, endian)
    t.putcol('NAME', ['%s-%d' % (name, i) for i in range(4)])
    t.putcol('VALUE', rng.normal(size=4))
    t.putcol('POSITION', rng.normal(size=(4, 3)))
    t.putkeyword('WHO', name)
    t.putinfo({'type': 'vispark subtable', 'subType': name, 'readme': ''})
    return t


def runs(rng, nrow, max_run):
    """Row indices where a value changes: 0 and then irregular steps of 1..max_run rows."""
    starts = [0]
    while True:
        nxt = starts[-1] + int(rng.integers(1, max_run + 1))
        if nxt >= nrow:
            return starts
        starts.append(nxt)


def repeat_runs(values, starts, nrow):
    idx = np.searchsorted(np.asarray(starts), np.arange(nrow), side='right') - 1
    if isinstance(values, list):
        return [values[i] for i in idx]
    return values[idx]


def make_ism(path, endian):
    rng = np.random.default_rng(22)
    nrow = 1500
    cols = [ct.makescacoldesc(col_name(vt), 0, valuetype=vt, datamanagertype='IncrementalStMan',
                              keywords=({'QuantumUnits': np.array(['s']), 'MEASINFO': {'type': 'epoch', 'Ref': 'UTC'}}
                                        if vt == 'double' else {}))
            for vt in SCALAR_TYPES]
    cols.append(ct.makearrcoldesc('FIXED_FLOAT', 0.0, shape=np_shape([2, 3]), valuetype='float',
                                  datamanagertype='IncrementalStMan'))
    cols.append(ct.makearrcoldesc('FIXED_BOOL', False, shape=[4], valuetype='bool',
                                  datamanagertype='IncrementalStMan'))
    cols.append(ct.makearrcoldesc('VAR_INT', 0, ndim=1, valuetype='int', datamanagertype='IncrementalStMan'))
    dminfo = {'*1': {'TYPE': 'IncrementalStMan', 'NAME': 'ism_small', 'SPEC': {'BUCKETSIZE': 1024},
                     'COLUMNS': [c['name'] for c in cols]}}
    t = new_table(path, cols, nrow, endian, dminfo)
    for vt in SCALAR_TYPES:
        starts = runs(rng, nrow, 60)
        v = random_values(rng, vt, len(starts))
        if vt == 'string':
            v = [s[:200] for s in v]
        t.putcol(col_name(vt), repeat_runs(v if vt == 'string' else np.asarray(v), starts, nrow))
    starts = runs(rng, nrow, 40)
    t.putcol('FIXED_FLOAT', repeat_runs(random_values(rng, 'float', 6 * len(starts)).reshape(-1, 3, 2), starts, nrow))
    starts = runs(rng, nrow, 25)
    t.putcol('FIXED_BOOL', repeat_runs(random_values(rng, 'bool', 4 * len(starts)).reshape(-1, 4), starts, nrow))
    starts = runs(rng, nrow, 30)
    for i, s in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else nrow
        if i % 5 == 3:
            continue  # undefined cells
        cell = random_array(rng, 'int', [int(rng.integers(0, 6))])
        for r in range(s, end):
            t.putcell('VAR_INT', r, cell)
    t.putkeyword('DESCRIPTION', 'IncrementalStMan conformance table')
    t.putinfo({'type': 'vispark test', 'subType': 'ism', 'readme': ''})
    t.close()


def make_tsm_shape(path, endian):
    rng = np.random.default_rng(33)
    cols = [ct.makearrcoldesc('DATA', 0j, ndim=2, valuetype='complex', datamanagertype='TiledShapeStMan',
                              datamanagergroup='TiledData'),
            ct.makearrcoldesc('FLAG', False, ndim=2, valuetype='bool', datamanagertype='TiledShapeStMan',
                              datamanagergroup='TiledFlag'),
            ct.makearrcoldesc('WEIGHT', 0.0, ndim=1, valuetype='float', datamanagertype='TiledShapeStMan',
                              datamanagergroup='TiledWeight'),
            ct.makescacoldesc('ROW', 0)]
    # casacore shape per block of rows; None leaves the cells undefined
    blocks = [([2, 3], 10), ([4, 5], 7), ([2, 3], 9), (None, 4), ([3, 1], 3), ([4, 5], 6)]
    nrow = sum(n for _, n in blocks)
    dminfo = {'*1': {'TYPE': 'TiledShapeStMan', 'NAME': 'TiledData', 'SPEC': {'DEFAULTTILESHAPE': [2, 2, 4]},
                     'COLUMNS': ['DATA']},
              '*2': {'TYPE': 'TiledShapeStMan', 'NAME': 'TiledFlag', 'SPEC': {'DEFAULTTILESHAPE': [3, 2, 5]},
                     'COLUMNS': ['FLAG']},
              '*3': {'TYPE': 'TiledShapeStMan', 'NAME': 'TiledWeight', 'SPEC': {'DEFAULTTILESHAPE': [3, 4]},
                     'COLUMNS': ['WEIGHT']}}
    t = new_table(path, cols, nrow, endian, dminfo)
    t.putcol('ROW', np.arange(nrow, dtype=np.int32))
    r = 0
    for shape, n in blocks:
        for _ in range(n):
            if shape is not None:
                t.putcell('DATA', r, random_array(rng, 'complex', shape))
                t.putcell('FLAG', r, random_array(rng, 'bool', shape))
                t.putcell('WEIGHT', r, random_array(rng, 'float', shape[:1]))
            r += 1
    t.putkeyword('DESCRIPTION', 'TiledShapeStMan with several hypercubes')
    t.putinfo({'type': 'vispark test', 'subType': 'tsm_shape', 'readme': ''})
    t.close()


def make_tsm_cell(path, endian):
    rng = np.random.default_rng(44)
    cols = [ct.makearrcoldesc('IMAGE', 0.0, ndim=2, valuetype='float', datamanagertype='TiledCellStMan',
                              datamanagergroup='TiledCell'),
            ct.makescacoldesc('ROW', 0)]
    shapes = [[3, 4], [5, 2], None, [1, 1], [7, 3], [2, 2], None, [6, 5], [3, 4]]
    dminfo = {'*1': {'TYPE': 'TiledCellStMan', 'NAME': 'TiledCell', 'SPEC': {'DEFAULTTILESHAPE': [2, 3]},
                     'COLUMNS': ['IMAGE']}}
    t = new_table(path, cols, len(shapes), endian, dminfo)
    t.putcol('ROW', np.arange(len(shapes), dtype=np.int32))
    for r, shape in enumerate(shapes):
        if shape is not None:
            t.putcell('IMAGE', r, random_array(rng, 'float', shape))
    t.putinfo({'type': 'vispark test', 'subType': 'tsm_cell', 'readme': ''})
    t.close()


def make_tsm_column(path, endian):
    rng = np.random.default_rng(55)
    nrow = 23
    cell = [3, 7]
    kinds = [('D', 'double'), ('C', 'complex'), ('B', 'bool'), ('I', 'int')]
    cols = [ct.makearrcoldesc(name, 0, shape=np_shape(cell), valuetype=vt, datamanagertype='TiledColumnStMan',
                              datamanagergroup='TiledCol') for name, vt in kinds]
    dminfo = {'*1': {'TYPE': 'TiledColumnStMan', 'NAME': 'TiledCol', 'SPEC': {'DEFAULTTILESHAPE': [2, 4, 5]},
                     'COLUMNS': [name for name, _ in kinds]}}
    t = new_table(path, cols, nrow, endian, dminfo)
    for name, vt in kinds:
        t.putcol(name, random_values(rng, vt, nrow * 21).reshape(nrow, 7, 3))
    t.putinfo({'type': 'vispark test', 'subType': 'tsm_column', 'readme': ''})
    t.close()


TABLES = {'ssm': make_ssm, 'keywords': make_keywords, 'ism': make_ism, 'tsm_shape': make_tsm_shape,
          'tsm_cell': make_tsm_cell, 'tsm_column': make_tsm_column, 'dangling': make_dangling, 'edited': make_edited,
          'fixed_strings': make_fixed_strings, 'big_tiled': make_big_tiled, 'empty': make_empty}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in TABLES.items():
        make(os.path.join(out, name), 'little')
        make(os.path.join(out, name + '_be'), 'big')
    for name in TABLES:
        for suffix, endian in (('', 'little'), ('_be', 'big')):
            t = ct.table(os.path.join(out, name + suffix), ack=False)
            if t.endianformat() != endian:
                sys.exit('%s%s is %s-endian, wanted %s' % (name, suffix, t.endianformat(), endian))
            t.close()
    print('\n'.join(sorted(n + s for n in TABLES for s in ('', '_be'))))


if __name__ == '__main__':
    main()
