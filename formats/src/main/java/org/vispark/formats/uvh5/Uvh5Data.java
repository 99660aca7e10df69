package org.vispark.formats.uvh5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The {@code Data} group of a UVH5 file ({@code visdata}, {@code flags}, {@code nsamples}), read by
 * ranges of blts so that memory stays bounded by the range, not the file. {@code visdata} may be
 * complex64 or complex128 (h5py's compound of {@code r}, {@code i}) or a compound of integer
 * {@code r}, {@code i}; its shape (Nblts, Nfreqs, Npols) or, in the older layout, (Nblts, 1, Nfreqs, Npols).
 * Contiguous unfiltered datasets are decoded from their bytes ({@link RawElements}), chunked ones
 * (filtered or not, as pyuvdata writes them) from their whole chunks' bytes ({@link ChunkedRows});
 * others (compact, or contiguous beyond 2 GiB) through jhdf's slicing. Not thread-safe.
 */
public final class Uvh5Data {
    private final Path file;
    private final Dataset visdata;
    private final Dataset flags;
    private final Dataset nsamples;
    /** Chunk readers of chunked datasets, by dataset; absent for other layouts. */
    private final Map<Dataset, ChunkedRows> chunked = new IdentityHashMap<>();
    private final int[] dims;
    private final int nblts;
    private final int nfreqs;
    private final int npols;

    Uvh5Data(Path file, Hdf5Group data, Uvh5Header header) throws Uvh5FormatException {
        this.file = file;
        this.visdata = data.dataset("visdata");
        this.flags = data.dataset("flags");
        this.nsamples = data.dataset("nsamples");
        this.nblts = header.nblts();
        this.nfreqs = header.nfreqs();
        this.npols = header.npols();
        this.dims = visdata.getDimensions();
        int[] current = {nblts, nfreqs, npols};
        int[] older = {nblts, 1, nfreqs, npols};
        if (!Arrays.equals(dims, current) && !Arrays.equals(dims, older)) {
            throw new Uvh5FormatException(file, "Data/visdata has shape " + Arrays.toString(dims) + ", expected "
                    + Arrays.toString(current) + " or " + Arrays.toString(older) + " from the header");
        }
        for (Dataset d : new Dataset[] {flags, nsamples}) {
            if (!Arrays.equals(d.getDimensions(), dims)) {
                throw new Uvh5FormatException(file, d.getPath() + " has shape " + Arrays.toString(d.getDimensions())
                        + ", visdata " + Arrays.toString(dims));
            }
        }
        checkVisType(visdata.getDataType());
        for (Dataset d : new Dataset[] {visdata, flags, nsamples}) {
            if (d instanceof ChunkedDataset c) {
                chunked.put(d, new ChunkedRows(file, c, ChunkedRows.MAX_BAND_BYTES));
            }
        }
    }

    /** Number of blts (rows) in the file. */
    public int nblts() {
        return nblts;
    }

    /** Reads blts {@code [firstBlt, firstBlt + count)}. */
    public Uvh5Rows read(int firstBlt, int count) throws Uvh5FormatException {
        return read(firstBlt, count, null);
    }

    /** Reads blts {@code [firstBlt, firstBlt + count)}, into {@code reuse}'s arrays if they fit ({@link Uvh5Source#read(int, int, Uvh5Rows)}). */
    public Uvh5Rows read(int firstBlt, int count, Uvh5Rows reuse) throws Uvh5FormatException {
        if (firstBlt < 0 || count < 0 || firstBlt + count > nblts) {
            throw new IllegalArgumentException("blts [" + firstBlt + ", " + (firstBlt + count) + ") outside [0, "
                    + nblts + ")");
        }
        int n = count * nfreqs * npols;
        Uvh5Rows rows = Uvh5Rows.of(firstBlt, count, nfreqs, npols, reuse);
        float[] vis = rows.vis();
        boolean[] flag = rows.flags();
        float[] ns = rows.nsamples();
        if (count > 0) {
            long[] offset = new long[dims.length];
            offset[0] = firstBlt;
            int[] shape = dims.clone();
            shape[0] = count;
            int perBlt = nfreqs * npols;
            ByteBuffer raw = raw(visdata, firstBlt, count, perBlt);
            if (raw != null) {
                RawElements.complexes(raw, (CompoundDataType) visdata.getDataType(), n, vis);
            } else {
                Map<?, ?> parts = (Map<?, ?>) slice(visdata, offset, shape);
                float[] re = new float[n];
                float[] im = new float[n];
                floats(parts.get("r"), re, 0);
                floats(parts.get("i"), im, 0);
                for (int k = 0; k < n; k++) {
                    vis[2 * k] = re[k];
                    vis[2 * k + 1] = im[k];
                }
            }
            raw = raw(flags, firstBlt, count, perBlt);
            if (raw != null) {
                RawElements.booleans(raw, flags.getDataType(), n, flag);
            } else {
                booleans(slice(flags, offset, shape), flag, 0);
            }
            raw = raw(nsamples, firstBlt, count, perBlt);
            if (raw != null) {
                RawElements.floats(raw, nsamples.getDataType(), 0, nsamples.getDataType().getSize(), n, ns, 0, 1);
            } else {
                floats(slice(nsamples, offset, shape), ns, 0);
            }
        }
        return rows;
    }

    /**
     * The bytes of blts [first, first + count) when {@code d} is chunked or stored contiguous and
     * unfiltered, else null.
     */
    private ByteBuffer raw(Dataset d, int first, int count, int valuesPerBlt) throws Uvh5FormatException {
        ChunkedRows chunks = chunked.get(d);
        if (chunks != null) {
            return chunks.rows(first, count);
        }
        try {
            return RawElements.rows(d, first, count, (long) valuesPerBlt * d.getDataType().getSize());
        } catch (RuntimeException e) {
            throw new Uvh5FormatException(file, "cannot read " + d.getPath() + " blts [" + first + ", "
                    + (first + count) + "): " + e, e);
        }
    }

    private Object slice(Dataset d, long[] offset, int[] shape) throws Uvh5FormatException {
        try {
            return d.getData(offset, shape);
        } catch (RuntimeException e) {
            throw new Uvh5FormatException(file, "cannot read " + d.getPath() + " blts [" + offset[0] + ", "
                    + (offset[0] + shape[0]) + "): " + e, e);
        }
    }

    private void checkVisType(DataType t) throws Uvh5FormatException {
        if (t instanceof CompoundDataType c) {
            var members = c.getMembers();
            if (members.size() == 2 && members.get(0).getName().equals("r") && members.get(1).getName().equals("i")
                    && members.stream().allMatch(m -> m.getDataType() instanceof FloatingPoint
                            || m.getDataType() instanceof FixedPoint)) {
                return;
            }
        }
        throw new Uvh5FormatException(file, "Data/visdata has datatype " + t.getClass().getSimpleName()
                + " (size " + t.getSize() + "); expected a compound of numeric r, i (complex64, complex128 or integer pairs)");
    }

    /** Flattens a nested numeric array in C order into {@code out} from {@code at}; returns the next index. */
    private int floats(Object a, float[] out, int at) throws Uvh5FormatException {
        if (a instanceof float[] f) {
            System.arraycopy(f, 0, out, at, f.length);
            return at + f.length;
        }
        if (a instanceof double[] d) {
            for (double v : d) {
                out[at++] = (float) v;
            }
            return at;
        }
        if (a instanceof int[] d) {
            for (int v : d) {
                out[at++] = v;
            }
            return at;
        }
        if (a instanceof short[] d) {
            for (short v : d) {
                out[at++] = v;
            }
            return at;
        }
        if (a instanceof long[] d) {
            for (long v : d) {
                out[at++] = v;
            }
            return at;
        }
        if (a instanceof byte[] d) {
            for (byte v : d) {
                out[at++] = v;
            }
            return at;
        }
        if (a instanceof Object[] nested) {
            for (Object o : nested) {
                at = floats(o, out, at);
            }
            return at;
        }
        throw new Uvh5FormatException(file, "unexpected numeric data " + (a == null ? "null" : a.getClass()));
    }

    /** As {@link #floats}, for h5py booleans (an enum FALSE = 0, TRUE = 1) or integer flags. */
    private int booleans(Object a, boolean[] out, int at) throws Uvh5FormatException {
        if (a instanceof String[] s) {
            for (String v : s) {
                out[at++] = "TRUE".equals(v);
            }
            return at;
        }
        if (a instanceof boolean[] b) {
            System.arraycopy(b, 0, out, at, b.length);
            return at + b.length;
        }
        if (a instanceof Object[] nested) {
            for (Object o : nested) {
                at = booleans(o, out, at);
            }
            return at;
        }
        if (a != null && a.getClass().isArray()) {
            int n = Array.getLength(a);
            for (int i = 0; i < n; i++) {
                out[at++] = ((Number) Array.get(a, i)).longValue() != 0;
            }
            return at;
        }
        throw new Uvh5FormatException(file, "unexpected flag data " + (a == null ? "null" : a.getClass()));
    }
}
