package org.vispark.formats.uvh5.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;
import org.vispark.formats.uvh5.Uvh5File;
import org.vispark.formats.uvh5.Uvh5Header;
import org.vispark.formats.uvh5.Uvh5Rows;

/**
 * A file written by {@link Uvh5Writer} is UVH5 as h5py writes it: h5py reads visdata as complex64, flags as bool and
 * every header dataset with the memo's type and shape, and vispark's reader reads back every value.
 */
class Uvh5WriterTest {
    private static final int NFREQS = 3;
    private static final int NPOLS = 2;

    @Test
    void h5pyAndTheReaderReadBackWhatWasWritten(@TempDir Path tmp) throws Exception {
        DriftScanFile f = sample();
        Path path = tmp.resolve("2026-01-15T08:00:00_sb00.hdf5");
        Uvh5Writer.write(path, f);

        String h5py = Reference.python("-c", String.join("\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "h, d = f['Header'], f['Data']",
                "print(d['visdata'].dtype, d['visdata'].shape, d['flags'].dtype, d['nsamples'].dtype)",
                "print(h['Nblts'][()], h['Nblts'].dtype, h['ant_2_array'].dtype, h['freq_array'].shape,"
                        + " h['antenna_positions'].shape, h['phase_type'][()].decode(), h['telescope_name'][()].decode())",
                "e = h['extra_keywords']",
                "print(e['phase_center_dec'][()], e['ha_phase_center'][()], e['phase_center_epoch'][()].decode())",
                "v = d['visdata'][:, 0, :, :]",
                "print(v[1, 2, 1].real, v[1, 2, 1].imag, int(d['flags'][:].sum()), bool(d['flags'][2, 0, 1, 0]),"
                        + " d['nsamples'][3, 0, 2, 1])"), path.toString()).trim();
        assertEquals(String.join("\n",
                "complex64 (4, 1, 3, 2) bool float32",
                "4 int64 int64 (1, 3) (3, 3) drift DSA_110",
                "0.9 0.0 HADEC",
                "2.75 -4.125 1 True 0.5"), h5py);

        try (Uvh5File r = Uvh5File.open(path)) {
            Uvh5Header h = r.header();
            assertEquals(4, h.nblts());
            assertArrayEquals(f.freq_hz(), h.freq_hz(), 0);
            assertArrayEquals(f.time_jd(), h.time_jd(), 0);
            assertEquals(0.9, ((Number) h.extraKeywords().get("phase_center_dec")).doubleValue(), 0);
            Uvh5Rows rows = r.read(0, 4);
            assertArrayEquals(f.visdata(), rows.vis(), 0f);
            assertArrayEquals(f.flags(), rows.flags());
            assertArrayEquals(f.nsamples(), rows.nsamples(), 0f);
        }
    }

    /** 3 antennas, 2 integrations of 2 baselines, 3 descending channels, XX and YY; values all distinct. */
    private static DriftScanFile sample() {
        int nblts = 4;
        int values = nblts * NFREQS * NPOLS;
        float[] vis = new float[2 * values];
        float[] ns = new float[values];
        boolean[] flags = new boolean[values];
        for (int k = 0; k < values; k++) {
            vis[2 * k] = 0.25f * k;
            vis[2 * k + 1] = -0.375f * k;
            ns[k] = k % 5 == 0 ? 1f : 0.5f;
        }
        flags[(2 * NFREQS + 1) * NPOLS] = true; // blt 2, channel 1, XX
        return new DriftScanFile("DSA_110", 37.23, -118.28, 1188, new String[] {"DSA-001", "DSA-002", "DSA-003"},
                new int[] {0, 1, 2}, new double[][] {{0, 0, 0}, {100, 0, 0}, {0, 100, 50}}, 4.65, 2,
                new int[] {0, 0, 0, 0}, new int[] {1, 2, 1, 2}, new double[] {2461055.5, 2461055.5, 2461055.6, 2461055.6},
                12.88, new double[] {1, 1, 1.1, 1.1},
                new double[][] {{100, 0, 0}, {0, 100, 50}, {99, 1, 0}, {1, 99, 50}},
                new double[] {1.4e9, 1.3999e9, 1.3998e9}, -1e5, new int[] {-5, -6}, 0.9, "drift", vis, flags, ns);
    }
}
