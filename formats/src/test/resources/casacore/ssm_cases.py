"""Writes tables stored with casacore's StandardStMan, and what python-casacore reads from them.

Usage: /usr/bin/python3 ssm_cases.py OUTDIR [CASE...]
       /usr/bin/python3 ssm_cases.py --dump TABLE OUTDIR [COLUMN...]   (what python-casacore reads from a table)
       /usr/bin/python3 ssm_cases.py --dump-ssm TABLE OUTDIR   (its StandardStMan columns, and its subtables')
       /usr/bin/python3 ssm_cases.py --iaf OUTDIR   (one-cell indirect-array files, see indirect_array_files)

For each case OUTDIR/<case>.tab is the table; OUTDIR/<case>.expected/ holds, per column, either
<column>.bin (numeric and Bool cells as python-casacore's getcell returns them, concatenated in row order,
each flattened in casacore order (numpy's C order of the reversed shape); Bool one byte per value; numbers
little-endian) or <column>.json (String cells: one flat list of all strings, in the same order), and
manifest.json: {column: {"dtype": numpy dtype or "str", "shapes": [casacore shape or null per row]}}.
Cases are written in both byte orders (suffix _le / _be) with small buckets, so there are many data, index
and string buckets; they also update, remove and add rows and columns so the index has uneven entries,
several SSMIndex objects and reused column space.
"""
import json
import os
import shutil
import sys

import numpy as np
import casacore.tables as ct

RNG = np.random.default_rng(20240612)

SCALAR_TYPES = [('B', 'bool', np.bool_), ('UC', 'uchar', np.uint8), ('SH', 'short', np.int16), ('I', 'int', np.int32),
                ('UI', 'uint', np.uint32), ('I64', 'int64', np.int64), ('F', 'float', np.float32),
                ('D', 'double', np.float64), ('C', 'complex', np.complex64), ('DC', 'dcomplex', np.complex128)]


def rand(dtype, shape):
    """Random values of a numpy dtype, with a recognisable structure."""
    if dtype == np.bool_:
        return RNG.random(shape) < 0.4
    if np.issubdtype(dtype, np.complexfloating):
        return (RNG.normal(size=shape) + 1j * RNG.normal(size=shape)).astype(dtype)
    if np.issubdtype(dtype, np.floating):
        return RNG.normal(size=shape).astype(dtype)
    info = np.iinfo(dtype)
    lo = info.min if info.bits < 64 else -2 ** 62
    hi = info.max if info.bits < 64 else 2 ** 62
    return RNG.integers(lo, hi, size=shape, endpoint=True, dtype=dtype)


def rand_str(maxbytes=None):
    """A string: empty, short (at most 8 bytes, stored in place), exactly 8 or 9 bytes, medium, or long
    (longer than a string bucket, so it continues in the next one); some with non-ASCII characters."""
    kind = RNG.integers(0, 9)
    if kind == 0:
        s = ''
    elif kind == 1:
        s = 'x' * int(RNG.integers(1, 9))
    elif kind == 2:
        s = 'eight_ch'
    elif kind == 3:
        s = 'nine_char'
    elif kind == 4:
        s = 'µé' * 2  # 8 bytes in UTF-8
    elif kind == 5:
        s = 'ab\u00e9' * int(RNG.integers(3, 12))
    elif kind == 6:
        s = ''.join(chr(c) for c in RNG.integers(32, 127, size=int(RNG.integers(10, 60))))
    else:
        n = int(RNG.integers(200, 900))
        s = ''.join(chr(65 + (i * 7 + n) % 26) for i in range(n))
    if maxbytes is not None:
        while len(s.encode('utf-8')) > maxbytes:
            s = s[:-1]
    return s


def rand_strs(shape):
    n = int(np.prod(shape)) if len(shape) else 1
    return np.array([rand_str() for _ in range(n)], dtype=object).reshape(shape).astype(str)


