package org.vispark.udfs.solve;

/**
 * How a calibration table is evaluated at a row's time (CASA's {@code interp}).
 * <ul>
 *   <li>{@link #NEAREST}: the solution whose time is closest.</li>
 *   <li>{@link #LINEAR}: linear in time between the two solutions around the row's time, amplitude and phase
 *       separately (the phase difference wrapped to (-pi, pi]), delay linearly; before the first and after the
 *       last solution, that solution.</li>
 * </ul>
 * A flagged solution used by the interpolation (either neighbour for LINEAR) flags the data.
 */
public enum Interpolation {
    NEAREST, LINEAR;

    public static Interpolation parse(String name) {
        for (Interpolation i : values()) {
            if (i.name().equalsIgnoreCase(name.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("interp must be nearest or linear, not '" + name + "'");
    }
}
