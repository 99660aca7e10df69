package org.vispark.udfs.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.vis.Correlations;

class ModelPredictorTest {
    private static final double ARCMIN = Math.toRadians(1.0 / 60);
    private static final double[] FREQ = {1.30e9, 1.35e9, 1.40e9, 1.45e9, 1.50e9};

    /** A Gaussian against its definition: the same Gaussian brightness sampled as a dense grid of point sources. */
    @Test
    void gaussianEqualsSumOfPointsOfItsProfile() {
        double ra0 = Math.toRadians(128.7);
        double dec0 = Math.toRadians(55.5);
        double major = 2 * ARCMIN;
        double minor = 1 * ARCMIN;
        double pa = Math.toRadians(30);
        SkyComponent g = new SkyComponent("g", ra0, dec0, 3.0, 1.4e9, 0, major, minor, pa);
        // points on a tangent-plane grid (x east, y north), weights the Gaussian profile, normalized to 3 Jy
        List<SkyComponent> points = new ArrayList<>();
        double step = 0.1 * ARCMIN;
        int half = 40;
        double total = 0;
        List<double[]> weights = new ArrayList<>();
        for (int i = -half; i <= half; i++) {
            for (int j = -half; j <= half; j++) {
                double x = i * step;
                double y = j * step;
                double alongMajor = x * Math.sin(pa) + y * Math.cos(pa);
                double alongMinor = x * Math.cos(pa) - y * Math.sin(pa);
                double wgt = Math.exp(-4 * Math.log(2) * (alongMajor * alongMajor / (major * major)
                        + alongMinor * alongMinor / (minor * minor)));
                total += wgt;
                weights.add(new double[] {x, y, wgt});
            }
        }
        for (double[] w : weights) {
            double dec = dec0 + w[1];
            double ra = ra0 + w[0] / Math.cos(dec0);
            points.add(SkyComponent.point("", ra, dec, 3.0 * w[2] / total, 1.4e9, 0));
        }
        ModelPredictor one = new ModelPredictor(List.of(g), FREQ, new int[] {Correlations.XX}, null, null);
        ModelPredictor many = new ModelPredictor(points, FREQ, new int[] {Correlations.XX}, null, null);
        double[][] uvws = {{300, 0, 1}, {0, 700, -2}, {-500, 400, 3}, {1200, -900, 0}};
        for (double[] uvw : uvws) {
            float[] a = new float[2 * FREQ.length];
            float[] b = new float[2 * FREQ.length];
            one.predict(uvw, 0, ra0, dec0, a, 0);
            many.predict(uvw, 0, ra0, dec0, b, 0);
            for (int k = 0; k < a.length; k++) {
                assertEquals(b[k], a[k], 3e-3, "uvw " + java.util.Arrays.toString(uvw) + " float " + k);
            }
        }
        // the long baseline resolves the source: the taper matters there
        float[] a = new float[2 * FREQ.length];
        one.predict(uvws[3], 0, ra0, dec0, a, 0);
        assertEquals(true, Math.hypot(a[8], a[9]) < 2.0, "amplitude " + Math.hypot(a[8], a[9]) + " is tapered");
    }

    @Test
    void spectralIndexAndPrimaryBeam() {
        PrimaryBeam beam = PrimaryBeam.dsa110();
        double fwhm = beam.fwhm_rad(1.4e9);
        assertEquals(3.16, Math.toDegrees(fwhm), 0.01);
        assertEquals(0.5, beam.attenuation(fwhm / 2, 1.4e9), 1e-12);
        RaDec pointing = RaDec.j2000(1.0, 0.9);
        SkyComponent s = SkyComponent.point("s", 1.0, 0.9 + fwhm / 2, 10, 1.4e9, -0.7);
        ModelPredictor p = new ModelPredictor(List.of(s), FREQ, new int[] {Correlations.XX, Correlations.YY}, beam, pointing);
        for (int c = 0; c < FREQ.length; c++) {
            double expected = 10 * Math.pow(FREQ[c] / 1.4e9, -0.7) * beam.attenuation(fwhm / 2, FREQ[c]);
            assertEquals(expected, p.apparentFlux_jy(0, c), 1e-12);
        }
        // at the phase centre: the visibility is the apparent flux, real, in both polarizations
        float[] out = new float[4 * FREQ.length];
        p.predict(new double[] {100, 200, 3}, 0, s.ra_rad(), s.dec_rad(), out, 0);
        assertEquals((float) p.apparentFlux_jy(0, 2), out[8]);
        assertEquals(0f, out[9]);
        assertEquals(out[8], out[10]);
        assertThrows(IllegalArgumentException.class, () -> new ModelPredictor(List.of(s), FREQ, new int[] {Correlations.XX, Correlations.YY}, beam, null));
        assertThrows(IllegalArgumentException.class, () -> new SkyComponent("bad", 0, 0, 1, 1e9, 0, 1e-3, 2e-3, 0));
    }

