"""Copies a UVH5 file (current layout) with its channels in descending frequency, as the DSA-110
correlator writes them: freq_array, channel_width (negated), flex_spw_id_array and the channel axis of
visdata, flags and nsamples reversed. Usage: SOURCE DEST."""
import shutil
import sys

import h5py

source, dest = sys.argv[1], sys.argv[2]
shutil.copyfile(source, dest)
with h5py.File(dest, "r+") as f:
    h = f["Header"]
    for name in ("freq_array", "flex_spw_id_array"):
        h[name][...] = h[name][()][::-1]
    h["channel_width"][...] = -h["channel_width"][()][::-1]
    for name in ("visdata", "flags", "nsamples"):
        d = f["Data"][name]
        d[...] = d[()][:, ::-1, :]
