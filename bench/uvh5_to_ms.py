#!/usr/bin/env python3
"""The first step of the DSA-110's two-step path: a UVH5 subband group written as one Measurement Set.

The user's pipeline does this with pyuvdata (read the 16 files, write_ms); pyuvdata cannot be installed here (no
PyPI; Debian does not package it), so this does the same input and output work with the libraries pyuvdata itself
uses: h5py reads every file's Header and Data, channels are put in ascending frequency, and python-casacore writes
the MS (DATA and WEIGHT_SPECTRUM, from nsamples, tiled; FLAG in default_ms's storage; UVW and times as recorded;
the subtables vispark reads).
It does not phase the drift data (pyuvdata would, at extra cost): the two-step path timed with it is, if anything,
faster than the user's.

Usage: uvh5_to_ms.py OUT.ms FILE.hdf5...   (the files of one subband group, any order)
Prints the seconds taken.
"""
import sys
import time

import h5py
import numpy as np
import casacore.tables as ct

WGS84_A_M = 6378137.0
WGS84_F = 1 / 298.257223563
# UVH5 polarization code -> casacore Stokes code (CORR_TYPE) and the correlation's two feeds (CORR_PRODUCT)
# (pseudo-Stokes I, Q, U, V, codes 1-4, have no feed pair: CORR_PRODUCT (0, 0) for them)
STOKES = {-5: 9, -6: 12, -7: 10, -8: 11, 1: 1, 2: 2, 3: 3, 4: 4, -1: 5, -2: 8, -3: 6, -4: 7}
FEEDS = {-5: (0, 0), -6: (1, 1), -7: (0, 1), -8: (1, 0), -1: (0, 0), -2: (1, 1), -3: (0, 1), -4: (1, 0)}
ROWS_PER_PUT = 8192


