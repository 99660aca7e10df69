package org.vispark.udfs.rephase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.vis.PackedCells;

/**
 * Proves the rephasing: point sources simulated in the MS convention
 * ({@code V = S exp(+2 pi i (u l + v m + w (n - 1)) / lambda)}, uvw = R(centre) b) at the old centre, rephased,
 * must equal the same sky simulated directly at the new centre.
 */
class RephaserTest {
    private static final int NPOL = 2;
    private static final double MAX_PHASE_ERROR_RAD = 1e-5;

    /** A point source: J2000 direction and flux per polarization. */
    private record Source(RaDec dir, double[] flux) {}

    private static RaDec deg(double ra, double dec) {
        return RaDec.j2000(Math.toRadians(ra), Math.toRadians(dec));
    }

    /** Random baselines (J2000 Cartesian, metres) up to {@code maxM} long. */
    private static double[] baselines(int rows, double maxM, long seed) {
        Random rnd = new Random(seed);
        double[] b = new double[3 * rows];
        for (int i = 0; i < b.length; i++) {
            b[i] = (2 * rnd.nextDouble() - 1) * maxM / Math.sqrt(3);
        }
        return b;
    }

    private static double[] uvw(double[] baselines, RaDec[] centreOfRow) {
        double[] out = new double[baselines.length];
        for (int r = 0; r < out.length / 3; r++) {
            double[][] ax = UvwRotation.axes(centreOfRow[r]);
            for (int i = 0; i < 3; i++) {
                out[3 * r + i] = ax[i][0] * baselines[3 * r] + ax[i][1] * baselines[3 * r + 1]
                        + ax[i][2] * baselines[3 * r + 2];
            }
        }
        return out;
    }

    /** Visibilities in double precision, interleaved [row][chan][pol][re,im]. */
    private static double[] simulate(double[] uvw, RaDec[] centreOfRow, double[] freq, Source... sources) {
        int rows = uvw.length / 3;
        double[] vis = new double[rows * freq.length * NPOL * 2];
        for (int r = 0; r < rows; r++) {
            double[][] ax = UvwRotation.axes(centreOfRow[r]);
            for (Source s : sources) {
                double[] d = s.dir().unitVector();
                double l = dot(ax[0], d);
                double m = dot(ax[1], d);
                double n = dot(ax[2], d);
                double path = uvw[3 * r] * l + uvw[3 * r + 1] * m + uvw[3 * r + 2] * (n - 1);
                for (int c = 0; c < freq.length; c++) {
                    double phase = 2 * Math.PI * path * freq[c] / ChannelPhasors.C_M_PER_S;
                    for (int p = 0; p < NPOL; p++) {
                        int k = 2 * ((r * freq.length + c) * NPOL + p);
                        vis[k] += s.flux()[p] * Math.cos(phase);
                        vis[k + 1] += s.flux()[p] * Math.sin(phase);
                    }
                }
            }
        }
        return vis;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] dsaFrequencies(int nchan) {
        double[] f = new double[nchan];
        for (int c = 0; c < nchan; c++) {
            f[c] = 1.311e9 + c * (1.5e9 / 384 / 8);
        }
        return f;
    }

    /** Largest phase difference (rad) and relative amplitude difference between two complex arrays. */
    private static double[] worst(float[] got, double[] expected) {
        double phase = 0;
        double amp = 0;
        for (int k = 0; k < got.length; k += 2) {
            double re = got[k] * expected[k] + got[k + 1] * expected[k + 1];
            double im = got[k + 1] * expected[k] - got[k] * expected[k + 1];
            double ea = Math.hypot(expected[k], expected[k + 1]);
            phase = Math.max(phase, Math.abs(Math.atan2(im, re)));
            amp = Math.max(amp, Math.abs(Math.hypot(got[k], got[k + 1]) - ea) / ea);
        }
        return new double[] {phase, amp};
    }

    private static void checkGeometry(RaDec from, RaDec to, double[] freq, Source... sources) {
        int rows = 200;
        double[] b = baselines(rows, 3000, 7);
        RaDec[] old = new RaDec[rows];
        RaDec[] fresh = new RaDec[rows];
        java.util.Arrays.fill(old, from);
        java.util.Arrays.fill(fresh, to);
        double[] uvwOld = uvw(b, old);
        double[] uvwNew = uvw(b, fresh);
        float[] vis = toFloat(simulate(uvwOld, old, freq, sources));
        double[] expected = simulate(uvwNew, fresh, freq, sources);
        double[] uvw = uvwOld.clone();
        new Rephaser(freq, NPOL).rephase(uvw, vis, rows, UvwRotation.between(from, to));
        assertArrayEquals(uvwNew, uvw, 1e-9);
        double[] w = worst(vis, expected);
        String where = from + " -> " + to;
        System.out.printf("rephase %.4f,%.4f -> %.4f,%.4f deg, %d sources: max phase error %.2e rad, amplitude %.2e%n",
                from.raDeg(), from.decDeg(), to.raDeg(), to.decDeg(), sources.length, w[0], w[1]);
        assertTrue(w[0] < MAX_PHASE_ERROR_RAD, where + ": phase error " + w[0]);
        assertTrue(w[1] < 1e-6, where + ": amplitude error " + w[1]);
    }

