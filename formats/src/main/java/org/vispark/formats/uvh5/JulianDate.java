package org.vispark.formats.uvh5;

/** UVH5 times are Julian Dates (UTC); the lake and the MS hold MJD seconds (UTC). */
public final class JulianDate {
    /** JD of MJD 0 (1858-11-17T00:00 UTC). */
    public static final double MJD_ZERO_JD = 2400000.5;
    public static final double SECONDS_PER_DAY = 86400.0;

    private JulianDate() {}

    /** MJD seconds of a Julian Date, both UTC. */
    public static double toMjdSec(double jd) {
        return (jd - MJD_ZERO_JD) * SECONDS_PER_DAY;
    }
}
