package org.vispark.jobs.solve;

import java.io.Serializable;
import java.util.List;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.Solution;

/**
 * The solutions of one gains table that a job applies to one MS (pre-applied by solve, applied by apply).
 *
 * @param name      the table name
 * @param type      its gain type
 * @param solutions its solutions for the MS (any spectral windows)
 */
public record PreTable(String name, GainType type, List<Solution> solutions) implements Serializable {}
