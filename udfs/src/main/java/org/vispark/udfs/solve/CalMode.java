package org.vispark.udfs.solve;

/** CASA's {@code calmode}: amplitude and phase ({@link #AP}) or phase only ({@link #P}: |g| = 1). */
public enum CalMode {
    AP, P;

    /** Parses "ap" or "p" (any case). */
    public static CalMode parse(String name) {
        for (CalMode m : values()) {
            if (m.name().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("calmode must be ap or p, not '" + name + "'");
    }
}