def write_expected(tab_path, out_dir, columns=None):
    """Dumps the given (default: all) columns of the table as python-casacore reads them."""
    t = ct.table(tab_path, ack=False)
    os.makedirs(out_dir, exist_ok=True)
    manifest = {}
    for col in columns or t.colnames():
        shapes = []
        chunks = []
        strings = []
        dtype = None
        value_type = t.getcoldesc(col)['valueType']
        if value_type == 'record':
            continue
        is_string = value_type == 'string'
        if t.isscalarcol(col):
            v = t.getcol(col) if t.nrows() > 0 else []
            shapes = [[] for _ in range(t.nrows())]
            if is_string:
                strings = list(v)
            else:
                v = np.asarray(v)
                dtype = v.dtype
                chunks.append(np.ascontiguousarray(v).astype(v.dtype.newbyteorder('<')).tobytes())
        for r in range(t.nrows() if not t.isscalarcol(col) else 0):
            if not t.iscelldefined(col, r):
                shapes.append(None)
                continue
            v = t.getcell(col, r)
            if is_string:
                if isinstance(v, dict):
                    shapes.append(list(reversed(v['shape'])))
                    strings.extend(v['array'])
                elif isinstance(v, list):
                    shapes.append([len(v)])
                    strings.extend(v)
                else:
                    shapes.append([])
                    strings.append(v)
                continue
            v = np.asarray(v)
            dtype = v.dtype
            shapes.append(list(reversed(v.shape)))
            chunks.append(np.ascontiguousarray(v).astype(v.dtype.newbyteorder('<')).tobytes())
        if is_string:
            with open(os.path.join(out_dir, col + '.json'), 'w', encoding='utf-8') as f:
                json.dump(strings, f, ensure_ascii=False)
            manifest[col] = {'dtype': 'str', 'shapes': shapes}
            continue
        if dtype is None:
            dtype = np.dtype(np.uint8)
        with open(os.path.join(out_dir, col + '.bin'), 'wb') as f:
            for c in chunks:
                f.write(c)
        manifest[col] = {'dtype': dtype.newbyteorder('<').str, 'shapes': shapes}
    t.close()
    with open(os.path.join(out_dir, 'manifest.json'), 'w') as f:
        json.dump(manifest, f)


def dump_ssm(tab_path, out_dir):
    """Dumps the StandardStMan columns of a table and, in sub-directories named after their keywords, of its
    subtables (those that exist), recursively."""
    t = ct.table(tab_path, ack=False)
    columns = [c for c in t.colnames() if t.getdminfo(c)['TYPE'] == 'StandardStMan']
    subtables = {k: v[len('Table: '):] for k, v in t.getkeywords().items()
                 if isinstance(v, str) and v.startswith('Table: ')}
    t.close()
    if columns:
        write_expected(tab_path, out_dir, columns)
    else:
        write_empty(out_dir)
    for keyword, path in subtables.items():
        if os.path.isdir(path):
            dump_ssm(path, os.path.join(out_dir, keyword))


def write_empty(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, 'manifest.json'), 'w') as f:
        json.dump({}, f)


def new_table(path, descs, dminfo, nrow, endian):
    if os.path.exists(path):
        shutil.rmtree(path)
    return ct.table(path, ct.maketabdesc(descs), nrow=nrow, dminfo=dminfo, endian=endian, ack=False)


