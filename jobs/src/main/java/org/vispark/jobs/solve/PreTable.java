package org.vispark.jobs.solve;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.Solution;

/**
 * The solutions of one gains table that a job applies to one MS (pre-applied by solve, applied by apply).
 *
 * @param name        the table name
 * @param type        its gain type
 * @param solutions   its solutions for the MS (any spectral windows)
 * @param spwCombined solved with combine spw: the solutions, all of one window (the lowest solved), correct every
 *                    window (CASA's {@code spwmap=[n, n, ...]}); otherwise each window takes its own
 */
public record PreTable(String name, GainType type, List<Solution> solutions, boolean spwCombined)
        implements Serializable {

    /**
     * The window whose solutions correct the data of window {@code spw}: {@code spw} itself, or with combine spw the
     * one window the solutions are recorded under.
     *
     * @throws IllegalArgumentException when a table solved with combine spw holds solutions of several windows
     */
    public int solutionWindow(int spw) {
        if (!spwCombined) {
            return spw;
        }
        Set<Integer> windows = solutions.stream().map(Solution::spw).collect(Collectors.toSet());
        if (windows.size() != 1) {
            throw new IllegalArgumentException("gains table " + name + " was solved with combine spw but holds"
                    + " solutions of spectral windows " + windows + " for this MS");
        }
        return windows.iterator().next();
    }

    /** The {@link #solutionWindow} of each of {@code windows}, by window id (CASA's spwmap). */
    public TreeMap<Integer, Integer> spwMap(Set<Integer> windows) {
        TreeMap<Integer, Integer> map = new TreeMap<>();
        windows.forEach(spw -> map.put(spw, solutionWindow(spw)));
        return map;
    }
}
