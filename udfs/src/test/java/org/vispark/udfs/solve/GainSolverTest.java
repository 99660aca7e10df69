package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G (ap and p, solint int) against make_ms.py's injected gains: calibrator at the phase centre, MODEL = the true sky,
 * gains constant over the band ({@code --delay 0 --ripple 0}), phase drift between integrations.
 *
 * <p>Thermal limit (noise sigma per complex value, model amplitude S = 2.5 Jy, one integration, 64 channels):
 * {@code P_kj = 64 S^2}, {@code D_k = sum_j P_kj |g_j|^2}; the complex error of g_k has variance
 * {@code sigma^2 / D_k} plus the reference antenna's phase error carried to every antenna,
 * {@code |g_k|^2 sigma^2 / (2 |g_0|^2 D_0)} (for antenna 0 only the amplitude error, {@code sigma^2 / (2 D_0)}).
 * Phase-only: {@code var(phi_k) = sigma^2 sum_j P_kj / (2 (|g_k| sum_j P_kj |g_j|)^2)} plus antenna 0's.
 */
class GainSolverTest {
    private static final double FLUX = 2.5;
    @TempDir
    static Path dir;
    private static SimulatedCalibrator cal;

    @BeforeAll
    static void make() throws Exception {
        cal = SimulatedCalibrator.make(dir, "g", "--nant", "12", "--nchan", "64", "--ntime", "8", "--seed", "3",
                "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,2.5", "--model", "true",
                "--delay", "0", "--ripple", "0", "--dm", "standard");
    }

    private static double[] g(int t, int a, int p) {
        return new double[] {cal.truthRe()[t][a][p][0], cal.truthIm()[t][a][p][0]};
    }

    @Test
    void amplitudeAndPhaseAgreeWithTheTruthAtTheThermalLimit() {
        double sigma = cal.noise();
        double pk = cal.numChan() * FLUX * FLUX;
        NormalizedErrors errors = new NormalizedErrors("G ap, solint int", cal.numAnt());
        List<SolveGroup> groups = cal.groupsPerTime(null);
        double worstSnrRatio = 0;
        for (int t = 0; t < groups.size(); t++) {
            List<Solution> sol = Solver.solve(groups.get(t), SolveOptions.defaults(GainType.G)
                    .withRefant(ReferenceAntenna.index(0)));
            assertEquals(cal.numAnt() * cal.numPol(), sol.size());
            for (Solution s : sol) {
                int a = s.antenna();
                int p = s.pol();
                assertEquals(cal.truthTimes()[t], s.time_mjdSec(), 1e-6);
                assertEquals(-1, s.channel());
                assertTrue(!s.flagged(), "solution flagged: " + s);
                double d0 = 0;
                double dk = 0;
                for (int j = 0; j < cal.numAnt(); j++) {
                    double[] gj = g(t, j, p);
                    double aj2 = gj[0] * gj[0] + gj[1] * gj[1];
                    d0 += j == 0 ? 0 : pk * aj2;
                    dk += j == a ? 0 : pk * aj2;
                }
                double[] gk = g(t, a, p);
                double[] g0 = g(t, 0, p);
                double ak2 = gk[0] * gk[0] + gk[1] * gk[1];
                double a02 = g0[0] * g0[0] + g0[1] * g0[1];
                double var = a == 0 ? sigma * sigma / (2 * d0)
                        : sigma * sigma / dk + ak2 * sigma * sigma / (2 * a02 * d0);
                errors.add(a, Math.hypot(s.gain_re() - gk[0], s.gain_im() - gk[1]), Math.sqrt(var));
                double expectedSnr = Math.sqrt(ak2 * dk) / sigma;
                worstSnrRatio = Math.max(worstSnrRatio, Math.abs(s.snr() / expectedSnr - 1));
            }
        }
        errors.check();
        System.out.printf(Locale.ROOT, "G ap: SNR within %.1f %% of |g| sqrt(D) / sigma_noise%n", 100 * worstSnrRatio);
        assertTrue(worstSnrRatio < 0.1, "SNR from the residual scatter off the noise-derived SNR by " + worstSnrRatio);
    }

    @Test
    void phaseOnlyAgreesWithTheTruePhases() {
        double sigma = cal.noise();
        double pk = cal.numChan() * FLUX * FLUX;
        NormalizedErrors errors = new NormalizedErrors("G p, solint int", cal.numAnt());
        List<SolveGroup> groups = cal.groupsPerTime(null);
        for (int t = 0; t < groups.size(); t++) {
            List<Solution> sol = Solver.solve(groups.get(t), SolveOptions.defaults(GainType.G)
                    .withCalMode(CalMode.P).withRefant(ReferenceAntenna.index(0)));
            double[][] varPhase = new double[cal.numAnt()][cal.numPol()];
            for (int p = 0; p < cal.numPol(); p++) {
                for (int a = 0; a < cal.numAnt(); a++) {
                    double sumP = 0;
                    double sumPa = 0;
                    for (int j = 0; j < cal.numAnt(); j++) {
                        if (j != a) {
                            sumP += pk;
                            sumPa += pk * Math.hypot(g(t, j, p)[0], g(t, j, p)[1]);
                        }
                    }
                    double ak = Math.hypot(g(t, a, p)[0], g(t, a, p)[1]);
                    varPhase[a][p] = sigma * sigma * sumP / (2 * ak * ak * sumPa * sumPa);
                }
            }
            for (Solution s : sol) {
                assertEquals(1, s.amplitude(), 1e-12, "phase-only gains have unit amplitude");
                assertTrue(!s.flagged(), "solution flagged: " + s);
                if (s.antenna() == 0) {
                    assertEquals(0, s.phase_rad(), 1e-12, "reference antenna phase");
                    continue;
                }
                double[] gk = g(t, s.antenna(), s.pol());
                double d = s.phase_rad() - Math.atan2(gk[1], gk[0]);
                d = Math.atan2(Math.sin(d), Math.cos(d));
                errors.add(s.antenna(), d, Math.sqrt(varPhase[s.antenna()][s.pol()] + varPhase[0][s.pol()]));
            }
        }
        errors.check();
    }

