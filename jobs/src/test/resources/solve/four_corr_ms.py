"""Writes a small four-correlation Measurement Set with python-casacore, and its truth beside it (OUT.truth.json).

The sky is an unpolarized point source of FLUX Jy at the phase centre, so its visibility is FLUX on the parallel hands
(XX, YY or RR, LL) and 0 on the cross hands (XY, YX or RL, LR) whatever the baseline. Each antenna i has a complex
gain per feed p (0 = X or R, 1 = Y or L) and integration t, constant over the band: amplitude 1 + 0.1 N(0, 1), phase
uniform in (-pi, pi], drawn independently per (t, i, p). Correlation pq of baseline (i, j), i = ANTENNA1 < j = ANTENNA2:
    V_pq = g_ip conj(g_jq) S_pq + n,   S_pq = FLUX if p == q else 0,
n complex Gaussian with E|n|^2 = NOISE^2 (NOISE / sqrt(2) per real and imaginary part), independent per value.
Rows are (time, baseline) without autocorrelations; WEIGHT 1, FLAG false, no MODEL_DATA (predict writes it).
With --nspw N, the rows repeat for each of N spectral windows (DATA_DESC_ID w, window w's NCHAN channels starting at
1.4 GHz + w x 100 MHz), the same gains (constant over the band) and independent noise.

Truth JSON: phase_centre_deg [ra, dec] (J2000), flux_jy, noise_sigma, corr_type, times_mjd_s, nchan,
nspw, gains_re / gains_im [time][antenna][feed] (no reference antenna fixed: the reader references them as its
solver).

usage: four_corr_ms.py OUT.ms [--feeds linear|circular] [--nant 14] [--nchan 32] [--ntime 4] [--noise 1.0]
       [--flux 1.0] [--seed 1] [--nspw 1]
"""
import argparse
import json
import math
import os
import shutil

import numpy as np
from casacore import tables as pt

CORR_TYPES = {'linear': [9, 10, 11, 12], 'circular': [5, 6, 7, 8]}  # XX XY YX YY, RR RL LR LL
FEEDS = [(0, 0), (0, 1), (1, 0), (1, 1)]
SITE_LAT_RAD = math.radians(34.0784)  # the VLA's latitude; the array is a random 1 km patch there
SITE_ITRF_M = np.array([-1601185.4, -5041977.5, 3554875.9])
RA_DEG, DEC_DEG = 150.0, 30.0


