package org.vispark.udfs.rephase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.udfs.astro.PythonReference;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;

/**
 * The independent check: two MS written by make_ms.py from the same seed (same antennas, times, gains, source;
 * no noise) but phased to different centres, whose UVW casacore's measures computed. Rephasing the first to the
 * second's FIELD PHASE_DIR must reproduce the second's UVW, DATA and MODEL_DATA (the true sky).
 */
class MeasurementSetRephaseTest {
    private static final String[] COMMON = {"--nant", "16", "--nchan", "64", "--ntime", "4", "--noise", "0",
        "--seed", "5", "--model", "true", "--dm", "standard"};

    /** The columns of an MS the rephasing needs. */
    private record Observed(RaDec centre, double[] freq_hz, int numPol, double[] uvw, float[] data, float[] model) {}

    private static Observed read(Path ms) throws Exception {
        try (MeasurementSet m = MeasurementSet.open(ms)) {
            List<Field> fields = m.fields();
            assertEquals(1, fields.size(), ms + ": one field");
            assertEquals("J2000", fields.get(0).phaseDir().frame());
            RaDec centre = RaDec.j2000(fields.get(0).phaseDir().lon_rad(), fields.get(0).phaseDir().lat_rad());
            Table t = m.main();
            int rows = Math.toIntExact(t.rowCount());
            int numPol = t.column("DATA").shape(0)[0];
            return new Observed(centre, m.spectralWindows().get(0).chanFreq_hz(), numPol,
                    (double[]) t.column("UVW").read(0, rows), (float[]) t.column("DATA").read(0, rows),
                    (float[]) t.column("MODEL_DATA").read(0, rows));
        }
    }

    /** Amplitude-weighted RMS phase difference (rad) over values whose expected amplitude is above 1e-3 of the largest. */
    private static double phaseRms(float[] got, float[] expected) {
        double max = 0;
        for (int k = 0; k < expected.length; k += 2) {
            max = Math.max(max, Math.hypot(expected[k], expected[k + 1]));
        }
        double sum = 0;
        double weight = 0;
        for (int k = 0; k < expected.length; k += 2) {
            double a = Math.hypot(expected[k], expected[k + 1]);
            if (a > 1e-3 * max) {
                double re = (double) got[k] * expected[k] + (double) got[k + 1] * expected[k + 1];
                double im = (double) got[k + 1] * expected[k] - (double) got[k] * expected[k + 1];
                double d = Math.atan2(im, re);
                sum += a * d * d;
                weight += a;
            }
        }
        assertTrue(weight > 0, "no visibility with a meaningful amplitude");
        return Math.sqrt(sum / weight);
    }

    private static void check(Path tmp, String centreA, String centreB, String source) throws Exception {
        Path a = PythonReference.makeMs(tmp.resolve("a.ms"), concat(COMMON, "--centre", centreA, "--source", source));
        Path b = PythonReference.makeMs(tmp.resolve("b.ms"), concat(COMMON, "--centre", centreB, "--source", source));
        Observed first = read(a);
        Observed second = read(b);
        assertArrayEquals(first.freq_hz(), second.freq_hz());
        int rows = first.uvw().length / 3;
        UvwRotation there = UvwRotation.between(first.centre(), second.centre());
        Rephaser rephaser = new Rephaser(first.freq_hz(), first.numPol());

        double[] uvw = first.uvw().clone();
        float[] data = first.data().clone();
        rephaser.rephase(uvw, data, rows, there);
        float[] model = first.model().clone();
        rephaser.rephase(first.uvw().clone(), model, rows, there);

        double worstUvw = 0;
        for (int i = 0; i < uvw.length; i++) {
            worstUvw = Math.max(worstUvw, Math.abs(uvw[i] - second.uvw()[i]));
        }
        double dataRms = phaseRms(data, second.data());
        double modelRms = phaseRms(model, second.model());
        double before = phaseRms(first.data(), second.data());
        double sep = Math.toDegrees(Spherical.separation_rad(first.centre().ra_rad(), first.centre().dec_rad(),
                second.centre().ra_rad(), second.centre().dec_rad()));
        System.out.printf("MS rephase over %.3f deg: UVW within %.3e m, DATA phase RMS %.3e rad, MODEL_DATA %.3e rad"
                + " (%.3f rad before rephasing)%n", sep, worstUvw, dataRms, modelRms, before);
        assertTrue(worstUvw < 0.005, "UVW off by " + worstUvw + " m");
        assertTrue(dataRms < 0.05, "DATA phase RMS " + dataRms);
        assertTrue(modelRms < 0.05, "MODEL_DATA phase RMS " + modelRms);
        assertTrue(before > 0.5, "the two MS differ before rephasing");

        // there and back again
        rephaser.rephase(uvw, data, rows, UvwRotation.between(second.centre(), first.centre()));
        assertArrayEquals(first.uvw(), uvw, 1e-9);
        float worstData = 0;
        float scale = 0;
        for (int k = 0; k < data.length; k++) {
            worstData = Math.max(worstData, Math.abs(data[k] - first.data()[k]));
            scale = Math.max(scale, Math.abs(first.data()[k]));
        }
        assertTrue(worstData <= 4 * Math.ulp(scale), "there and back: " + worstData + " vs ulp " + Math.ulp(scale));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void rephasingOneDegreeReproducesTheOtherMs(@TempDir Path tmp) throws Exception {
        check(tmp, "128.571864,54.665223", "129.9,55.3", "128.7287,55.5725,2.5");
    }

    /**
     * Two degrees at high declination, the source near the new centre. Larger shifts exceed 5 mm: casacore's J2000
     * UVW rotate the baseline by the annual aberration at the phase centre, so the baselines of two centres differ
     * by about 1.5 mm per degree of shift on 2 km (see the class comment of {@link UvwRotation}).
     */
    @Test
    void rephasingTwoDegreesAtHighDecReproducesTheOtherMs(@TempDir Path tmp) throws Exception {
        check(tmp, "250.0,71.6", "255.0,72.7", "254.5,72.5,3.0");
    }
}
