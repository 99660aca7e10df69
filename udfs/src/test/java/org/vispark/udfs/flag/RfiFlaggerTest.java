package org.vispark.udfs.flag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One baseline's plane (24 integrations, 256 channels, 2 polarizations: a DSA-110 MS's time axis): a source with a
 * sloped spectrum and a fringe, complex Gaussian noise, and RFI added at known places (a narrow-band line, a
 * broadband burst, a weak drifting line, a few strong single samples). Flagged must be >= 95 % of the injected power
 * and <= 2 % of the clean values.
 */
class RfiFlaggerTest {
    private static final int T = 24;
    private static final int C = 256;
    private static final int P = 2;

    private record Plane(float[][] vis, boolean[][] flags, double[][] rfiPower) {}

    private static Plane plane(long seed, boolean withRfi) {
        Random rnd = new Random(seed);
        float[][] vis = new float[T][2 * C * P];
        boolean[][] flags = new boolean[T][C * P];
        double[][] rfi = new double[T][C * P];
        double sigma = 1;
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < C; c++) {
                double amp = 8 * (1 - 0.3 * c / C);
                double phase = 0.05 * c + 0.2 * t;
                for (int p = 0; p < P; p++) {
                    int k = c * P + p;
                    double re = amp * Math.cos(phase) + sigma * rnd.nextGaussian();
                    double im = amp * Math.sin(phase) + sigma * rnd.nextGaussian();
                    double rre = 0;
                    double rim = 0;
                    if (withRfi) {
                        double a = 0;
                        if (c == 100 || c == 101) {
                            a = 6; // narrow-band line, all times
                        }
                        if (t == 15) {
                            a = 10; // broadband burst
                        }
                        if (c == 180 + t / 3) {
                            a = 4; // weak drifting line
                        }
                        if ((t == 3 && c == 30) || (t == 20 && c == 222)) {
                            a = 50; // spikes
                        }
                        double rphase = rnd.nextDouble() * 2 * Math.PI;
                        rre = a * Math.cos(rphase);
                        rim = a * Math.sin(rphase);
                    }
                    vis[t][2 * k] = (float) (re + rre);
                    vis[t][2 * k + 1] = (float) (im + rim);
                    rfi[t][k] = rre * rre + rim * rim;
                }
            }
        }
        return new Plane(vis, flags, rfi);
    }

    @Test
    void injectedRfiIsFlaggedAndCleanDataIsNot() {
        double caught = 0;
        double total = 0;
        long clean = 0;
        long cleanFlagged = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Plane pl = plane(seed, true);
            new RfiFlagger(FlagSettings.defaults()).flag(pl.vis(), pl.flags(), C, P);
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < C * P; k++) {
                    total += pl.rfiPower()[t][k];
                    if (pl.flags()[t][k]) {
                        caught += pl.rfiPower()[t][k];
                    }
                    if (pl.rfiPower()[t][k] == 0) {
                        clean++;
                        cleanFlagged += pl.flags()[t][k] ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(caught >= 0.95 * total, "RFI power flagged " + caught / total);
        assertTrue(cleanFlagged <= 0.02 * clean, "clean flagged " + (double) cleanFlagged / clean);
    }

    @Test
    void noiseAloneIsBarelyFlagged() {
        long flagged = 0;
        for (long seed = 11; seed <= 15; seed++) {
            Plane pl = plane(seed, false);
            flagged += new RfiFlagger(FlagSettings.defaults()).flag(pl.vis(), pl.flags(), C, P);
        }
        assertTrue(flagged <= 0.01 * 5 * T * C * P, "flagged " + flagged);
    }

    @Test
    void flagsApplyToAllPolarizationsAndNonFiniteValuesAreFlagged() {
        Plane pl = plane(21, false);
        pl.vis()[5][2 * (40 * P + 1)] = Float.NaN;
        pl.vis()[6][2 * (41 * P)] = 1e6f;
        new RfiFlagger(FlagSettings.defaults()).flag(pl.vis(), pl.flags(), C, P);
        assertTrue(pl.flags()[5][40 * P] && pl.flags()[5][40 * P + 1]);
        assertTrue(pl.flags()[6][41 * P] && pl.flags()[6][41 * P + 1]);
    }

    @Test
    void originalFlagsStayAndTheirValuesAreIgnored() {
        Plane pl = plane(31, false);
        for (int t = 0; t < T; t++) {
            for (int p = 0; p < P; p++) {
                pl.flags()[t][10 * P + p] = true;
                pl.vis()[t][2 * (11 * P + p)] = 0; // a dead channel, flagged by the correlator
                pl.flags()[t][11 * P + p] = true;
            }
        }
        long newly = new RfiFlagger(FlagSettings.defaults()).flag(pl.vis(), pl.flags(), C, P);
        for (int t = 0; t < T; t++) {
            assertTrue(pl.flags()[t][10 * P] && pl.flags()[t][11 * P + 1]);
        }
        assertTrue(newly <= 0.01 * T * C * P, "newly flagged " + newly);

        FlagSettings d = FlagSettings.defaults();
        FlagSettings replace = new FlagSettings(d.iterations(), d.thresholdStep(), d.baseThreshold(),
                d.firstThresholdSigma(), d.windowExpBase(), d.maxWindow(), d.smoothingTimeSigma(), d.smoothingChanSigma(),
                d.fitTimeAverage(),
                d.timeStepRmsSigma(), d.channelRmsSigma(), d.finalTimeStepRmsSigma(), d.sirEta(), false);
        Plane again = plane(31, false);
        for (int t = 0; t < T; t++) {
            again.flags()[t][10 * P] = true;
        }
        new RfiFlagger(replace).flag(again.vis(), again.flags(), C, P);
        int kept = 0;
        for (int t = 0; t < T; t++) {
            kept += again.flags()[t][10 * P] ? 1 : 0;
        }
        assertTrue(kept < T, "flags of clean data are replaced when not kept");
    }

    @Test
    void anAllFlaggedPlaneIsLeftAsItIs() {
        Plane pl = plane(41, true);
        for (boolean[] row : pl.flags()) {
            java.util.Arrays.fill(row, true);
        }
        assertEquals(0, new RfiFlagger(FlagSettings.defaults()).flag(pl.vis(), pl.flags(), C, P));
        for (boolean[] row : pl.flags()) {
            for (boolean f : row) {
                assertTrue(f);
            }
        }
    }

    @Test
    void aConstantPlaneIsNotFlagged() {
        float[][] vis = new float[T][2 * C * P];
        boolean[][] flags = new boolean[T][C * P];
        for (float[] row : vis) {
            java.util.Arrays.fill(row, 1f);
        }
        assertEquals(0, new RfiFlagger(FlagSettings.defaults()).flag(vis, flags, C, P));
        assertFalse(flags[0][0]);
    }
}
