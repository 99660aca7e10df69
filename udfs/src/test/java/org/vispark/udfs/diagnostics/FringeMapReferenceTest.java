package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.udfs.astro.PythonReference;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.sky.CalibratorCatalogue;

/**
 * {@link FringeMapAccumulator} against its definition, evaluated the straightforward way: per group (baseline,
 * polarization, channel block) {@code F_g(s) = sum D conj(K_s)} with every phasor from {@code Math.cos/sin}, the map
 * {@code sum_g |F_g(s)|}; on the make_ms.py incident with a share of its values flagged.
 */
class FringeMapReferenceTest {
    private static final int CHANNELS_PER_BLOCK = 4;
    private static final double C_M_PER_S = 299_792_458.0;

    @TempDir
    static Path tmp;
    private static SimulatedMs incident;
    private static RaDec calibrator;

    @BeforeAll
    static void writeMs() throws Exception {
        incident = SimulatedMs.read(PythonReference.makeMs(tmp.resolve("incident.ms")));
        calibrator = CalibratorCatalogue.read(Path.of("../conf/calibrators.csv")).position("0834+555");
    }

    @Test
    void mapEqualsTheDirectSumOfItsDefinition() {
        boolean[] flags = incident.flags().clone();
        Random random = new Random(7);
        for (int k = 0; k < flags.length; k++) {
            flags[k] |= random.nextDouble() < 0.2;
        }
        SkyGrid grid = new SkyGrid(calibrator, Math.toRadians(0.3), 3);
        RaDec centre = incident.fieldCentre();
        FringeMapAccumulator fast = new FringeMapAccumulator(grid, incident.freq_hz(), incident.numPol(),
                CHANNELS_PER_BLOCK);
        for (int r = 0; r < incident.rows(); r++) {
            fast.add(incident.ant1()[r], incident.ant2()[r], incident.uvw(), 3 * r, centre.ra_rad(), centre.dec_rad(),
                    incident.data(), r * incident.floatsPerRow(), flags, r * incident.numChan() * incident.numPol());
        }
        double[] expected = directMap(grid, centre, flags);
        double[] actual = fast.result();
        double peak = 0;
        for (double v : expected) {
            peak = Math.max(peak, v);
        }
        assertTrue(peak > 0);
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], actual[p], 1e-9 * peak, "pixel " + p);
        }
    }

    @Test
    void collapsingBaselineAfterBaselineIntoOneMapEqualsTheSumOfTheirMaps() {
        SkyGrid grid = new SkyGrid(calibrator, Math.toRadians(0.3), 3);
        RaDec centre = incident.fieldCentre();
        Integer[] order = new Integer[incident.rows()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(r -> incident.ant1()[r])
                .thenComparingInt(r -> incident.ant2()[r]));
        double[] expected = new double[grid.pixels()];
        double[] actual = new double[grid.pixels()];
        FringeMapAccumulator reused = new FringeMapAccumulator(grid, incident.freq_hz(), incident.numPol(),
                CHANNELS_PER_BLOCK);
        FringeMapAccumulator own = null;
        int baselines = 0;
        for (int i = 0; i < order.length; i++) {
            int r = order[i];
            boolean next = i > 0 && (incident.ant1()[r] != incident.ant1()[order[i - 1]]
                    || incident.ant2()[r] != incident.ant2()[order[i - 1]]);
            if (next) {
                reused.collapseInto(actual);
                double[] m = own.result();
                for (int p = 0; p < m.length; p++) {
                    expected[p] += m[p];
                }
            }
            if (own == null || next) {
                own = new FringeMapAccumulator(grid, incident.freq_hz(), incident.numPol(), CHANNELS_PER_BLOCK);
                baselines++;
            }
            for (FringeMapAccumulator a : new FringeMapAccumulator[] {reused, own}) {
                a.add(incident.ant1()[r], incident.ant2()[r], incident.uvw(), 3 * r, centre.ra_rad(),
                        centre.dec_rad(), incident.data(), r * incident.floatsPerRow(), incident.flags(),
                        r * incident.numChan() * incident.numPol());
            }
        }
        reused.collapseInto(actual);
        double[] m = own.result();
        for (int p = 0; p < m.length; p++) {
            expected[p] += m[p];
        }
        assertTrue(baselines > 100, baselines + " baselines");
        assertTrue(expected[grid.pixels() / 2] > 0);
        assertArrayEquals(expected, actual, "bit for bit");
        reused.collapseInto(actual);
        assertArrayEquals(expected, actual, "a collapse forgets the sums it added");
    }

    /** The definition, one Math.cos/sin per value and pixel. */
    private static double[] directMap(SkyGrid grid, RaDec centre, boolean[] flags) {
        int numChan = incident.numChan();
        int numPol = incident.numPol();
        double[] lmn = new double[3 * grid.pixels()];
        for (int p = 0; p < grid.pixels(); p++) {
            RaDec d = grid.direction(p);
            Spherical.lmn(d.ra_rad(), d.dec_rad(), centre.ra_rad(), centre.dec_rad(), lmn, 3 * p);
        }
        Map<String, double[]> groups = new HashMap<>();
        for (int r = 0; r < incident.rows(); r++) {
            int a1 = incident.ant1()[r];
            int a2 = incident.ant2()[r];
            if (a1 == a2) {
                continue;
            }
            double u = incident.uvw()[3 * r];
            double v = incident.uvw()[3 * r + 1];
            double w = incident.uvw()[3 * r + 2];
            for (int c = 0; c < numChan; c++) {
                for (int q = 0; q < numPol; q++) {
                    int k = c * numPol + q;
                    if (flags[r * numChan * numPol + k]) {
                        continue;
                    }
                    double[] f = groups.computeIfAbsent(a1 + "-" + a2 + "/" + q + "/" + c / CHANNELS_PER_BLOCK,
                            g -> new double[2 * grid.pixels()]);
                    double dr = incident.data()[r * incident.floatsPerRow() + 2 * k];
                    double di = incident.data()[r * incident.floatsPerRow() + 2 * k + 1];
                    for (int p = 0; p < grid.pixels(); p++) {
                        double phase = 2 * Math.PI * incident.freq_hz()[c] / C_M_PER_S
                                * (u * lmn[3 * p] + v * lmn[3 * p + 1] + w * lmn[3 * p + 2]);
                        // D conj(K), K = exp(+i phase)
                        f[2 * p] += dr * Math.cos(phase) + di * Math.sin(phase);
                        f[2 * p + 1] += di * Math.cos(phase) - dr * Math.sin(phase);
                    }
                }
            }
        }
        double[] map = new double[grid.pixels()];
        for (double[] f : groups.values()) {
            for (int p = 0; p < map.length; p++) {
                map[p] += Math.hypot(f[2 * p], f[2 * p + 1]);
            }
        }
        return map;
    }
}
