"""Writes tables stored with casacore's tiled storage managers, and what python-casacore reads from them.

Usage: /usr/bin/python3 tsm_cases.py OUTDIR [CASE...]
       /usr/bin/python3 tsm_cases.py --dump TABLE OUTDIR [COLUMN...]   (what python-casacore reads from a table)

For each case OUTDIR/<case>.tab is the table; OUTDIR/<case>.expected/ holds, per column, <column>.bin (the
cells python-casacore's getcell returns, concatenated in row order, each flattened in casacore order:
numpy's C order of the reversed shape; Bool as one byte per value; native little-endian numbers) and
OUTDIR/<case>.expected/manifest.json: {column: {"dtype": numpy dtype, "shapes": [casacore shape or null]}}.
"""
import json
import os
import shutil
import sys

import numpy as np
import casacore.tables as ct

RNG = np.random.default_rng(20240611)


def rand(dtype, shape):
    """Random values of a numpy dtype, with a recognisable structure."""
    if dtype == np.bool_:
        return RNG.random(shape) < 0.4
    if np.issubdtype(dtype, np.complexfloating):
        return (RNG.normal(size=shape) + 1j * RNG.normal(size=shape)).astype(dtype)
    if np.issubdtype(dtype, np.floating):
        return RNG.normal(size=shape).astype(dtype)
    info = np.iinfo(dtype)
    return RNG.integers(max(info.min, -100000), min(info.max, 100000), size=shape, endpoint=True).astype(dtype)


def write_expected(tab_path, out_dir, columns=None):
    """Dumps the given (default: all) columns of the table as python-casacore reads them."""
    t = ct.table(tab_path, ack=False)
    os.makedirs(out_dir, exist_ok=True)
    manifest = {}
    for col in columns or t.colnames():
        shapes = []
        chunks = []
        dtype = None
        for r in range(t.nrows()):
            if not t.iscelldefined(col, r):
                shapes.append(None)
                continue
            v = np.asarray(t.getcell(col, r))
            dtype = v.dtype
            shapes.append(list(reversed(v.shape)))
            chunks.append(np.ascontiguousarray(v).tobytes())
        if dtype is None:
            dtype = np.dtype(np.uint8)
        with open(os.path.join(out_dir, col + '.bin'), 'wb') as f:
            for c in chunks:
                f.write(c)
        manifest[col] = {'dtype': dtype.str, 'shapes': shapes}
    t.close()
    with open(os.path.join(out_dir, 'manifest.json'), 'w') as f:
        json.dump(manifest, f)


def new_table(path, descs, dminfo, nrow, endian, hyper=None):
    td = ct.maketabdesc(descs)
    if hyper:
        for h in hyper:
            ct.tabledefinehypercolumn(td, *h)
    if os.path.exists(path):
        shutil.rmtree(path)
    t = ct.table(path, td, nrow=nrow, dminfo=dminfo, endian=endian, ack=False)
    return t


def tiled_column(path, endian):
    """TiledColumnStMan with several data columns; tile shape dividing no axis of the cube."""
    nrow = 50
    cols = [('CDATA', np.complex64, 'complex'), ('MODEL', np.complex64, 'complex'), ('FDATA', np.float32, 'float'),
            ('BFLAG', np.bool_, 'boolean'), ('BFLAG2', np.bool_, 'boolean')]
    descs = [ct.makearrcoldesc(n, 0, shape=[5, 4], valuetype=v) for n, _, v in cols]
    dminfo = {'*1': {'NAME': 'TiledCol', 'TYPE': 'TiledColumnStMan', 'SPEC': {'DEFAULTTILESHAPE': [3, 2, 7]},
                     'COLUMNS': [c[0] for c in cols]}}
    t = new_table(path, descs, dminfo, nrow, endian)
    for n, dt, _ in cols:
        t.putcol(n, rand(dt, (nrow, 5, 4)))
    t.close()


def tiled_column_types(path, endian):
    """TiledColumnStMan holding every numeric type, each in its own manager."""
    nrow = 23
    cols = [('I16', np.int16, 0), ('I32', np.int32, 0), ('U32', np.uint32, 0),
            ('I64', np.int64, 0), ('F64', np.float64, 0.0), ('C128', np.complex128, 0j), ('U8', np.uint8, 0)]
    descs = []
    dminfo = {}
    for i, (n, dt, v) in enumerate(cols):
        vt = {np.int16: 'short', np.uint16: 'ushort', np.int32: 'int', np.uint32: 'uint', np.int64: 'int64',
              np.float64: 'double', np.complex128: 'dcomplex', np.uint8: 'uchar'}[dt]
        descs.append(ct.makearrcoldesc(n, v, shape=[3, 2], valuetype=vt))
        dminfo['*%d' % (i + 1)] = {'NAME': 'T' + n, 'TYPE': 'TiledColumnStMan',
                                   'SPEC': {'DEFAULTTILESHAPE': [2, 2, 5]}, 'COLUMNS': [n]}
    t = new_table(path, descs, dminfo, nrow, endian)
    for n, dt, _ in cols:
        t.putcol(n, rand(dt, (nrow, 3, 2)))
    t.close()


