#!/usr/bin/python3
"""Reads UVH5 files with h5py (independently of vispark) and prints what the UVH5 memo and the DSA-110 require of
them, as JSON: per file its Header datasets missing from the memo's required list, visdata/flags/nsamples dtypes and
shapes, Nblts/Nbls/Ntimes/Nfreqs/Npols, polarization codes, channel width, first and last frequency, the extra
keywords, phase_type, and whether every Nblts-long array has Nblts elements.

describe_group.py FILE...
"""
import json
import sys

import h5py
import numpy as np

REQUIRED = ['Nants_data', 'Nants_telescope', 'Nbls', 'Nblts', 'Nfreqs', 'Npols', 'Nspws', 'Ntimes', 'ant_1_array',
            'ant_2_array', 'antenna_names', 'antenna_numbers', 'antenna_positions', 'channel_width', 'freq_array',
            'integration_time', 'latitude', 'longitude', 'altitude', 'phase_type', 'polarization_array',
            'spw_array', 'telescope_name', 'time_array', 'uvw_array']
out = {}
for name in sys.argv[1:]:
    with h5py.File(name, 'r') as f:
        h, d = f['Header'], f['Data']
        nblts = int(h['Nblts'][()])
        e = h['extra_keywords']
        freq = h['freq_array'][()].ravel()
        out[name.rsplit('/', 1)[-1]] = {
            'missing': [k for k in REQUIRED if k not in h],
            'data': {k: [str(d[k].dtype), list(d[k].shape)] for k in ('visdata', 'flags', 'nsamples')},
            'counts': [int(h[k][()]) for k in ('Nblts', 'Nbls', 'Ntimes', 'Nfreqs', 'Npols')],
            'blt_arrays_ok': all(len(h[k]) == nblts for k in ('ant_1_array', 'ant_2_array', 'time_array',
                                                                 'integration_time', 'uvw_array')),
            'pols': h['polarization_array'][()].tolist(),
            'channel_width_hz': float(np.ravel(h['channel_width'][()])[0]),
            'freq_first_last_hz': [float(freq[0]), float(freq[-1])],
            'phase_type': h['phase_type'][()].decode(),
            'extra': {'phase_center_dec_deg': float(np.degrees(e['phase_center_dec'][()])),
                      'ha_phase_center': float(e['ha_phase_center'][()]),
                      'phase_center_epoch': e['phase_center_epoch'][()].decode()},
            'jd_range': [float(h['time_array'][()].min()), float(h['time_array'][()].max())],
            'vis_nonzero': bool(np.abs(d['visdata'][()]).min() > 0),
            'flagged': int(d['flags'][()].sum()),
        }
print(json.dumps(out))