def scalars(path, endian):
    """Scalar columns of every type in a StandardStMan with 256-byte buckets (a few rows per bucket, long
    strings spanning string buckets), a second StandardStMan with default buckets; strings rewritten
    (long to short, short to long), rows removed, a column removed and others added (new SSMIndex, reused
    space)."""
    nrow = 400
    descs = [ct.makescacoldesc(n, 0, valuetype=v) for n, v, _ in SCALAR_TYPES]
    descs.append(ct.makescacoldesc('S', '', valuetype='string'))
    descs.append(ct.makescacoldesc('SF', '', valuetype='string', maxlen=10))
    descs.append(ct.makescacoldesc('BIG_D', 0., valuetype='double'))
    descs.append(ct.makescacoldesc('BIG_S', '', valuetype='string'))
    small = [n for n, _, _ in SCALAR_TYPES] + ['S', 'SF']
    dminfo = {'*1': {'NAME': 'ssm_small', 'TYPE': 'StandardStMan', 'SPEC': {'BUCKETSIZE': 256}, 'COLUMNS': small},
              '*2': {'NAME': 'ssm_default', 'TYPE': 'StandardStMan', 'SPEC': {}, 'COLUMNS': ['BIG_D', 'BIG_S']}}
    t = new_table(path, descs, dminfo, nrow, endian)
    for n, _, dt in SCALAR_TYPES:
        t.putcol(n, rand(dt, (nrow,)))
    t.putcol('S', [rand_str() for _ in range(nrow)])
    t.putcol('SF', [rand_str(10) for _ in range(nrow)])
    t.putcol('BIG_D', rand(np.float64, (nrow,)))
    t.putcol('BIG_S', [rand_str() for _ in range(nrow)])
    # Rewrites: long -> short, short -> long, long -> longer, to empty.
    for r in range(0, nrow, 7):
        t.putcell('S', r, rand_str())
        t.putcell('BIG_S', r, rand_str())
    t.putcell('S', 3, 'L' * 1000)
    t.putcell('S', 3, 'short')
    t.putcell('S', 4, 'tiny')
    t.putcell('S', 4, 'M' * 777)
    t.putcell('S', 5, '')
    t.removerows([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 101, 250, 251, 399])
    t.removecols('SH')
    t.addcols(ct.makescacoldesc('SH2', 0, valuetype='short'))
    t.addcols(ct.makescacoldesc('ADD_I', 0, valuetype='int'))
    t.addcols(ct.makescacoldesc('ADD_S', '', valuetype='string'))
    n = t.nrows()
    t.putcol('SH2', rand(np.int16, (n,)))
    t.putcol('ADD_I', rand(np.int32, (n,)))
    t.putcol('ADD_S', [rand_str() for _ in range(n)])
    t.addrows(37)
    t.putcol('I', rand(np.int32, (37,)), startrow=n)
    t.putcell('S', n + 3, 'after addrows ' * 30)
    t.close()


def arrays(path, endian):
    """Array columns: direct fixed-shape arrays of every type (Bool with 3 and 10 bits per row, Strings),
    fixed-shape indirect arrays, variable-shape indirect arrays with undefined cells, empty arrays and
    rewritten cells."""
    nrow = 90
    descs = []
    direct = []
    for n, v, dt in SCALAR_TYPES:
        descs.append(ct.makearrcoldesc('DIR_' + n, 0, shape=[2, 3], valuetype=v, options=5))
        direct.append(('DIR_' + n, dt, (2, 3)))
    descs.append(ct.makearrcoldesc('DIR_B3', 0, shape=[3], valuetype='bool', options=5))
    direct.append(('DIR_B3', np.bool_, (3,)))
    descs.append(ct.makearrcoldesc('DIR_S', '', shape=[2, 2], valuetype='string', options=5))
    descs.append(ct.makearrcoldesc('FIX_D', 0, shape=[4], valuetype='double', options=4))
    descs.append(ct.makearrcoldesc('FIX_B', 0, shape=[5], valuetype='bool', options=4))
    descs.append(ct.makearrcoldesc('FIX_S', '', shape=[3], valuetype='string', options=4))
    for n, v, _ in SCALAR_TYPES:
        descs.append(ct.makearrcoldesc('VAR_' + n, 0, valuetype=v))
    descs.append(ct.makearrcoldesc('VAR_S', '', valuetype='string'))
    descs.append(ct.makearrcoldesc('VAR2_D', 0, ndim=2, valuetype='double'))
    dminfo = {'*1': {'NAME': 'ssm_arrays', 'TYPE': 'StandardStMan', 'SPEC': {'BUCKETSIZE': 1024},
                     'COLUMNS': [d['name'] for d in descs]}}
    t = new_table(path, descs, dminfo, nrow, endian)
    for n, dt, shape in direct:
        t.putcol(n, rand(dt, (nrow,) + shape))
    for r in range(nrow):
        if r % 11 != 5:
            t.putcell('DIR_S', r, rand_strs((2, 2)))
        t.putcell('FIX_S', r, rand_strs((3,)))
    t.putcol('FIX_D', rand(np.float64, (nrow, 4)))
    t.putcol('FIX_B', rand(np.bool_, (nrow, 5)))
    for n, _, dt in SCALAR_TYPES:
        for r in range(nrow):
            if r % 4 == 3:
                continue  # undefined cell
            ndim = 1 + r % 3
            shape = tuple(int(x) for x in RNG.integers(1, 5, size=ndim))
            t.putcell('VAR_' + n, r, rand(dt, shape))
        t.putcell('VAR_' + n, 0, rand(dt, (3, 2)))
        t.putcell('VAR_' + n, 0, rand(dt, (7,)))  # rewritten with another shape
    t.putcell('VAR_D', 1, np.zeros((0,)))
    for r in range(nrow):
        if r % 5 == 2:
            continue
        shape = tuple(int(x) for x in RNG.integers(1, 4, size=1 + r % 2))
        t.putcell('VAR_S', r, rand_strs(shape))
    t.putcell('VAR_S', 0, rand_strs((2, 2)))
    t.putcell('VAR_S', 0, rand_strs((5,)))
    for r in range(0, nrow, 3):
        t.putcell('VAR2_D', r, rand(np.float64, (int(RNG.integers(1, 4)), int(RNG.integers(1, 6)))))
    t.close()


