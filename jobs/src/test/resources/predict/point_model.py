"""Checks MODEL_DATA of an exported MS against the analytic visibility of one unpolarized point source; prints JSON.

Usage: point_model.py MS RA_DEG DEC_DEG FLUX_JY REF_FREQ_HZ SPECTRAL_INDEX
Per row (python-casacore reads cells as (nchan, ncorr)), with the row's field PHASE_DIR (J2000) and its data
description's spectral window and polarization:
  V(f) = S (f / f0)^alpha exp(+2 pi i (u l + v m + w (n - 1)) f / c),  UVW = pos(ANTENNA2) - pos(ANTENNA1),
expected on the parallel hands (CORR_TYPE 5 RR, 8 LL, 9 XX, 12 YY) and 0 on the cross hands (6 RL, 7 LR, 10 XY, 11 YX).
Output: {"corr_types": [[...] per POLARIZATION row], "rows": n, "parallel_values": n, "cross_values": n,
"max_parallel_error": max |MODEL - V| on the parallel hands, "max_cross_abs": max |MODEL| on the cross hands,
"mean_parallel_abs": mean |V| on the parallel hands}.
"""
import json
import sys

import numpy as np
from casacore import tables as pt

C = 299792458.0
PARALLEL = {5, 8, 9, 12}
CROSS = {6, 7, 10, 11}


def main(ms, ra_deg, dec_deg, flux, f0, alpha):
    ra, dec = np.radians(float(ra_deg)), np.radians(float(dec_deg))
    flux, f0, alpha = float(flux), float(f0), float(alpha)
    t = pt.table(ms, ack=False)
    field = pt.table(ms + '/FIELD', ack=False).getcol('PHASE_DIR')[:, 0, :]
    freqs = pt.table(ms + '/SPECTRAL_WINDOW', ack=False).getcol('CHAN_FREQ')
    corr = pt.table(ms + '/POLARIZATION', ack=False).getcol('CORR_TYPE')
    ddesc = pt.table(ms + '/DATA_DESCRIPTION', ack=False)
    dd_spw, dd_pol = ddesc.getcol('SPECTRAL_WINDOW_ID'), ddesc.getcol('POLARIZATION_ID')
    uvw, fid, did = t.getcol('UVW'), t.getcol('FIELD_ID'), t.getcol('DATA_DESC_ID')
    model = t.getcol('MODEL_DATA')
    err, cross, par_abs, n_par, n_cross = 0.0, 0.0, 0.0, 0, 0
    for r in range(t.nrows()):
        ra0, dec0 = field[fid[r]]
        l = np.cos(dec) * np.sin(ra - ra0)
        m = np.sin(dec) * np.cos(dec0) - np.cos(dec) * np.sin(dec0) * np.cos(ra - ra0)
        n = np.sin(dec) * np.sin(dec0) + np.cos(dec) * np.cos(dec0) * np.cos(ra - ra0)
        f = freqs[dd_spw[did[r]]]
        u, v, w = uvw[r]
        vis = flux * (f / f0) ** alpha * np.exp(2j * np.pi * (u * l + v * m + w * (n - 1)) * f / C)
        for k, code in enumerate(corr[dd_pol[did[r]]]):
            if code in PARALLEL:
                err = max(err, float(np.max(np.abs(model[r, :, k] - vis))))
                par_abs += float(np.sum(np.abs(vis)))
                n_par += len(f)
            elif code in CROSS:
                cross = max(cross, float(np.max(np.abs(model[r, :, k]))))
                n_cross += len(f)
            else:
                raise SystemExit(ms + ': unexpected CORR_TYPE ' + str(code))
    print(json.dumps({"corr_types": corr.tolist(), "rows": t.nrows(), "parallel_values": n_par,
                      "cross_values": n_cross, "max_parallel_error": err, "max_cross_abs": cross,
                      "mean_parallel_abs": par_abs / max(n_par, 1)}))


if __name__ == '__main__':
    main(*sys.argv[1:])
