#!/usr/bin/python3
"""UVW by python-casacore's measures, the reference for BaselineProjectionTest.

Usage: casacore_uvw.py X,Y,Z BASELINES CASES
  X,Y,Z      the frame's position, ITRF metres
  BASELINES  ITRF baselines (metres) as bx,by,bz;bx,by,bz;...
  CASES      mjd_sec_utc,ra_rad,dec_rad;...  (J2000 phase centres)
Prints one line per case and baseline: u v w (metres), cases outer.
"""
import sys
import numpy as np
import casacore.measures as cm
import casacore.quanta as cq

pos = [float(v) for v in sys.argv[1].split(',')]
bl = np.array([[float(v) for v in b.split(',')] for b in sys.argv[2].split(';')])
dm = cm.measures()
dm.do_frame(dm.position('ITRF', *[cq.quantity(v, 'm') for v in pos]))
for case in sys.argv[3].split(';'):
    t, ra, dec = [float(v) for v in case.split(',')]
    dm.do_frame(dm.epoch('UTC', cq.quantity(t, 's')))
    dm.do_frame(dm.direction('J2000', cq.quantity(ra, 'rad'), cq.quantity(dec, 'rad')))
    b = dm.baseline('ITRF', cq.quantity(bl[:, 0], 'm'), cq.quantity(bl[:, 1], 'm'), cq.quantity(bl[:, 2], 'm'))
    uvw = np.array(dm.to_uvw(b)['xyz'].get_value('m')).reshape(-1, 3)
    for u in uvw:
        print('%.9f %.9f %.9f' % tuple(u))