def itrf_m(lat_deg, lon_deg, alt_m):
    """Geodetic WGS84 to ITRF (ECEF) metres."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    e2 = WGS84_F * (2 - WGS84_F)
    n = WGS84_A_M / np.sqrt(1 - e2 * np.sin(lat) ** 2)
    return np.array([(n + alt_m) * np.cos(lat) * np.cos(lon), (n + alt_m) * np.cos(lat) * np.sin(lon),
                     (n * (1 - e2) + alt_m) * np.sin(lat)])


def main(out, paths):
    t0 = time.perf_counter()
    files = [h5py.File(p, "r") for p in paths]
    files.sort(key=lambda f: f["Header/freq_array"][()].ravel().min())
    h = files[0]["Header"]
    nblts = int(h["Nblts"][()])
    pols = h["polarization_array"][()]
    npol = len(pols)
    freqs, vis, flags, nsamples = [], [], [], []
    for f in files:
        fr = f["Header/freq_array"][()].ravel()
        order = np.argsort(fr)
        freqs.append(fr[order])
        # (Nblts, [1,] Nfreqs, Npols) -> (Nblts, Nfreqs, Npols), channels ascending
        vis.append(f["Data/visdata"][()].reshape(nblts, len(fr), npol)[:, order, :])
        flags.append(f["Data/flags"][()].reshape(nblts, len(fr), npol)[:, order, :])
        nsamples.append(f["Data/nsamples"][()].reshape(nblts, len(fr), npol)[:, order, :])
    freq_hz = np.concatenate(freqs)
    nchan = len(freq_hz)
    width_hz = abs(float(files[0]["Header/channel_width"][()].ravel()[0]))
    time_mjd_s = (h["time_array"][()] - 2400000.5) * 86400.0
    tint_s = h["integration_time"][()]

    desc = [ct.makearrcoldesc(name, value, ndim=2, shape=[nchan, npol], valuetype=kind)
            for name, value, kind in (("DATA", 0j, "complex"), ("WEIGHT_SPECTRUM", 0.0, "float"))]
    td = ct.maketabdesc(desc)
    dminfo = {"*1": {"NAME": "TiledData", "TYPE": "TiledColumnStMan",
                     "SPEC": {"DEFAULTTILESHAPE": [npol, nchan, 32]}, "COLUMNS": ["DATA", "WEIGHT_SPECTRUM"]}}
    ms = ct.default_ms(out, td, dminfo)
    ms.addrows(nblts)
    ms.putcol("ANTENNA1", h["ant_1_array"][()].astype(np.int32))
    ms.putcol("ANTENNA2", h["ant_2_array"][()].astype(np.int32))
    ms.putcol("TIME", time_mjd_s)
    ms.putcol("TIME_CENTROID", time_mjd_s)
    ms.putcol("INTERVAL", tint_s)
    ms.putcol("EXPOSURE", tint_s)
    # uvw_array is ant2 - ant1, as the MS's UVW
    ms.putcol("UVW", h["uvw_array"][()])
    ms.putcol("SCAN_NUMBER", np.ones(nblts, np.int32))
    for r0 in range(0, nblts, ROWS_PER_PUT):
        r1 = min(nblts, r0 + ROWS_PER_PUT)
        ms.putcol("DATA", np.concatenate([v[r0:r1] for v in vis], axis=1), startrow=r0, nrow=r1 - r0)
        ms.putcol("FLAG", np.concatenate([v[r0:r1] for v in flags], axis=1), startrow=r0, nrow=r1 - r0)
        w = np.concatenate([v[r0:r1] for v in nsamples], axis=1)
        ms.putcol("WEIGHT_SPECTRUM", w, startrow=r0, nrow=r1 - r0)
        ms.putcol("WEIGHT", w.mean(axis=1), startrow=r0, nrow=r1 - r0)
        ms.putcol("SIGMA", np.ones((r1 - r0, npol), np.float32), startrow=r0, nrow=r1 - r0)
    ms.close()

    site_m = itrf_m(float(h["latitude"][()]), float(h["longitude"][()]), float(h["altitude"][()]))
    ant = ct.table(out + "/ANTENNA", readonly=False, ack=False)
    nant = len(h["antenna_numbers"][()])
    ant.addrows(nant)
    ant.putcol("POSITION", h["antenna_positions"][()] + site_m)
    ant.putcol("NAME", [n.decode() for n in h["antenna_names"][()]])
    ant.putcol("STATION", [n.decode() for n in h["antenna_names"][()]])
    ant.putcol("DISH_DIAMETER", h["antenna_diameters"][()])
    ant.putcol("MOUNT", ["alt-az"] * nant)
    ant.putcol("TYPE", ["GROUND-BASED"] * nant)
    ant.close()
    spw = ct.table(out + "/SPECTRAL_WINDOW", readonly=False, ack=False)
    spw.addrows(1)
    spw.putcell("CHAN_FREQ", 0, freq_hz)
    for col in ("CHAN_WIDTH", "EFFECTIVE_BW", "RESOLUTION"):
        spw.putcell(col, 0, np.full(nchan, width_hz))
    spw.putcell("NUM_CHAN", 0, nchan)
    spw.putcell("REF_FREQUENCY", 0, freq_hz[0])
    spw.putcell("TOTAL_BANDWIDTH", 0, width_hz * nchan)
    spw.putcell("MEAS_FREQ_REF", 0, 5)
    spw.close()
    pol = ct.table(out + "/POLARIZATION", readonly=False, ack=False)
    pol.addrows(1)
    pol.putcell("NUM_CORR", 0, npol)
    pol.putcell("CORR_TYPE", 0, np.array([STOKES[int(p)] for p in pols], np.int32))
    pol.putcell("CORR_PRODUCT", 0, np.array([FEEDS.get(int(p), (0, 0)) for p in pols], np.int32))
    pol.close()
    dd = ct.table(out + "/DATA_DESCRIPTION", readonly=False, ack=False)
    dd.addrows(1)
    dd.close()
    # the drift centre at the group's midpoint: apparent RA = LST, Dec = the pointing (metadata only here)
    mid = nblts // 2
    dec = float(files[0]["Header/extra_keywords/phase_center_dec"][()])
    direction = np.array([[float(h["lst_array"][mid]), dec]])
    field = ct.table(out + "/FIELD", readonly=False, ack=False)
    field.addrows(1)
    for col in ("PHASE_DIR", "DELAY_DIR", "REFERENCE_DIR"):
        field.putcell(col, 0, direction)
    field.putcell("NAME", 0, "drift")
    field.close()
    obs = ct.table(out + "/OBSERVATION", readonly=False, ack=False)
    obs.addrows(1)
    obs.putcell("TELESCOPE_NAME", 0, h["telescope_name"][()].decode())
    obs.putcell("TIME_RANGE", 0, np.array([time_mjd_s.min(), time_mjd_s.max()]))
    obs.close()
    for f in files:
        f.close()
    print(time.perf_counter() - t0)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
