#!/usr/bin/python3
"""A small simulated DSA-110 drift-scan subband group, written with h5py and python-casacore's measures
(independently of vispark), and casacore's UVW of a UVH5 file's blts for a phase centre, for the phasing tests.

write OUT_DIR [--source RA,DEC,FLUX] [--pointing-dec DEG] [--start UTC] [--nant 16] [--nchan 4] [--ntimes 4]
      [--single FILE]
  16 files YYYY-MM-DDTHH:MM:SS_sbNN.hdf5 (older UVH5 layout, phase_type 'drift', the DSA-110's extra keywords
  phase_center_dec, ha_phase_center = 0, phase_center_epoch = 'HADEC'), written in shuffled order with file-name
  timestamps jittered by up to 50 s, channels descending within each file, XX and YY, no autocorrelations.
  Antennas on a T like the DSA-110's: an east-west arm 2.6 km long and a north-south arm 1.6 km long.
  The sky is one unpolarized point source; visibilities follow the MS convention with the drift centre d (the
  meridian at the pointing declination, a fixed direction of the HADEC frame) as phase centre:
  V = S exp(+2 pi i (b.s - b.d) f / c), b = position(ant2) - position(ant1) (ITRF), s the source's topocentric
  direction at the integration's time (casacore: J2000 -> HADEC). uvw_array: b in the (u, v, w) frame of d.
  --single also writes the whole group's content as one file in the current UVH5 layout (phase_center_catalog with
  one 'unprojected' entry, visdata (Nblts, Nfreqs, Npols), every channel, descending).
  Prints JSON: files, source_deg, and the meridian centre at the midpoint as casacore makes it (APP RA = LAST,
  Dec = pointing, converted to J2000): meridian_j2000_deg.
uvw UVH5_FILE RA_DEG DEC_DEG
  casacore's UVW (ITRF baselines to J2000, projected on the J2000 centre; frame at the telescope location) of
  every cross-correlation blt of the file (read with h5py; telescope location from latitude, longitude, altitude):
  lines "time_mjd_s ant1 ant2 u v w", antennas numbered by their rank in ascending antenna number.
"""
import argparse
import datetime
import json
import math
import random

import h5py
import numpy as np
import casacore.measures as cm
import casacore.quanta as cq

C = 299792458.0
LON_DEG, LAT_DEG, ALT_M = -118.2825, 37.2339, 1222.0
TOP_HZ = 1498.75e6
SUBBAND_HZ = -48 * 244140.625
NSB = 16


def q(v, unit):
    return cq.quantity(v, unit)


def telescope(dm, lon_deg=LON_DEG, lat_deg=LAT_DEG, alt_m=ALT_M):
    """A telescope location: WGS84 and ITRF metres."""
    p = dm.position('WGS84', q(lon_deg, 'deg'), q(lat_deg, 'deg'), q(alt_m, 'm'))
    r = dm.measure(p, 'ITRF')
    lon, lat = r['m0']['value'], r['m1']['value']
    rad = q(r['m2']['value'], r['m2']['unit']).get_value('m')
    return p, rad * np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)])


def hadec_itrf(ha, dec):
    """ITRF unit vector of a HADEC direction at the telescope's longitude (hour angle west positive)."""
    lon = math.radians(LON_DEG)
    return np.array([math.cos(dec) * math.cos(lon - ha), math.cos(dec) * math.sin(lon - ha), math.sin(dec)])


def layout(nant, rng):
    """East, north, up offsets (m) of a T: 60 % of the antennas on a 2.6 km east-west arm, the rest to the south."""
    n_ew = int(round(nant * 0.6))
    east = np.concatenate([np.linspace(-1300, 1300, n_ew), np.zeros(nant - n_ew)])
    north = np.concatenate([np.zeros(n_ew), np.linspace(-1600, -100, nant - n_ew)])
    up = rng.normal(0, 0.5, nant)
    lon, lat = math.radians(LON_DEG), math.radians(LAT_DEG)
    e_hat = np.array([-math.sin(lon), math.cos(lon), 0])
    n_hat = np.array([-math.sin(lat) * math.cos(lon), -math.sin(lat) * math.sin(lon), math.cos(lat)])
    u_hat = np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)])
    return east[:, None] * e_hat + north[:, None] * n_hat + up[:, None] * u_hat


