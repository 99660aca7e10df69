package org.vispark.udfs.solve;

import java.util.List;

/** Solves one group for the gain type of the options: K ({@link DelaySolver}), G ({@link GainSolver}) or B
 * ({@link BandpassSolver}). An empty group gives every antenna and polarization a flagged solution. */
public final class Solver {
    private Solver() {}

    public static List<Solution> solve(SolveGroup group, SolveOptions options) {
        return switch (options.gainType()) {
            case K -> DelaySolver.solve(group, options);
            case G -> GainSolver.solve(group, options);
            case B -> BandpassSolver.solve(group, options);
        };
    }
}