def tiled_shape(path, endian):
    """TiledShapeStMan with several hypercubes (cell shapes), rows interleaved, undefined cells."""
    nrow = 40
    descs = [ct.makearrcoldesc('VDATA', 0j, ndim=2, valuetype='complex'), ct.makearrcoldesc('VFLAG', False, ndim=2),
             ct.makearrcoldesc('VDBL', 0.0, ndim=2)]
    dminfo = {'*1': {'NAME': 'TiledShape', 'TYPE': 'TiledShapeStMan', 'SPEC': {'DEFAULTTILESHAPE': [3, 2, 4]},
                     'COLUMNS': ['VDATA', 'VFLAG', 'VDBL']}}
    t = new_table(path, descs, dminfo, nrow, endian)
    shapes = [(5, 4), (3, 2), (1, 7)]
    for r in list(range(20)) + list(reversed(range(20, nrow))):  # later rows get their shapes in reverse order
        if r % 9 == 4 or r >= 37:
            continue  # undefined cells, also at the end
        shp = shapes[(r // 3) % 3] if r < 20 else shapes[r % 2]
        t.putcell('VDATA', r, rand(np.complex64, shp))
        t.putcell('VFLAG', r, rand(np.bool_, shp))
        t.putcell('VDBL', r, rand(np.float64, shp))
    t.close()


def tiled_shape_fixed(path, endian):
    """TiledShapeStMan of a fixed-shape column (as CASA writes MS DATA), rows written out of order."""
    nrow = 33
    descs = [ct.makearrcoldesc('DATA', 0j, shape=[7, 3], valuetype='complex'),
             ct.makearrcoldesc('FLAG', False, shape=[7, 3])]
    dminfo = {'*1': {'NAME': 'TiledData', 'TYPE': 'TiledShapeStMan', 'SPEC': {'DEFAULTTILESHAPE': [3, 7, 5]},
                     'COLUMNS': ['DATA']},
              '*2': {'NAME': 'TiledFlag', 'TYPE': 'TiledShapeStMan', 'SPEC': {'DEFAULTTILESHAPE': [3, 7, 5]},
                     'COLUMNS': ['FLAG']}}
    t = new_table(path, descs, dminfo, nrow, endian)
    for r in reversed(range(nrow)):
        t.putcell('DATA', r, rand(np.complex64, (7, 3)))
    t.putcol('FLAG', rand(np.bool_, (nrow, 7, 3)))
    t.close()


def tiled_cell(path, endian):
    """TiledCellStMan: one hypercube per row, with different shapes and undefined cells."""
    nrow = 12
    descs = [ct.makearrcoldesc('CELLF', 0.0, ndim=3, valuetype='float'), ct.makearrcoldesc('CELLB', False, ndim=3)]
    dminfo = {'*1': {'NAME': 'TiledCell', 'TYPE': 'TiledCellStMan', 'SPEC': {'DEFAULTTILESHAPE': [2, 3, 2]},
                     'COLUMNS': ['CELLF', 'CELLB']}}
    t = new_table(path, descs, dminfo, nrow, endian)
    for r in range(nrow):
        if r in (3, 11):
            continue
        shp = (1 + r % 3, 4 + r % 2, 3 + r % 4)
        t.putcell('CELLF', r, rand(np.float32, shp))
        t.putcell('CELLB', r, rand(np.bool_, shp))
    t.close()


def tiled_coords(path, endian):
    """A hypercolumn with coordinate columns (a vector one per cell axis and a scalar one for rows)."""
    nrow = 9
    descs = [ct.makearrcoldesc('HDATA', 0.0, shape=[3, 4], valuetype='float'),
             ct.makearrcoldesc('XCOORD', 0.0, shape=[4], valuetype='double'),
             ct.makearrcoldesc('YCOORD', 0, shape=[3], valuetype='int'),
             ct.makescacoldesc('TCOORD', 0.0)]
    dminfo = {'*1': {'NAME': 'HC', 'TYPE': 'TiledColumnStMan', 'SPEC': {'DEFAULTTILESHAPE': [4, 3, 2]},
                     'COLUMNS': ['HDATA', 'XCOORD', 'YCOORD', 'TCOORD']}}
    t = new_table(path, descs, dminfo, nrow, endian,
                  hyper=[('HC', 3, ['HDATA'], ['XCOORD', 'YCOORD', 'TCOORD'])])
    t.putcol('HDATA', rand(np.float32, (nrow, 3, 4)))
    t.putcell('XCOORD', 0, np.array([1.5, 2.5, 3.5, 4.5]))
    t.putcell('YCOORD', 0, np.array([10, 20, 30], dtype=np.int32))
    t.putcol('TCOORD', np.arange(nrow) * 0.25 + 100)
    t.close()


CASES = {
    'column_le': (tiled_column, 'little'), 'column_be': (tiled_column, 'big'),
    'types_le': (tiled_column_types, 'little'), 'types_be': (tiled_column_types, 'big'),
    'shape_le': (tiled_shape, 'little'), 'shape_be': (tiled_shape, 'big'),
    'shapefixed_le': (tiled_shape_fixed, 'little'), 'shapefixed_be': (tiled_shape_fixed, 'big'),
    'cell_le': (tiled_cell, 'little'), 'cell_be': (tiled_cell, 'big'),
    'coords_le': (tiled_coords, 'little'), 'coords_be': (tiled_coords, 'big'),
}


def main():
    if sys.argv[1] == '--dump':
        write_expected(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    out = sys.argv[1]
    names = sys.argv[2:] or list(CASES)
    os.makedirs(out, exist_ok=True)
    for name in names:
        fn, endian = CASES[name]
        tab = os.path.join(out, name + '.tab')
        fn(tab, endian)
        write_expected(tab, os.path.join(out, name + '.expected'))
    print('wrote', ' '.join(names))


if __name__ == '__main__':
    main()