def uvw_m(enu, hour_angle_rad, dec_rad):
    """Baseline-independent antenna uvw (m) of local east/north/up positions at an hour angle (the textbook rotation:
    ENU to the local equatorial frame, then to uvw towards (H, dec))."""
    e, n, u = enu[:, 0], enu[:, 1], enu[:, 2]
    x = -math.sin(SITE_LAT_RAD) * n + math.cos(SITE_LAT_RAD) * u
    y = e
    z = math.cos(SITE_LAT_RAD) * n + math.sin(SITE_LAT_RAD) * u
    sh, ch, sd, cd = math.sin(hour_angle_rad), math.cos(hour_angle_rad), math.sin(dec_rad), math.cos(dec_rad)
    return np.stack([sh * x + ch * y, -sd * ch * x + sd * sh * y + cd * z, cd * ch * x - cd * sh * y + sd * z], 1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--feeds', default='linear', choices=sorted(CORR_TYPES))
    p.add_argument('--nant', type=int, default=14)
    p.add_argument('--nchan', type=int, default=32)
    p.add_argument('--ntime', type=int, default=4)
    p.add_argument('--noise', type=float, default=1.0)
    p.add_argument('--flux', type=float, default=1.0)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--nspw', type=int, default=1)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)

    enu = np.stack([rng.uniform(-500, 500, a.nant), rng.uniform(-500, 500, a.nant), rng.normal(0, 1, a.nant)], 1)
    tint_s = 10.0
    times = 5.0e9 + tint_s * (np.arange(a.ntime) + 0.5)  # MJD seconds (2017)
    freqs = [1.4e9 + 1e8 * w + 1e6 * np.arange(a.nchan) for w in range(a.nspw)]
    gains = (1 + 0.1 * rng.standard_normal((a.ntime, a.nant, 2))) \
        * np.exp(1j * rng.uniform(-math.pi, math.pi, (a.ntime, a.nant, 2)))
    baselines = [(i, j) for i in range(a.nant) for j in range(i + 1, a.nant)]
    nbl = len(baselines)
    a1 = np.array([i for i, _ in baselines] * a.ntime, np.int32)
    a2 = np.array([j for _, j in baselines] * a.ntime, np.int32)
    t_row = np.repeat(times, nbl)
    dec_rad = math.radians(DEC_DEG)
    uvw = []
    for t in times:
        ant_uvw = uvw_m(enu, 2 * math.pi * (t - times[0]) / 86164.1, dec_rad)  # one sidereal day
        uvw.append(ant_uvw[a2[:nbl]] - ant_uvw[a1[:nbl]])
    uvw = np.concatenate(uvw)

    signal = np.zeros((len(a1), a.nchan, 4), np.complex64)
    t_index = np.repeat(np.arange(a.ntime), nbl)
    for k, (fp, fq) in enumerate(FEEDS):
        if fp == fq:
            g = gains[t_index, a1, fp] * np.conj(gains[t_index, a2, fq])
            signal[:, :, k] = (a.flux * g)[:, None]
    data = np.concatenate([signal + (a.noise / math.sqrt(2))
                           * (rng.standard_normal(signal.shape) + 1j * rng.standard_normal(signal.shape))
                           for _ in range(a.nspw)])
    rows = len(a1)
    a1, a2, t_row, uvw = np.tile(a1, a.nspw), np.tile(a2, a.nspw), np.tile(t_row, a.nspw), np.tile(uvw, (a.nspw, 1))

    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    desc = pt.maketabdesc([pt.makearrcoldesc('DATA', 0j, ndim=2, shape=[a.nchan, 4], valuetype='complex')])
    ms = pt.default_ms(a.out, desc)
    ms.addrows(len(a1))
    ms.putcol('ANTENNA1', a1)
    ms.putcol('ANTENNA2', a2)
    ms.putcol('TIME', t_row)
    ms.putcol('TIME_CENTROID', t_row)
    ms.putcol('INTERVAL', np.full(len(a1), tint_s))
    ms.putcol('EXPOSURE', np.full(len(a1), tint_s))
    ms.putcol('UVW', uvw)
    ms.putcol('DATA', data)
    ms.putcol('FLAG', np.zeros(data.shape, bool))
    ms.putcol('WEIGHT', np.ones((len(a1), 4), np.float32))
    ms.putcol('SIGMA', np.ones((len(a1), 4), np.float32))
    ms.putcol('SCAN_NUMBER', np.ones(len(a1), np.int32))
    ms.putcol('DATA_DESC_ID', np.repeat(np.arange(a.nspw, dtype=np.int32), rows))
    ms.close()

    ant = pt.table(a.out + '/ANTENNA', readonly=False, ack=False)
    ant.addrows(a.nant)
    ant.putcol('POSITION', SITE_ITRF_M[None, :] + enu)  # about right: a 1 km patch, not rotated to ITRF
    ant.putcol('NAME', ['A%02d' % i for i in range(a.nant)])
    ant.putcol('STATION', ['P%02d' % i for i in range(a.nant)])
    ant.putcol('DISH_DIAMETER', np.full(a.nant, 25.0))
    ant.putcol('MOUNT', ['alt-az'] * a.nant)
    ant.putcol('TYPE', ['GROUND-BASED'] * a.nant)
    ant.close()
    spw = pt.table(a.out + '/SPECTRAL_WINDOW', readonly=False, ack=False)
    spw.addrows(a.nspw)
    for w in range(a.nspw):
        spw.putcell('CHAN_FREQ', w, freqs[w])
        for col in ('CHAN_WIDTH', 'EFFECTIVE_BW', 'RESOLUTION'):
            spw.putcell(col, w, np.full(a.nchan, 1e6))
        spw.putcell('NUM_CHAN', w, a.nchan)
        spw.putcell('REF_FREQUENCY', w, freqs[w][0])
        spw.putcell('TOTAL_BANDWIDTH', w, 1e6 * a.nchan)
        spw.putcell('MEAS_FREQ_REF', w, 5)  # TOPO
        spw.putcell('NAME', w, 'SPW%d' % w)
    spw.close()
    pol = pt.table(a.out + '/POLARIZATION', readonly=False, ack=False)
    pol.addrows(1)
    pol.putcell('NUM_CORR', 0, 4)
    pol.putcell('CORR_TYPE', 0, np.array(CORR_TYPES[a.feeds], np.int32))
    pol.putcell('CORR_PRODUCT', 0, np.array(FEEDS, np.int32))
    pol.close()
    dd = pt.table(a.out + '/DATA_DESCRIPTION', readonly=False, ack=False)
    dd.addrows(a.nspw)
    dd.putcol('SPECTRAL_WINDOW_ID', np.arange(a.nspw, dtype=np.int32))
    dd.putcol('POLARIZATION_ID', np.zeros(a.nspw, np.int32))
    dd.close()
    fld = pt.table(a.out + '/FIELD', readonly=False, ack=False)
    fld.addrows(1)
    for col in ('PHASE_DIR', 'DELAY_DIR', 'REFERENCE_DIR'):
        fld.putcell(col, 0, np.array([[math.radians(RA_DEG), dec_rad]]))
    fld.putcell('NAME', 0, 'POINT')
    fld.putcell('NUM_POLY', 0, 0)
    fld.putcell('TIME', 0, times[0])
    fld.close()
    obs = pt.table(a.out + '/OBSERVATION', readonly=False, ack=False)
    obs.addrows(1)
    obs.putcell('TELESCOPE_NAME', 0, 'FOURCORR')
    obs.putcell('TIME_RANGE', 0, np.array([times[0], times[-1]]))
    obs.close()

    with open(a.out.rstrip('/') + '.truth.json', 'w') as f:
        json.dump({'phase_centre_deg': [RA_DEG, DEC_DEG], 'flux_jy': a.flux, 'noise_sigma': a.noise,
                   'corr_type': CORR_TYPES[a.feeds], 'times_mjd_s': times.tolist(), 'nchan': a.nchan, 'nspw': a.nspw,
                   'gains_re': gains.real.tolist(), 'gains_im': gains.imag.tolist()}, f)


if __name__ == '__main__':
    main()