def header(f, a, nbls, ant1, ant2, offsets, time_blt, uvw, nfreqs, dec_p):
    """The Header group both layouts share, and the DSA-110's extra keywords."""
    h = f.create_group('Header')
    for k, v in {'Nants_data': a.nant, 'Nants_telescope': a.nant, 'Nbls': nbls, 'Nblts': len(ant1),
                 'Nfreqs': nfreqs, 'Npols': 2, 'Nspws': 1, 'Ntimes': a.ntimes}.items():
        h[k] = np.int64(v)
    h['ant_1_array'] = ant1
    h['ant_2_array'] = ant2
    h['antenna_names'] = np.array([f'pad{i + 1}'.encode() for i in range(a.nant)])
    h['antenna_numbers'] = np.arange(a.nant, dtype=np.int64)
    h['antenna_positions'] = offsets
    h['antenna_diameters'] = np.full(a.nant, 4.65)
    h['latitude'], h['longitude'], h['altitude'] = LAT_DEG, LON_DEG, ALT_M
    h['spw_array'] = np.array([0], dtype=np.int64)
    h['integration_time'] = np.full(len(ant1), a.tint)
    h['polarization_array'] = np.array([-5, -6], dtype=np.int64)
    h['time_array'] = time_blt / 86400.0 + 2400000.5
    h['lst_array'] = np.zeros(len(ant1))
    h['uvw_array'] = uvw
    h['telescope_name'] = np.bytes_('OVRO_MMA')
    h['instrument'] = np.bytes_('DSA')
    h['history'] = np.bytes_('written by make_drift_group.py')
    e = h.create_group('extra_keywords')
    e['phase_center_dec'] = dec_p
    e['ha_phase_center'] = 0.0
    e['phase_center_epoch'] = np.bytes_('HADEC')
    return h


def write(a):
    rng = np.random.default_rng(a.seed)
    random.seed(a.seed)
    dm = cm.measures()
    where, x0 = telescope(dm)
    dm.do_frame(where)
    offsets = layout(a.nant, rng)  # ITRF offsets from the telescope location
    positions = x0 + offsets
    pairs = [(i, j) for i in range(a.nant) for j in range(i + 1, a.nant)]
    ant1 = np.array([i for i, _ in pairs] * a.ntimes, dtype=np.int64)
    ant2 = np.array([j for _, j in pairs] * a.ntimes, dtype=np.int64)
    nbls = len(pairs)
    start_mjd_s = dm.epoch('UTC', a.start)['m0']['value'] * 86400.0
    times = start_mjd_s + a.tint * (np.arange(a.ntimes) + 0.5)
    time_blt = np.repeat(times, nbls)
    ra_s, dec_s, flux = [float(v) for v in a.source.split(',')]
    dec_p = math.radians(a.pointing_dec)
    d = hadec_itrf(0.0, dec_p)
    b = positions[ant2] - positions[ant1]
    # the source's topocentric direction per integration
    src = dm.direction('J2000', q(ra_s, 'deg'), q(dec_s, 'deg'))
    s_blt = np.zeros((len(time_blt), 3))
    for k, t in enumerate(times):
        dm.do_frame(dm.epoch('UTC', q(t, 's')))
        h = dm.measure(src, 'HADEC')
        s_blt[k * nbls:(k + 1) * nbls] = hadec_itrf(h['m0']['value'], h['m1']['value'])
    path = np.einsum('ij,ij->i', b, s_blt) - b @ d
    e_hat = np.array([-math.sin(math.radians(LON_DEG)), math.cos(math.radians(LON_DEG)), 0])
    u_axis = e_hat
    v_axis = np.cross(d, u_axis)
    uvw = np.stack([b @ u_axis, b @ v_axis, b @ d], axis=1)

    # midpoint meridian centre as casacore makes it
    mid = 0.5 * (times[0] + times[-1])
    dm.do_frame(dm.epoch('UTC', q(mid, 's')))
    last = dm.measure(dm.epoch('UTC', q(mid, 's')), 'LAST')['m0']['value']
    last_rad = (last - math.floor(last)) * 2 * math.pi
    mer = dm.measure(dm.direction('APP', q(last_rad, 'rad'), q(dec_p, 'rad')), 'J2000')

    base = datetime.datetime.fromisoformat(a.start)
    nchan = a.nchan
    width = SUBBAND_HZ / nchan
    order = list(range(NSB))
    random.shuffle(order)
    files = []
    for sb in order:
        f_sb = TOP_HZ + SUBBAND_HZ * sb + width * np.arange(nchan)  # descending within the file
        phase = 2 * math.pi * path[:, None] * f_sb[None, :] / C
        vis = (flux * np.exp(1j * phase)).astype(np.complex64)
        stamp = base + datetime.timedelta(seconds=random.uniform(0, 50))
        name = f"{a.out}/{stamp.strftime('%Y-%m-%dT%H:%M:%S')}_sb{sb:02d}.hdf5"
        files.append(name)
        with h5py.File(name, 'w') as f:
            h = header(f, a, nbls, ant1, ant2, offsets, time_blt, uvw, nchan, dec_p)
            h['channel_width'] = width
            h['freq_array'] = f_sb[None, :]
            h['phase_type'] = np.bytes_('drift')
            h['object_name'] = np.bytes_('search')
            g = f.create_group('Data')
            g['visdata'] = np.repeat(vis[:, None, :, None], 2, axis=3)
            g['flags'] = np.zeros((len(ant1), 1, nchan, 2), bool)
            g['nsamples'] = np.ones((len(ant1), 1, nchan, 2), np.float32)
    if a.single:
        f_all = np.concatenate([TOP_HZ + SUBBAND_HZ * sb + width * np.arange(nchan) for sb in range(NSB)])
        vis = (flux * np.exp(1j * 2 * math.pi * path[:, None] * f_all[None, :] / C)).astype(np.complex64)
        with h5py.File(a.single, 'w') as f:
            h = header(f, a, nbls, ant1, ant2, offsets, time_blt, uvw, len(f_all), dec_p)
            h['version'] = np.bytes_('3.0')
            h['channel_width'] = np.full(len(f_all), width)
            h['freq_array'] = f_all
            h['flex_spw_id_array'] = np.zeros(len(f_all), dtype=np.int64)
            h['phase_center_id_array'] = np.zeros(len(ant1), dtype=np.int64)
            c = h.create_group('phase_center_catalog').create_group('0')
            c['cat_name'] = np.bytes_('search')
            c['cat_type'] = np.bytes_('unprojected')
            g = f.create_group('Data')
            g['visdata'] = np.repeat(vis[:, :, None], 2, axis=2)
            g['flags'] = np.zeros((len(ant1), len(f_all), 2), bool)
            g['nsamples'] = np.ones((len(ant1), len(f_all), 2), np.float32)
    print(json.dumps({
        'files': files, 'source_deg': [ra_s, dec_s, flux],
        'meridian_j2000_deg': [math.degrees(mer['m0']['value']) % 360, math.degrees(mer['m1']['value'])]}))


