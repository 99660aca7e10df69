"""Writes broken copies of a UVH5 file with h5py, for Uvh5BadInputTest: OUT_DIR SOURCE.

missing_time_array.uvh5   Header/time_array deleted
float_visdata.uvh5        Data/visdata a plain float32 array (not a complex compound)
flags_shape.uvh5          Data/flags with one channel fewer than visdata
uvw_shape.uvh5            Header/uvw_array of shape (Nblts, 2)
"""
import shutil
import sys

import h5py
import numpy as np

out, source = sys.argv[1], sys.argv[2]


def copy(name):
    path = f"{out}/{name}"
    shutil.copyfile(source, path)
    return h5py.File(path, "r+")


with copy("missing_time_array.uvh5") as f:
    del f["Header/time_array"]

with copy("float_visdata.uvh5") as f:
    shape = f["Data/visdata"].shape
    del f["Data/visdata"]
    f["Data/visdata"] = np.zeros(shape, dtype=np.float32)

with copy("flags_shape.uvh5") as f:
    shape = list(f["Data/flags"].shape)
    shape[-2] -= 1
    del f["Data/flags"]
    f["Data/flags"] = np.zeros(shape, dtype=bool)

with copy("uvw_shape.uvh5") as f:
    uvw = f["Header/uvw_array"][()]
    del f["Header/uvw_array"]
    f["Header/uvw_array"] = uvw[:, :2]
