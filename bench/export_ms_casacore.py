"""Writer throughput of python-casacore: reads the main table of MS (untimed), then writes the same main-table
columns into a new MS made by casacore's default_ms, DATA/MODEL_DATA/FLAG in a TiledColumnStMan each (timed:
create, addrows, putcol, close).
Usage: export_ms_casacore.py MS OUT
Prints "python TOTAL <seconds> s".
"""
import shutil
import sys
import time

from casacore import tables as pt

COLS = ['TIME', 'TIME_CENTROID', 'INTERVAL', 'EXPOSURE', 'ANTENNA1', 'ANTENNA2', 'FEED1', 'FEED2', 'ARRAY_ID',
        'DATA_DESC_ID', 'FIELD_ID', 'OBSERVATION_ID', 'PROCESSOR_ID', 'SCAN_NUMBER', 'STATE_ID', 'FLAG_ROW', 'UVW',
        'WEIGHT', 'SIGMA', 'DATA', 'FLAG', 'MODEL_DATA']
src = pt.table(sys.argv[1], ack=False)
vals = {c: src.getcol(c) for c in COLS}
n = src.nrows()
nchan, npol = vals['DATA'].shape[1:]
shutil.rmtree(sys.argv[2], ignore_errors=True)
t0 = time.time()
desc = [pt.makearrcoldesc(c, 0j if c != 'FLAG' else False, ndim=2, shape=[nchan, npol],
                          valuetype='complex' if c != 'FLAG' else 'boolean') for c in ('DATA', 'MODEL_DATA', 'FLAG')]
td = pt.maketabdesc(desc)
rows_per_tile = max(1, (1 << 20) // (8 * nchan * npol))
dminfo = {'*%d' % (i + 1): {'NAME': 'Tiled' + c, 'TYPE': 'TiledColumnStMan',
                            'SPEC': {'DEFAULTTILESHAPE': [npol, nchan, rows_per_tile]}, 'COLUMNS': [c]}
          for i, c in enumerate(('DATA', 'MODEL_DATA', 'FLAG'))}
ms = pt.default_ms(sys.argv[2], td, dminfo)
ms.addrows(n)
for c in COLS:
    ms.putcol(c, vals[c])
ms.close()
print('python TOTAL %.3f s' % (time.time() - t0))
