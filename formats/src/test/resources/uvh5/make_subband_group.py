"""Writes a small DSA-110-like subband group with h5py (independent of the Java reader) and prints, as
JSON, what a reader of the whole group must see.

Usage: OUT_DIR [--drop 3,7] [--npols-of SB] [--seed N] [--nant N --nchan N --ntimes N --no-expected]
             [--chunks] [--compression gzip|lzf]

16 files YYYY-MM-DDTHH:MM:SS_sbNN.hdf5 in the older UVH5 layout the correlator writes (phase_type
'drift', visdata (Nblts, 1, Nfreqs, Npols) complex64), 5 antennas with autos (15 baselines), 3
integrations of 12.88 s, 4 channels per file in descending frequency (negative channel_width), XX
and YY, the DSA-110's extra keywords; timestamps jittered by up to 50 s. --drop leaves subbands out;
--npols-of writes one subband with a single polarization (a group of mixed shapes). bench/uvh5.sh
writes the full DSA-110 shape (--nant 110 --nchan 48 --ntimes 24 --no-expected: files only).
Data datasets are contiguous unless --chunks (h5py's chunks=True, as pyuvdata writes them) or
--compression (chunks=True with that filter, gzip at h5py's default level 4).

Output: files (written order, shuffled), freq_hz (whole group, ascending), and the group's visdata
real/imaginary parts, flags and nsamples in (blt, ascending channel, pol) order.
"""
import argparse
import datetime
import json
import random

import h5py
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--drop", default="")
p.add_argument("--npols-of", type=int, default=-1)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--nant", type=int, default=5)
p.add_argument("--nchan", type=int, default=4)
p.add_argument("--ntimes", type=int, default=3)
p.add_argument("--no-expected", action="store_true")
p.add_argument("--chunks", action="store_true")
p.add_argument("--compression", choices=["gzip", "lzf"])
a = p.parse_args()
rng = np.random.default_rng(a.seed)
storage = {"chunks": True, "compression": a.compression} if a.chunks or a.compression else {}
random.seed(a.seed)

NSB, NCHAN, NANT, NTIMES = 16, a.nchan, a.nant, a.ntimes
WIDTH = -244140.625
TOP = 1498.75e6
ants = np.arange(NANT)
pairs = [(i, j) for i in range(NANT) for j in range(i, NANT)]
nbls = len(pairs)
nblts = nbls * NTIMES
ant1 = np.array([i for _ in range(NTIMES) for i, _ in pairs], dtype=np.int32)
ant2 = np.array([j for _ in range(NTIMES) for _, j in pairs], dtype=np.int32)
jd0 = 2460000.5 + 0.25
time = np.repeat(jd0 + np.arange(NTIMES) * 12.88 / 86400.0, nbls)
positions = rng.normal(0, 100, (NANT, 3))
lat, lon, alt = 37.2339, -118.2825, 1222.0
uvw = positions[ant2] - positions[ant1]
start = datetime.datetime(2025, 3, 1, 6, 0, 0)
dropped = {int(x) for x in a.drop.split(",") if x}

freqs, re, im, flags, nsamples, files = [], [], [], [], [], []
order = list(range(NSB))
random.shuffle(order)
for sb in order:
    f_sb = TOP + WIDTH * NCHAN * sb + WIDTH * np.arange(NCHAN)  # descending within the file
    npols = 1 if sb == a.npols_of else 2
    vis = (rng.normal(size=(nblts, 1, NCHAN, npols)) + 1j * rng.normal(size=(nblts, 1, NCHAN, npols))).astype(np.complex64)
    flg = rng.random((nblts, 1, NCHAN, npols)) < 0.1
    ns = rng.integers(0, 3, (nblts, 1, NCHAN, npols)).astype(np.float32)
    if sb in dropped:
        continue
    stamp = start + datetime.timedelta(seconds=random.uniform(0, 50))
    name = f"{a.out}/{stamp.strftime('%Y-%m-%dT%H:%M:%S')}_sb{sb:02d}.hdf5"
    files.append(name)
    with h5py.File(name, "w") as f:
        h = f.create_group("Header")
        for k, v in {"Nants_data": NANT, "Nants_telescope": NANT, "Nbls": nbls, "Nblts": nblts,
                     "Nfreqs": NCHAN, "Npols": npols, "Nspws": 1, "Ntimes": NTIMES}.items():
            h[k] = np.int64(v)
        h["ant_1_array"] = ant1
        h["ant_2_array"] = ant2
        h["antenna_names"] = np.array([f"pad{i + 1}".encode() for i in ants])
        h["antenna_numbers"] = ants.astype(np.int64)
        h["antenna_positions"] = positions
        h["antenna_diameters"] = np.full(NANT, 4.65)
        h["latitude"], h["longitude"], h["altitude"] = lat, lon, alt
        h["channel_width"] = WIDTH
        h["freq_array"] = f_sb[None, :]
        h["spw_array"] = np.array([0], dtype=np.int64)
        h["integration_time"] = np.full(nblts, 12.88)
        h["polarization_array"] = np.array([-5, -6][:npols], dtype=np.int64)
        h["time_array"] = time
        h["lst_array"] = np.zeros(nblts)
        h["uvw_array"] = uvw
        h["phase_type"] = np.bytes_("drift")
        h["telescope_name"] = np.bytes_("OVRO_MMA")
        h["instrument"] = np.bytes_("DSA")
        h["history"] = np.bytes_("written by make_subband_group.py")
        h["object_name"] = np.bytes_("search")
        e = h.create_group("extra_keywords")
        e["phase_center_dec"] = np.radians(55.57)
        e["ha_phase_center"] = 0.0
        e["phase_center_epoch"] = np.bytes_("HADEC")
        d = f.create_group("Data")
        d.create_dataset("visdata", data=vis, **storage)
        d.create_dataset("flags", data=flg, **storage)
        d.create_dataset("nsamples", data=ns, **storage)
    if npols == 2 and not a.no_expected:
        for c in range(NCHAN):
            freqs.append((f_sb[c], vis[:, 0, c, :], flg[:, 0, c, :], ns[:, 0, c, :]))

freqs.sort(key=lambda x: x[0])
out = {"files": files, "freq_hz": [float(x[0]) for x in freqs]}
if freqs:
    v = np.stack([x[1] for x in freqs], axis=1)  # (nblts, nchan, npol)
    out["re"] = v.real.astype(np.float32).ravel().tolist()
    out["im"] = v.imag.astype(np.float32).ravel().tolist()
    out["flags"] = np.stack([x[2] for x in freqs], axis=1).ravel().tolist()
    out["nsamples"] = np.stack([x[3] for x in freqs], axis=1).astype(np.float32).ravel().tolist()
print(json.dumps(out))
