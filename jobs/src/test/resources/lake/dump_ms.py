#!/usr/bin/python3
"""Reference values of an MS from python-casacore, in the visibility lake's own encodings, for the lake
round-trip test. Usage: dump_ms.py MS OUTDIR

Writes OUTDIR/meta.json (row count, which main columns exist, subtable rows in SI units with frames) and,
per main-table column COL present, OUTDIR/COL.bin with the cells of all rows concatenated as the lake
stores them: float64/int32 little-endian scalars, FLAG_ROW as one byte; UVW float64 x3; WEIGHT and SIGMA
float32 per polarization; DATA, MODEL_DATA, CORRECTED_DATA complex64 [chan][pol] (pol fastest);
WEIGHT_SPECTRUM float32 [chan][pol]; FLAG bits [chan][pol] packed LSB first, padded per row to a byte.
For array columns OUTDIR/COL.len holds int64 byte counts per row (-1 when the cell is undefined)."""
import json, os, sys
import numpy as np
import casacore.tables as ct

SCALARS = {'TIME': '<f8', 'INTERVAL': '<f8', 'EXPOSURE': '<f8', 'TIME_CENTROID': '<f8', 'ANTENNA1': '<i4',
           'ANTENNA2': '<i4', 'FEED1': '<i4', 'FEED2': '<i4', 'FIELD_ID': '<i4', 'DATA_DESC_ID': '<i4',
           'SCAN_NUMBER': '<i4', 'OBSERVATION_ID': '<i4', 'ARRAY_ID': '<i4', 'STATE_ID': '<i4',
           'PROCESSOR_ID': '<i4', 'FLAG_ROW': 'u1'}
ARRAYS = {'UVW': '<f8', 'WEIGHT': '<f4', 'SIGMA': '<f4', 'DATA': '<c8', 'MODEL_DATA': '<c8',
          'CORRECTED_DATA': '<c8', 'WEIGHT_SPECTRUM': '<f4', 'FLAG': 'bits'}
UNITS = {'rad': 1.0, 'deg': np.pi / 180, 'Hz': 1.0, 'MHz': 1e6, 'GHz': 1e9, 's': 1.0, 'm': 1.0, 'd': 86400.0}
FREQ_FRAMES = ['REST', 'LSRK', 'LSRD', 'BARY', 'GEO', 'TOPO', 'GALACTO', 'LGROUP', 'CMB']


def scale(t, col):
    u = t.getcolkeywords(col).get('QuantumUnits')
    return UNITS[u[0]] if u else 1.0


def frame(t, col, row, fallback='J2000'):
    mi = t.getcolkeywords(col).get('MEASINFO', {})
    if 'Ref' in mi:
        return mi['Ref']
    if 'VarRefCol' in mi:
        code = t.getcell(mi['VarRefCol'], row)
        for name, c in zip(mi['TabRefTypes'], mi['TabRefCodes']):
            if c == code:
                return name
    return fallback


def encode(cell, kind):
    if kind == 'bits':
        return np.packbits(np.asarray(cell, bool).ravel(), bitorder='little').tobytes()
    return np.ascontiguousarray(cell, dtype=kind).tobytes()


def main():
    ms, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    t = ct.table(ms, ack=False)
    n = t.nrows()
    cols = set(t.colnames())
    meta = {'rows': n, 'columns': sorted(c for c in cols if c in SCALARS or c in ARRAYS)}
    for c, kind in SCALARS.items():
        if c in cols:
            v = t.getcol(c) if n else np.zeros(0)
            with open(os.path.join(out, c + '.bin'), 'wb') as f:
                f.write(np.asarray(v).astype(kind).tobytes())
    for c, kind in ARRAYS.items():
        if c not in cols:
            continue
        lens = np.full(n, -1, np.int64)
        with open(os.path.join(out, c + '.bin'), 'wb') as f:
            for r in range(n):
                if t.iscelldefined(c, r):
                    b = encode(t.getcell(c, r), kind)
                    lens[r] = len(b)
                    f.write(b)
        lens.tofile(os.path.join(out, c + '.len'))

    def sub(name):
        return ct.table(os.path.join(ms, name), ack=False)

    a = sub('ANTENNA')
    meta['antennas'] = [{'name': a.getcell('NAME', i), 'station': a.getcell('STATION', i),
                         'position': (a.getcell('POSITION', i) * scale(a, 'POSITION')).tolist(),
                         'dish': float(a.getcell('DISH_DIAMETER', i) * scale(a, 'DISH_DIAMETER')),
                         'mount': a.getcell('MOUNT', i), 'flag_row': bool(a.getcell('FLAG_ROW', i))}
                        for i in range(a.nrows())]
    s = sub('SPECTRAL_WINDOW')
    meta['spws'] = [{'name': s.getcell('NAME', i),
                     'chan_freq': (s.getcell('CHAN_FREQ', i) * scale(s, 'CHAN_FREQ')).tolist(),
                     'chan_width': (s.getcell('CHAN_WIDTH', i) * scale(s, 'CHAN_WIDTH')).tolist(),
                     'ref_frequency': float(s.getcell('REF_FREQUENCY', i) * scale(s, 'REF_FREQUENCY')),
                     'total_bandwidth': float(s.getcell('TOTAL_BANDWIDTH', i) * scale(s, 'TOTAL_BANDWIDTH')),
                     'frame': FREQ_FRAMES[s.getcell('MEAS_FREQ_REF', i)]} for i in range(s.nrows())]
    p = sub('POLARIZATION')
    meta['pols'] = [p.getcell('CORR_TYPE', i).tolist() if p.iscelldefined('CORR_TYPE', i) else []
                    for i in range(p.nrows())]
    fl = sub('FIELD')
    meta['fields'] = []
    for i in range(fl.nrows()):
        rec = {'name': fl.getcell('NAME', i), 'code': fl.getcell('CODE', i),
               'time': float(fl.getcell('TIME', i) * scale(fl, 'TIME')), 'source_id': int(fl.getcell('SOURCE_ID', i))}
        for d in ('PHASE_DIR', 'DELAY_DIR', 'REFERENCE_DIR'):
            rec[d] = (fl.getcell(d, i)[0] * scale(fl, d)).tolist() + [frame(fl, d, i)]
        meta['fields'].append(rec)
    dd = sub('DATA_DESCRIPTION')
    meta['data_descriptions'] = [[int(dd.getcell('SPECTRAL_WINDOW_ID', i)), int(dd.getcell('POLARIZATION_ID', i))]
                                 for i in range(dd.nrows())]
    o = sub('OBSERVATION')
    meta['telescope'] = o.getcell('TELESCOPE_NAME', 0) if o.nrows() else None
    with open(os.path.join(out, 'meta.json'), 'w') as f:
        json.dump(meta, f)


main()
