package org.vispark.formats.uvh5.write;

import io.jhdf.HdfFile;
import io.jhdf.WritableDatasetImpl;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.DataType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a {@link DriftScanFile} as a UVH5 file, pure Java on jhdf's writer: the {@code Header} datasets of the
 * memo's older layout (integers int64, reals float64, strings fixed-length bytes, as h5py writes them from numpy
 * and Python values), the DSA-110's {@code extra_keywords}, and {@code Data/visdata} (complex64),
 * {@code flags} (h5py's bool) and {@code nsamples} (float32) of shape (Nblts, 1, Nfreqs, Npols), contiguous.
 *
 * <p>jhdf 0.11 cannot write compound or enum types, so visdata and flags are written with {@link Complex64Type}
 * and {@link BoolType}, set on jhdf's dataset in place of the type it derives from the (shape-only) array given to
 * it: the one use of jhdf internals, checked by the round trip through h5py and vispark's reader in the tests.
 */
public final class Uvh5Writer {
    private static final Field DATASET_TYPE = datasetTypeField();

    private Uvh5Writer() {}

    /** Writes {@code f} as the new UVH5 file {@code path} (replaced if it exists). */
    public static void write(Path path, DriftScanFile f) throws IOException {
        int nblts = f.nblts();
        int nfreqs = f.freq_hz().length;
        int npols = f.polarizations().length;
        try (WritableHdfFile out = HdfFile.write(path)) {
            WritableGroup h = out.putGroup("Header");
            h.putDataset("Nants_data", (long) f.antennaNumbers().length);
            h.putDataset("Nants_telescope", (long) f.antennaNumbers().length);
            h.putDataset("Nbls", (long) f.nbls());
            h.putDataset("Nblts", (long) nblts);
            h.putDataset("Nfreqs", (long) nfreqs);
            h.putDataset("Npols", (long) npols);
            h.putDataset("Nspws", 1L);
            h.putDataset("Ntimes", (long) f.ntimes());
            h.putDataset("ant_1_array", longs(f.ant1()));
            h.putDataset("ant_2_array", longs(f.ant2()));
            h.putDataset("antenna_names", f.antennaNames());
            h.putDataset("antenna_numbers", longs(f.antennaNumbers()));
            h.putDataset("antenna_positions", f.antennaPositions_m());
            h.putDataset("antenna_diameters", filled(f.antennaNumbers().length, f.antennaDiameter_m()));
            h.putDataset("latitude", f.latitude_deg());
            h.putDataset("longitude", f.longitude_deg());
            h.putDataset("altitude", f.altitude_m());
            h.putDataset("telescope_name", f.telescopeName());
            h.putDataset("instrument", f.telescopeName());
            h.putDataset("history", "written by vispark's Uvh5Writer");
            h.putDataset("spw_array", new long[] {0});
            h.putDataset("freq_array", new double[][] {f.freq_hz()});
            h.putDataset("channel_width", f.channelWidth_hz());
            h.putDataset("integration_time", filled(nblts, f.integration_s()));
            h.putDataset("polarization_array", longs(f.polarizations()));
            h.putDataset("time_array", f.time_jd());
            h.putDataset("lst_array", f.lst_rad());
            h.putDataset("uvw_array", f.uvw_m());
            h.putDataset("phase_type", "drift");
            h.putDataset("object_name", f.objectName());
            WritableGroup extra = h.putGroup("extra_keywords");
            extra.putDataset("phase_center_dec", f.pointingDec_rad());
            extra.putDataset("ha_phase_center", 0.0);
            extra.putDataset("phase_center_epoch", "HADEC");
            WritableGroup d = out.putGroup("Data");
            typed(d, "visdata", new byte[nblts][1][nfreqs][npols], new Complex64Type(f.visdata()));
            typed(d, "flags", new byte[nblts][1][nfreqs][npols], new BoolType(f.flags()));
            d.putDataset("nsamples", nested(f.nsamples(), nblts, nfreqs, npols));
        } catch (RuntimeException e) {
            throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** A dataset of {@code shape}'s dimensions whose type (and values) are {@code type}'s. */
    private static void typed(WritableGroup g, String name, Object shape, DataType type) {
        WritableDatasetImpl d = (WritableDatasetImpl) g.putDataset(name, shape);
        try {
            DATASET_TYPE.set(d, type);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("jhdf's dataset type cannot be set", e);
        }
    }

    private static Field datasetTypeField() {
        try {
            Field f = WritableDatasetImpl.class.getDeclaredField("dataType");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this jhdf has no WritableDatasetImpl.dataType (written for 0.11)", e);
        }
    }

    private static float[][][][] nested(float[] flat, int nblts, int nfreqs, int npols) {
        float[][][][] out = new float[nblts][1][nfreqs][npols];
        for (int b = 0; b < nblts; b++) {
            for (int c = 0; c < nfreqs; c++) {
                System.arraycopy(flat, (b * nfreqs + c) * npols, out[b][0][c], 0, npols);
            }
        }
        return out;
    }

    private static long[] longs(int[] a) {
        return Arrays.stream(a).asLongStream().toArray();
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