def uvw(a):
    h = h5py.File(a.file, 'r')['Header']
    dm = cm.measures()
    where, x0 = telescope(dm, float(h['longitude'][()]), float(h['latitude'][()]), float(h['altitude'][()]))
    dm.do_frame(where)
    dm.do_frame(dm.direction('J2000', q(a.ra, 'deg'), q(a.dec, 'deg')))
    numbers = h['antenna_numbers'][:]
    rank = {int(n): r for r, n in enumerate(sorted(numbers))}
    pos = x0 + h['antenna_positions'][:]
    rel = pos - pos[0]
    row = {int(n): k for k, n in enumerate(numbers)}
    ant1, ant2 = h['ant_1_array'][:], h['ant_2_array'][:]
    times = (h['time_array'][:] - 2400000.5) * 86400.0
    for t in np.unique(times):
        dm.do_frame(dm.epoch('UTC', q(t, 's')))
        bl = dm.baseline('ITRF', q(rel[:, 0], 'm'), q(rel[:, 1], 'm'), q(rel[:, 2], 'm'))
        ant = np.array(dm.to_uvw(bl)['xyz'].get_value('m')).reshape(len(pos), 3)
        for k in np.nonzero((times == t) & (ant1 != ant2))[0]:
            i, j = int(ant1[k]), int(ant2[k])
            print('%.6f %d %d %.9f %.9f %.9f' % ((t, rank[i], rank[j]) + tuple(ant[row[j]] - ant[row[i]])))


p = argparse.ArgumentParser()
sub = p.add_subparsers(dest='cmd', required=True)
w = sub.add_parser('write')
w.add_argument('out')
w.add_argument('--source', default='128.7287,55.5725,2.5')
w.add_argument('--pointing-dec', type=float, default=55.3)
w.add_argument('--start', default='2025-10-29T13:51:00')
w.add_argument('--tint', type=float, default=12.884902)
w.add_argument('--nant', type=int, default=16)
w.add_argument('--nchan', type=int, default=4)
w.add_argument('--ntimes', type=int, default=4)
w.add_argument('--seed', type=int, default=1)
w.add_argument('--single', default='')
u = sub.add_parser('uvw')
u.add_argument('file')
u.add_argument('ra', type=float)
u.add_argument('dec', type=float)
a = p.parse_args()
write(a) if a.cmd == 'write' else uvw(a)
