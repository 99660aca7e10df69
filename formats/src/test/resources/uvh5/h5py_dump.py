"""What h5py reads from a UVH5 file, as JSON on stdout: the reference Uvh5FileConformanceTest compares
the Java reader with, value by value.

header: every dataset of Header (and its phase_center_catalog and extra_keywords groups) as stored,
  numpy values as JSON numbers, strings decoded, booleans as booleans.
derived: the conversions the reader makes, computed independently: the telescope's ITRF position from
  the geodetic latitude/longitude/altitude with astropy (WGS84), absolute antenna positions, times as
  MJD seconds with astropy, and polarization codes as casacore CORR_TYPE by name.
data: visdata real and imaginary parts cast to float32 (the lake's precision), flags, nsamples as
  float32, flattened in (blt, freq, pol) order with the older layout's spw axis dropped.
"""
import json
import sys

import h5py
import numpy as np
from astropy import units as u
from astropy.coordinates import EarthLocation
from astropy.time import Time


def plain(v):
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray):
        if v.dtype.kind == "S":
            return [x.decode("utf-8") for x in v.ravel()]
        return [plain(x) for x in v.tolist()] if v.ndim else plain(v[()])
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def group(g):
    out = {}
    for name, obj in g.items():
        out[name] = group(obj) if isinstance(obj, h5py.Group) else plain(obj[()])
    return out


# casacore's Stokes enum, by name (casacore/measures/Measures/Stokes.h)
STOKES = ["Undefined", "I", "Q", "U", "V", "RR", "RL", "LR", "LL", "XX", "XY", "YX", "YY"]
# pyuvdata's polarization numbers (AIPS memo 117), by name
AIPS = {1: "I", 2: "Q", 3: "U", 4: "V", -1: "RR", -2: "LL", -3: "RL", -4: "LR",
        -5: "XX", -6: "YY", -7: "XY", -8: "YX"}


def main(path):
    with h5py.File(path, "r") as f:
        h = f["Header"]
        header = group(h)
        if "latitude" in h:
            loc = EarthLocation.from_geodetic(lon=h["longitude"][()] * u.deg, lat=h["latitude"][()] * u.deg,
                                              height=h["altitude"][()] * u.m, ellipsoid="WGS84")
            itrf = [loc.x.to_value(u.m), loc.y.to_value(u.m), loc.z.to_value(u.m)]
        else:
            itrf = h["telescope_location"][()].tolist()
        ant_itrf = (np.asarray(itrf)[None, :] + h["antenna_positions"][()]).tolist()
        mjd = Time(h["time_array"][()], format="jd", scale="utc").mjd * 86400.0
        derived = {
            "telescope_itrf_m": itrf,
            "antenna_itrf_m": ant_itrf,
            "time_mjd_sec": mjd.tolist(),
            "corr_types": [STOKES.index(AIPS[int(p)]) for p in h["polarization_array"][()]],
        }
        vis = f["Data/visdata"][()]
        nblts = vis.shape[0]
        if vis.dtype.names:
            re, im = vis["r"], vis["i"]
        else:
            re, im = vis.real, vis.imag
        shape = (int(nblts), int(h["Nfreqs"][()]), int(h["Npols"][()]))
        data = {
            "shape": list(shape),
            "re": re.reshape(shape).astype(np.float32).ravel().tolist(),
            "im": im.reshape(shape).astype(np.float32).ravel().tolist(),
            "flags": f["Data/flags"][()].reshape(shape).ravel().tolist(),
            "nsamples": f["Data/nsamples"][()].reshape(shape).astype(np.float32).ravel().tolist(),
        }
    json.dump({"header": header, "derived": derived, "data": data}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
