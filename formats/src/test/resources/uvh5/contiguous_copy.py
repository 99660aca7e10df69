"""Copies a UVH5 file with h5py, every dataset stored contiguous and unfiltered (h5py's default layout,
the DSA-110's), so the reader's byte-range path is compared with h5py too. Usage: SOURCE DEST."""
import sys

import h5py


def copy(src, dst):
    for name, obj in src.items():
        if isinstance(obj, h5py.Group):
            copy(obj, dst.create_group(name))
        else:
            dst.create_dataset(name, data=obj[()])


with h5py.File(sys.argv[1], "r") as s, h5py.File(sys.argv[2], "w") as d:
    copy(s, d)
