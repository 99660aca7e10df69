package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flags: a dead antenna (all its data flagged), an antenna left with fewer baselines than minblperant, 20 % of
 * the other values flagged at random (with garbage behind the flags), noise too high for minsnr (a least-squares
 * fit to pure noise still reaches SNR 3 now and then: CASA's SNR has the same property).
 */
class FlaggedDataTest {
    private static final int DEAD = 5;
    private static final int SPARSE = 7;
    @TempDir
    static Path dir;
    private static SimulatedCalibrator cal;

    @BeforeAll
    static void make() throws Exception {
        cal = SimulatedCalibrator.make(dir, "f", "--nant", "12", "--nchan", "64", "--ntime", "8", "--seed", "8",
                "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,2.5", "--model", "true",
                "--delay", "0", "--ripple", "0", "--dm", "standard");
    }

    /** All rows ({@code time < 0}) or those of one time, flagged as the class comment says. */
    private static SolveGroup flaggedGroup(double time) {
        Random rnd = new Random(11);
        SolveGroupBuilder b = new SolveGroupBuilder(0, cal.numAnt(), cal.freq_hz(), cal.numPol(), null);
        for (int r = 0; r < cal.rows(); r++) {
            if (time >= 0 && Math.abs(cal.time()[r] - time) > 1e-3) {
                continue;
            }
            int a1 = cal.ant1()[r];
            int a2 = cal.ant2()[r];
            float[] d = cal.rowData(r);
            boolean[] f = cal.rowFlags(r);
            boolean sparseKept = (a1 == SPARSE || a2 == SPARSE) && (a1 + a2 == SPARSE + 1 || a1 + a2 == SPARSE + 2);
            for (int k = 0; k < f.length; k++) {
                boolean flag = a1 == DEAD || a2 == DEAD || ((a1 == SPARSE || a2 == SPARSE) && !sparseKept)
                        || rnd.nextDouble() < 0.2;
                if (flag) {
                    f[k] = true;
                    d[2 * k] = 1e6f; // garbage the solver must not see
                    d[2 * k + 1] = Float.NaN;
                }
            }
            b.addRow(a1, a2, cal.time()[r], d, cal.rowModel(r), f, null);
        }
        return b.build();
    }

    @Test
    void deadAndSparseAntennasGiveFlaggedSolutionsAndTheOthersStayRight() {
        SolveGroup g = flaggedGroup(-1);
        for (GainType type : GainType.values()) {
            List<Solution> sol = Solver.solve(g, SolveOptions.defaults(type).withRefant(ReferenceAntenna.index(0)));
            for (Solution s : sol) {
                assertTrue(Double.isFinite(s.gain_re()) && Double.isFinite(s.gain_im()) && Double.isFinite(s.snr())
                        && Double.isFinite(s.delay_ns()), "finite: " + s);
                if (s.antenna() == DEAD || s.antenna() == SPARSE) {
                    assertTrue(s.flagged(), type + " antenna " + s.antenna() + " must be flagged: " + s);
                    if (s.antenna() == DEAD) {
                        assertEquals(0, s.snr());
                        assertEquals(1, s.gain_re());
                        assertEquals(0, s.gain_im());
                    }
                } else {
                    assertFalse(s.flagged(), type + " solution of a good antenna flagged: " + s);
                }
            }
        }
        // one integration: the good antennas' gains equal those solved without flags, within the noise (~1e-3)
        double t0 = cal.truthTimes()[0];
        List<Solution> g1 = Solver.solve(flaggedGroup(t0),
                SolveOptions.defaults(GainType.G).withRefant(ReferenceAntenna.index(0)));
        List<Solution> clean = Solver.solve(cal.group(r -> Math.abs(cal.time()[r] - t0) < 1e-3, null),
                SolveOptions.defaults(GainType.G).withRefant(ReferenceAntenna.index(0)));
        for (int i = 0; i < g1.size(); i++) {
            if (!g1.get(i).flagged()) {
                assertEquals(clean.get(i).gain_re(), g1.get(i).gain_re(), 0.01);
                assertEquals(clean.get(i).gain_im(), g1.get(i).gain_im(), 0.01);
            }
        }
    }

    @Test
    void autoRefantAvoidsFlaggedAntennasAndApplyFlagsDataOfFlaggedSolutions() {
        SolveGroup g = flaggedGroup(-1);
        int[] order = ReferenceAntenna.auto().order(g);
        assertTrue(order[0] != DEAD && order[0] != SPARSE, "auto refant " + order[0]);
        assertEquals(DEAD, order[order.length - 1], "the dead antenna is the last choice");
        List<Solution> sol = Solver.solve(g, SolveOptions.defaults(GainType.G));
        for (Solution s : sol) {
            if (s.antenna() == order[0]) {
                assertEquals(0, s.gain_im(), 0, "auto refant has zero phase");
                assertTrue(s.gain_re() > 0);
            }
        }
        GainCorrector apply = new GainCorrector(List.of(new GainTable(GainType.G, sol, cal.numAnt(), cal.numPol(),
                cal.freq_hz())), Interpolation.LINEAR, cal.numChan(), cal.numPol());
        for (int r = 0; r < cal.rows(); r++) {
            float[] v = cal.rowData(r);
            boolean[] f = cal.rowFlags(r);
            apply.correct(cal.ant1()[r], cal.ant2()[r], cal.time()[r], v, f);
            boolean bad = cal.ant1()[r] == DEAD || cal.ant2()[r] == DEAD || cal.ant1()[r] == SPARSE
                    || cal.ant2()[r] == SPARSE;
            for (boolean x : f) {
                assertEquals(bad, x, "row " + r + " flags after apply");
            }
        }
    }

    @Test
    void solutionsBelowMinSnrAreFlagged(@TempDir Path tmp) throws Exception {
        SimulatedCalibrator noisy = SimulatedCalibrator.make(tmp, "noisy", "--nant", "12", "--nchan", "16",
                "--ntime", "2", "--seed", "9", "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,0.01",
                "--model", "true", "--noise", "5", "--dm", "standard");
        List<Solution> sol = Solver.solve(noisy.group(r -> true, null), SolveOptions.defaults(GainType.B));
        long kept = sol.stream().filter(s -> !s.flagged()).count();
        assertTrue(sol.stream().allMatch(s -> s.flagged() == !(s.snr() >= 3)), "flagged exactly below minsnr");
        System.out.printf("noise only: %d of %d B solutions kept at minsnr 3%n", kept, sol.size());
        assertTrue(kept < 0.25 * sol.size(), kept + " of " + sol.size() + " noise-only solutions kept");
    }
}
