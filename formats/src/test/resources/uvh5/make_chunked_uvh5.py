"""Writes UVH5 files whose Data datasets are chunked, with h5py (independent of the Java reader), and
prints as JSON what a reader must see in each.

Usage: OUT_DIR ATA_FILE ZEN_FILE  (the two files of ../shared/data/uvh5: current and older layout)

Each file keeps the source's Header and gets new visdata, flags and nsamples (random, seeded):
- chunks_true.uvh5: current layout (406, 16, 4) complex64, chunks=True as pyuvdata writes (h5py's
  guess: 406 is not a multiple of its rows, so the last chunks are partial), no filter;
- gzip_odd.uvh5: the same shape, gzip level 4, chunks (9, 5, 3): no axis a multiple of its chunk;
- older_gzip_shuffle.uvh5: older layout (200, 1, 4, 2) complex128, gzip + shuffle, chunks (7, 1, 3, 2);
- lzf_true.uvh5: current layout, lzf, chunks=True;
- partly_written.uvh5: the same shape, chunks (9, 5, 3), written part by part as a correlator may: visdata's
  rows [0, 150) and flags' [0, 300) only, nsamples' rows [0, 100) only with fill value 0.25, so some chunks
  were never written (h5py reads them as the fill value: 0 for visdata and flags, 0.25 for nsamples);
- gzip_corrupt.uvh5: gzip_odd.uvh5 with one visdata chunk's stored bytes overwritten (second half zeros).

Output: {name: {"shape", "chunks": {dataset: chunk shape}, "re", "im", "flags", "nsamples"}} with the
values flattened in (blt, frequency, polarization) order as float32 (complex128 narrowed as numpy does),
and "corrupt": {"file", "chunk_offset"} for the damaged file.
"""
import json
import shutil
import sys

import h5py
import numpy as np

out, ata, zen = sys.argv[1:4]
rng = np.random.default_rng(15)


def read_back(path):
    """What h5py reads from the file at path."""
    with h5py.File(path, "r") as f:
        v = f["Data/visdata"][()]
        return {
            "shape": list(v.shape),
            "chunks": {k: list(f["Data/" + k].chunks) for k in ("visdata", "flags", "nsamples")},
            "re": v.real.astype(np.float32).ravel().tolist(),
            "im": v.imag.astype(np.float32).ravel().tolist(),
            "flags": f["Data/flags"][()].ravel().tolist(),
            "nsamples": f["Data/nsamples"][()].astype(np.float32).ravel().tolist(),
        }


def write(name, source, vis_dtype, chunks, **filters):
    path = f"{out}/{name}"
    with h5py.File(source, "r") as src, h5py.File(path, "w") as dst:
        src.copy("Header", dst)
        shape = src["Data/visdata"].shape
        vis = (rng.normal(size=shape) + 1j * rng.normal(size=shape)).astype(vis_dtype)
        flg = rng.random(shape) < 0.3
        ns = rng.integers(0, 5, shape).astype(np.float32) / 4
        d = dst.create_group("Data")
        d.create_dataset("visdata", data=vis, chunks=chunks, **filters)
        d.create_dataset("flags", data=flg, chunks=chunks, **filters)
        d.create_dataset("nsamples", data=ns, chunks=chunks, **filters)
    return read_back(path)


def write_partly(name, source):
    path = f"{out}/{name}"
    with h5py.File(source, "r") as src, h5py.File(path, "w") as dst:
        src.copy("Header", dst)
        shape = src["Data/visdata"].shape
        d = dst.create_group("Data")
        chunks = (9, 5, 3)
        vis = d.create_dataset("visdata", shape=shape, dtype=np.complex64, chunks=chunks)
        flg = d.create_dataset("flags", shape=shape, dtype=bool, chunks=chunks, compression="gzip")
        ns = d.create_dataset("nsamples", shape=shape, dtype=np.float32, chunks=chunks, fillvalue=0.25)
        part = (150,) + shape[1:]
        vis[:150] = (rng.normal(size=part) + 1j * rng.normal(size=part)).astype(np.complex64)
        flg[:300] = rng.random((300,) + shape[1:]) < 0.3
        ns[:100] = rng.integers(0, 5, (100,) + shape[1:]).astype(np.float32) / 4
    with h5py.File(path, "r") as f:
        for k in ("visdata", "flags", "nsamples"):
            grid = np.prod([-(-s // c) for s, c in zip(shape, f["Data/" + k].chunks)])
            assert 0 < f["Data/" + k].id.get_num_chunks() < grid, k + ": no chunk unwritten"
    return read_back(path)


result = {
    "chunks_true.uvh5": write("chunks_true.uvh5", ata, np.complex64, True),
    "gzip_odd.uvh5": write("gzip_odd.uvh5", ata, np.complex64, (9, 5, 3), compression="gzip", compression_opts=4),
    "older_gzip_shuffle.uvh5": write("older_gzip_shuffle.uvh5", zen, np.complex128, (7, 1, 3, 2),
                                     compression="gzip", shuffle=True),
    "lzf_true.uvh5": write("lzf_true.uvh5", ata, np.complex64, True, compression="lzf"),
    "partly_written.uvh5": write_partly("partly_written.uvh5", ata),
}
for name, r in result.items():
    assert any(s % c for k in r["chunks"] for s, c in zip(r["shape"], r["chunks"][k])), name + ": no partial chunk"

corrupt = f"{out}/gzip_corrupt.uvh5"
shutil.copy(f"{out}/gzip_odd.uvh5", corrupt)
with h5py.File(corrupt, "r") as f:
    info = f["Data/visdata"].id.get_chunk_info(5)
with open(corrupt, "r+b") as f:
    f.seek(info.byte_offset + info.size // 2)
    f.write(bytes(info.size - info.size // 2))
result["corrupt"] = {"file": corrupt, "chunk_offset": list(info.chunk_offset)}
print(json.dumps(result))
