#!/usr/bin/python3
"""Reference facts of a Measurement Set from python-casacore, as JSON on stdout, for MeasurementSetTest.
Directions in radians with their frame (MEASINFO Ref, or VarRefCol mapped through TabRefTypes/Codes),
frequencies Hz, times MJD seconds, positions m. Usage: ms_reference.py MS"""
import json, sys
import numpy as np
import casacore.tables as ct

UNITS = {'rad': 1.0, 'deg': np.pi / 180, 'Hz': 1.0, 'MHz': 1e6, 'GHz': 1e9, 's': 1.0, 'm': 1.0, 'd': 86400.0}


def scale(t, col):
    kw = t.getcolkeywords(col)
    u = kw.get('QuantumUnits')
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


def sub(ms, name):
    return ct.table(ms + '/' + name, ack=False)


ms = sys.argv[1]
m = ct.table(ms, ack=False)
out = {'rows': m.nrows()}
if m.nrows():
    tm = m.getcol('TIME') * scale(m, 'TIME')
    out['time_range'] = [float(tm.min()), float(tm.max())]
a = sub(ms, 'ANTENNA')
out['antennas'] = [{'name': a.getcell('NAME', i), 'station': a.getcell('STATION', i),
                    'position': (a.getcell('POSITION', i) * scale(a, 'POSITION')).tolist(),
                    'dish': float(a.getcell('DISH_DIAMETER', i) * scale(a, 'DISH_DIAMETER'))} for i in range(a.nrows())]
f = sub(ms, 'FIELD')
out['fields'] = []
for i in range(f.nrows()):
    d = f.getcell('PHASE_DIR', i)[0] * scale(f, 'PHASE_DIR')
    out['fields'].append({'name': f.getcell('NAME', i), 'phase_dir': d.tolist(), 'frame': frame(f, 'PHASE_DIR', i)})
s = sub(ms, 'SPECTRAL_WINDOW')
out['spws'] = [{'chan_freq': (s.getcell('CHAN_FREQ', i) * scale(s, 'CHAN_FREQ')).tolist(),
                'meas_freq_ref': int(s.getcell('MEAS_FREQ_REF', i))} for i in range(s.nrows())]
p = sub(ms, 'POLARIZATION')
out['pols'] = [p.getcell('CORR_TYPE', i).tolist() if p.iscelldefined('CORR_TYPE', i) else [] for i in range(p.nrows())]
dd = sub(ms, 'DATA_DESCRIPTION')
out['data_descriptions'] = [[int(dd.getcell('SPECTRAL_WINDOW_ID', i)), int(dd.getcell('POLARIZATION_ID', i))]
                            for i in range(dd.nrows())]
o = sub(ms, 'OBSERVATION')
out['telescopes'] = [o.getcell('TELESCOPE_NAME', i) for i in range(o.nrows())]
print(json.dumps(out))