    @Test
    void rowsGivenAsAntenna2Antenna1AndPackedCellsGiveTheSameSolution() {
        double t0 = cal.truthTimes()[0];
        SolveGroup plain = cal.group(r -> Math.abs(cal.time()[r] - t0) < 1e-3, null);
        SolveGroupBuilder b = new SolveGroupBuilder(0, cal.numAnt(), cal.freq_hz(), cal.numPol(), null);
        for (int r = 0; r < cal.rows(); r++) {
            if (Math.abs(cal.time()[r] - t0) >= 1e-3) {
                continue;
            }
            float[] d = cal.rowData(r);
            float[] m = cal.rowModel(r);
            if (r % 2 == 0) { // V_ji = conj(V_ij)
                for (int k = 1; k < d.length; k += 2) {
                    d[k] = -d[k];
                    m[k] = -m[k];
                }
                b.addPackedRow(cal.ant2()[r], cal.ant1()[r], cal.time()[r],
                        org.vispark.udfs.vis.PackedCells.packFloats(d, 0, d.length),
                        org.vispark.udfs.vis.PackedCells.packFloats(m, 0, m.length),
                        org.vispark.udfs.vis.PackedCells.packFlags(cal.rowFlags(r), 0, cal.rowFlags(r).length),
                        new float[] {1, 1});
            } else {
                b.addRow(cal.ant1()[r], cal.ant2()[r], cal.time()[r], d, m, null, null);
            }
        }
        SolveOptions o = SolveOptions.defaults(GainType.G).withRefant(ReferenceAntenna.index(0));
        List<Solution> expected = Solver.solve(plain, o);
        List<Solution> got = Solver.solve(b.build(), o);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).gain_re(), got.get(i).gain_re(), 1e-5);
            assertEquals(expected.get(i).gain_im(), got.get(i).gain_im(), 1e-5);
        }
    }

    @Test
    void correctedOverModelHasUnitAmplitudeWithinTheNoise() {
        List<Solution> all = new ArrayList<>();
        for (SolveGroup g : cal.groupsPerTime(null)) {
            all.addAll(Solver.solve(g, SolveOptions.defaults(GainType.G).withRefant(ReferenceAntenna.index(0))));
        }
        GainCorrector apply = new GainCorrector(List.of(new GainTable(GainType.G, all, cal.numAnt(), cal.numPol(),
                cal.freq_hz())), Interpolation.NEAREST, cal.numChan(), cal.numPol());
        double sumAmp = 0;
        double sumSq = 0;
        double expectedSq = 0;
        long n = 0;
        for (int r = 0; r < cal.rows(); r++) {
            float[] v = cal.rowData(r);
            boolean[] f = cal.rowFlags(r);
            apply.correct(cal.ant1()[r], cal.ant2()[r], cal.time()[r], v, f);
            float[] m = cal.rowModel(r);
            int t = cal.timeIndex(cal.time()[r]);
            for (int k = 0; k < f.length; k++) {
                assertTrue(!f[k]);
                double mm = m[2 * k] * m[2 * k] + m[2 * k + 1] * m[2 * k + 1];
                double qr = (v[2 * k] * m[2 * k] + v[2 * k + 1] * m[2 * k + 1]) / mm;
                double qi = (v[2 * k + 1] * m[2 * k] - v[2 * k] * m[2 * k + 1]) / mm;
                sumAmp += Math.hypot(qr, qi);
                sumSq += (qr - 1) * (qr - 1) + qi * qi;
                int p = k % cal.numPol();
                double a1 = Math.hypot(g(t, cal.ant1()[r], p)[0], g(t, cal.ant1()[r], p)[1]);
                double a2 = Math.hypot(g(t, cal.ant2()[r], p)[0], g(t, cal.ant2()[r], p)[1]);
                expectedSq += cal.noise() * cal.noise() / (mm * a1 * a1 * a2 * a2);
                n++;
            }
        }
        double meanAmp = sumAmp / n;
        double rmsRatio = Math.sqrt(sumSq / expectedSq);
        System.out.printf(Locale.ROOT, "apply G: mean |CORRECTED/MODEL| = %.5f, RMS |C/M - 1| / noise-only RMS = %.3f"
                + " (%d values)%n", meanAmp, rmsRatio, n);
        double perValue = Math.sqrt(expectedSq / n);
        assertEquals(1, meanAmp, 3 * perValue / Math.sqrt(n) + perValue * perValue);
        assertTrue(rmsRatio > 0.95 && rmsRatio < 1.1, "corrected scatter " + rmsRatio + " x the noise");
    }
}