def few_columns():
    return [ct.makescacoldesc('I', 0, valuetype='int'), ct.makescacoldesc('S', '', valuetype='string'),
            ct.makearrcoldesc('DIR_B', 0, shape=[3], valuetype='bool', options=5),
            ct.makearrcoldesc('VAR_F', 0, valuetype='float'), ct.makearrcoldesc('VAR_S', '', valuetype='string')]


def empty(path, endian):
    """A StandardStMan without rows."""
    new_table(path, few_columns(), {}, 0, endian).close()


def refilled(path, endian):
    """All rows removed (the manager starts afresh), then rows added again."""
    t = new_table(path, few_columns(), {}, 10, endian)
    t.putcol('I', rand(np.int32, (10,)))
    t.putcol('S', ['long string number %d' % i for i in range(10)])
    t.removerows(list(range(10)))
    t.addrows(20)
    t.putcol('I', rand(np.int32, (20,)))
    t.putcol('S', [rand_str() for _ in range(20)])
    t.putcol('DIR_B', rand(np.bool_, (20, 3)))
    for r in range(0, 20, 2):
        t.putcell('VAR_F', r, rand(np.float32, (r + 1,)))
        t.putcell('VAR_S', r, rand_strs((2,)))
    t.close()


CASES = {'scalars': scalars, 'arrays': arrays, 'empty': empty, 'refilled': refilled}


def indirect_array_files(out):
    """Per type and byte order, a one-row IncrementalStMan table whose indirect-array file (version 1, with
    reference counts) holds one cell at offset 16: OUTDIR/iaf_<type>_<le|be>.tab and .expected."""
    types = [(n, v, dt) for n, v, dt in SCALAR_TYPES] + [('S', 'string', str)]
    for endian, suffix in (('little', '_le'), ('big', '_be')):
        for n, v, dt in types:
            tab = os.path.join(out, 'iaf_' + n + suffix + '.tab')
            desc = ct.makearrcoldesc('A', 0, valuetype=v)
            dminfo = {'*1': {'NAME': 'ism', 'TYPE': 'IncrementalStMan', 'SPEC': {}, 'COLUMNS': ['A']}}
            t = new_table(tab, [desc], dminfo, 1, endian)
            if dt is str:
                t.putcell('A', 0, rand_strs((3, 2)))
            elif dt == np.bool_:
                t.putcell('A', 0, rand(dt, (13,)))
            else:
                t.putcell('A', 0, rand(dt, (3, 2)))
            t.close()
            write_expected(tab, os.path.join(out, 'iaf_' + n + suffix + '.expected'))


def main(argv):
    if argv[1] == '--dump-ssm':
        dump_ssm(argv[2], argv[3])
        return
    if argv[1] == '--iaf':
        os.makedirs(argv[2], exist_ok=True)
        indirect_array_files(argv[2])
        return
    if argv[1] == '--dump':
        write_expected(argv[2], argv[3], argv[4:] or None)
        return
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    names = argv[2:] or list(CASES)
    for name in names:
        for endian, suffix in (('little', '_le'), ('big', '_be')):
            tab = os.path.join(out, name + suffix + '.tab')
            CASES[name](tab, endian)
            write_expected(tab, os.path.join(out, name + suffix + '.expected'))


if __name__ == '__main__':
    main(sys.argv)