    @Test
    void pointSourceAtOldCentreMatchesDirectSimulationAtNewCentre() {
        double[] freq = dsaFrequencies(768);
        double[][] geometries = {
            {128.571864, 54.665223, 128.7287, 55.5725},  // DSA-110 field to its calibrator, 0.9 deg
            {10, 20, 11.0, 20},                        // 1 deg in RA
            {10, 20, 10, 21},                          // 1 deg in Dec
            {200, -30, 205, -33},                      // 5 deg
            {359.5, 2, 0.5, -2},                       // across RA 0
            {45, 85, 225, 87},                         // high dec, across the pole: 8 deg
            {100, 89.9, 160, 89.95},                   // next to the pole
        };
        for (double[] g : geometries) {
            RaDec from = deg(g[0], g[1]);
            RaDec to = deg(g[2], g[3]);
            checkGeometry(from, to, freq, new Source(from, new double[] {2.5, 2.0}));
            // a second source between the centres and an off-centre one
            RaDec mid = deg(0.5 * (g[0] + g[2]) + 0.1, 0.5 * (g[1] + g[3]) - 0.05);
            checkGeometry(from, to, freq, new Source(from, new double[] {1, 1}), new Source(mid, new double[] {0.3, 0.2}));
        }
    }

    @Test
    void nonUniformChannelsUseExactPhases() {
        double[] freq = {1.30e9, 1.31e9, 1.3102e9, 1.45e9, 1.4500001e9};
        assertFalse(new ChannelPhasors(freq).uniform());
        RaDec from = deg(128.571864, 54.665223);
        checkGeometry(from, deg(131, 58), freq, new Source(from, new double[] {1, 3}));
    }

    @Test
    void recurrenceMatchesExactTrigonometry() {
        double[] freq = dsaFrequencies(768);
        ChannelPhasors ph = new ChannelPhasors(freq);
        assertTrue(ph.uniform());
        for (double d : new double[] {1e-3, 3.7, -250.5, 2999.9, -12345.6}) {
            ph.compute(d);
            double worst = 0;
            // the exact phase itself is only known to its rounding: a few ulp of the largest phase
            double tolerance = 1e-13 + 8 * Math.ulp(2 * Math.PI * Math.abs(d) * freq[freq.length - 1]
                    / ChannelPhasors.C_M_PER_S);
            for (int c = 0; c < freq.length; c++) {
                double phase = 2 * Math.PI * d * freq[c] / ChannelPhasors.C_M_PER_S;
                worst = Math.max(worst, Math.hypot(ph.cos()[c] - Math.cos(phase), ph.sin()[c] - Math.sin(phase)));
            }
            assertTrue(worst < tolerance, "path " + d + " m: recurrence off by " + worst + " > " + tolerance);
        }
    }

    @Test
    void rowsOfSeveralFieldsAndThereAndBack() {
        double[] freq = dsaFrequencies(96);
        RaDec[] fields = {deg(10, 30), deg(12, 31), deg(250, 71.6)};
        RaDec target = deg(11, 30.5);
        int rows = 300;
        double[] b = baselines(rows, 2600, 11);
        RaDec[] centreOfRow = new RaDec[rows];
        UvwRotation[] there = new UvwRotation[rows];
        UvwRotation[] back = new UvwRotation[rows];
        UvwRotation[][] byField = new UvwRotation[fields.length][];
        for (int f = 0; f < fields.length; f++) {
            byField[f] = new UvwRotation[] {UvwRotation.between(fields[f], target),
                UvwRotation.between(target, fields[f])};
        }
        RaDec[] targets = new RaDec[rows];
        for (int r = 0; r < rows; r++) {
            int f = r % fields.length;
            centreOfRow[r] = fields[f];
            targets[r] = target;
            there[r] = byField[f][0];
            back[r] = byField[f][1];
        }
        Source src = new Source(deg(11.2, 30.3), new double[] {1.5, 0.5});
        double[] uvwOld = uvw(b, centreOfRow);
        float[] original = toFloat(simulate(uvwOld, centreOfRow, freq, src));
        float[] vis = original.clone();
        double[] uvw = uvwOld.clone();
        Rephaser rephaser = new Rephaser(freq, NPOL);
        rephaser.rephase(uvw, vis, rows, there);
        assertArrayEquals(uvw(b, targets), uvw, 1e-9);
        double[] w = worst(vis, simulate(uvw(b, targets), targets, freq, src));
        assertTrue(w[0] < MAX_PHASE_ERROR_RAD, "phase error " + w[0]);
        rephaser.rephase(uvw, vis, rows, back);
        assertArrayEquals(uvwOld, uvw, 1e-9);
        double worstUlps = 0;
        for (int k = 0; k < vis.length; k++) {
            worstUlps = Math.max(worstUlps, Math.abs(vis[k] - original[k]) / Math.ulp(2f));
        }
        assertTrue(worstUlps <= 4, "there and back changed values by " + worstUlps + " ulp of 2");
    }