    /**
     * An unpolarized point 20 arcmin off the phase centre: the parallel hands of 4-correlation cells (linear and
     * circular, in the cell's own order) and of a 1-correlation cell equal the analytic visibility
     * {@code S exp(+2 pi i (u l + v m + w (n - 1)) f / c)}, the cross hands are 0.
     */
    @Test
    void unpolarizedPointOnParallelHandsOnlyForEveryCorrelationLayout() {
        double ra0 = Math.toRadians(152.0);
        double dec0 = Math.toRadians(7.5);
        double ra = ra0 + 20 * ARCMIN / Math.cos(dec0);
        double dec = dec0 - 5 * ARCMIN;
        double l = Math.cos(dec) * Math.sin(ra - ra0);
        double m = Math.sin(dec) * Math.cos(dec0) - Math.cos(dec) * Math.sin(dec0) * Math.cos(ra - ra0);
        double n = Math.sin(dec) * Math.sin(dec0) + Math.cos(dec) * Math.cos(dec0) * Math.cos(ra - ra0);
        SkyComponent s = SkyComponent.point("s", ra, dec, 1.0, 1.4e9, 0);
        double[] uvw = {812.5, -341.25, 57.0};
        int[][] layouts = {
            {Correlations.XX, Correlations.XY, Correlations.YX, Correlations.YY},
            {Correlations.RR, Correlations.RL, Correlations.LR, Correlations.LL},
            {Correlations.LL, Correlations.LR, Correlations.RL, Correlations.RR},
            {Correlations.XX},
            {Correlations.YY, Correlations.XX},
        };
        for (int[] corr : layouts) {
            ModelPredictor p = new ModelPredictor(List.of(s), FREQ, corr, null, null);
            float[] out = new float[2 * corr.length * FREQ.length];
            p.predict(uvw, 0, ra0, dec0, out, 0);
            byte[] packed = p.predictPacked(uvw, 0, ra0, dec0);
            for (int c = 0; c < FREQ.length; c++) {
                double phase = 2 * Math.PI * (uvw[0] * l + uvw[1] * m + uvw[2] * (n - 1)) * FREQ[c] / 299_792_458.0;
                for (int k = 0; k < corr.length; k++) {
                    boolean parallel = corr[k] == Correlations.XX || corr[k] == Correlations.YY
                            || corr[k] == Correlations.RR || corr[k] == Correlations.LL;
                    int at = 2 * (c * corr.length + k);
                    String where = Correlations.names(corr) + " channel " + c + " correlation " + k;
                    assertEquals(parallel ? Math.cos(phase) : 0, out[at], 2e-6, where + " re");
                    assertEquals(parallel ? Math.sin(phase) : 0, out[at + 1], 2e-6, where + " im");
                    assertEquals(out[at], java.nio.ByteBuffer.wrap(packed).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .getFloat(4 * at), where + " packed re");
                    assertEquals(out[at + 1], java.nio.ByteBuffer.wrap(packed).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .getFloat(4 * at + 4), where + " packed im");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ModelPredictor(List.of(s), FREQ, new int[] {13}, null,
                null), "mixed basis RX");
        assertThrows(IllegalArgumentException.class, () -> new ModelPredictor(List.of(s), FREQ, new int[0], null, null));
    }
}
