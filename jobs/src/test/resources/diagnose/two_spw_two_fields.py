"""Turns a copy of the ALMA MS (one baseline, 40 integrations, spectral window 0, every row field 2) into an MS of
two spectral windows and two fields, with python-casacore: SPECTRAL_WINDOW row 1 is row 0 moved up by 2 GHz and
DATA_DESCRIPTION row 1 points at it (POLARIZATION 0, as row 0); even rows keep DATA_DESCRIPTION 0, odd rows take 1;
the first half of the rows is relabelled FIELD 1, the second half keeps FIELD 2. The visibilities are left as they
are, so every (field, window) holds a quarter of the rows.

usage: two_spw_two_fields.py MS   (modified in place)
"""
import sys

import numpy as np
from casacore import tables as pt

ms = sys.argv[1]
spw = pt.table(ms + '/SPECTRAL_WINDOW', readonly=False, ack=False)
spw.addrows(1)
for col in spw.colnames():
    if spw.iscelldefined(col, 0):
        spw.putcell(col, 1, spw.getcell(col, 0))
for col in ('CHAN_FREQ', 'REF_FREQUENCY'):
    spw.putcell(col, 1, spw.getcell(col, 0) + 2e9)
spw.close()

dd = pt.table(ms + '/DATA_DESCRIPTION', readonly=False, ack=False)
dd.addrows(1)
for col in dd.colnames():
    dd.putcell(col, 1, dd.getcell(col, 0))
dd.putcell('SPECTRAL_WINDOW_ID', 1, 1)
dd.close()

main = pt.table(ms, readonly=False, ack=False)
n = main.nrows()
main.putcol('DATA_DESC_ID', (np.arange(n) % 2).astype(np.int32))
main.putcol('FIELD_ID', np.where(np.arange(n) < n // 2, 1, 2).astype(np.int32))
main.close()