    @Test
    void packedCellsGiveTheSameValuesAsArrays() {
        double[] freq = dsaFrequencies(64);
        RaDec from = deg(128.571864, 54.665223);
        RaDec to = deg(128.7287, 55.5725);
        UvwRotation rot = UvwRotation.between(from, to);
        int rows = 20;
        double[] b = baselines(rows, 2000, 5);
        RaDec[] old = new RaDec[rows];
        java.util.Arrays.fill(old, from);
        double[] uvwOld = uvw(b, old);
        float[] vis = toFloat(simulate(uvwOld, old, freq, new Source(deg(129, 55), new double[] {1, 2})));
        Rephaser rephaser = new Rephaser(freq, NPOL);
        int perRow = rephaser.floatsPerRow();
        byte[][] packed = new byte[rows][];
        for (int r = 0; r < rows; r++) {
            byte[] cell = PackedCells.packFloats(vis, r * perRow, perRow);
            packed[r] = rephaser.rephasePacked(cell, uvwOld, 3 * r, rot);
            assertArrayEquals(PackedCells.packFloats(vis, r * perRow, perRow), cell, "input left alone");
        }
        double[] uvw = uvwOld.clone();
        rephaser.rephase(uvw, vis, rows, rot);
        for (int r = 0; r < rows; r++) {
            assertArrayEquals(PackedCells.packFloats(vis, r * perRow, perRow), packed[r]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rephaser.rephasePacked(new byte[16], uvwOld, 0, rot));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rephaser.rephase(new double[3], new float[4], 1, rot));
    }

    @Test
    void cellsOfARowRephasedTogetherMatchOneByOne() {
        double[] freq = dsaFrequencies(64);
        UvwRotation rot = UvwRotation.between(deg(128.571864, 54.665223), deg(128.7287, 55.5725));
        Rephaser rephaser = new Rephaser(freq, NPOL);
        Random random = new Random(7);
        double[] uvw = {812.5, -1033.25, 17.75};
        byte[] data = new byte[8 * NPOL * freq.length];
        byte[] model = new byte[data.length];
        random.nextBytes(data);
        random.nextBytes(model);
        for (int i = 0; i < data.length; i += 4) {
            data[i + 3] = 0x40;   // finite floats
            model[i + 3] = 0x3f;
        }
        byte[] dataAlone = data.clone();
        byte[] modelAlone = model.clone();
        rephaser.rephasePackedInPlace(dataAlone, uvw, 0, rot);
        rephaser.rephasePackedInPlace(modelAlone, uvw, 0, rot);
        byte[][] cells = {data, null, model};
        rephaser.rephasePackedInPlace(cells, uvw, 0, rot);
        assertArrayEquals(dataAlone, data);
        assertArrayEquals(modelAlone, model);
        assertThrows(IllegalArgumentException.class,
                () -> rephaser.rephasePackedInPlace(new byte[][] {new byte[16]}, uvw, 0, rot));
    }

    @Test
    void rotationIsOrthonormalAndIdentityForTheSameCentre() {
        UvwRotation same = UvwRotation.between(deg(30, 40), deg(30, 40));
        double[] m = same.matrix();
        for (int i = 0; i < 9; i++) {
            assertEquals(i % 4 == 0 ? 1 : 0, m[i], 1e-15);
        }
        double[] r = UvwRotation.between(deg(30, 40), deg(200, -60)).matrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double d = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
                assertEquals(i == j ? 1 : 0, d, 1e-15);
            }
        }
    }
}
