package org.vispark.jobs.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats angles and MJD times the way astronomers read them. */
final class Sexagesimal {
    /** Seconds from MJD 0 (1858-11-17) to the Unix epoch (MJD 40587). */
    private static final double UNIX_EPOCH_MJD_SEC = 40587.0 * 86400.0;

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Sexagesimal() {}

    /** Right ascension in hours, e.g. {@code 08h34m54.900s}; the angle is wrapped into [0, 24h). */
    static String hours(double ra_rad) {
        double h = Math.toDegrees(ra_rad) / 15.0;
        h = ((h % 24) + 24) % 24;
        return split(h, "h", "m", "s", 3);
    }

    /** Declination in degrees, e.g. {@code +55d34m21.00s}. */
    static String degrees(double dec_rad) {
        double d = Math.toDegrees(dec_rad);
        return (d < 0 ? "-" : "+") + split(Math.abs(d), "d", "m", "s", 2);
    }

    private static String split(double value, String u1, String u2, String u3, int decimals) {
        double scale = Math.pow(10, decimals);
        long total = Math.round(value * 3600 * scale); // in units of 10^-decimals of the last field
        long whole = total / (long) (3600 * scale);
        long rest = total - whole * (long) (3600 * scale);
        long minutes = rest / (long) (60 * scale);
        double seconds = (rest - minutes * (long) (60 * scale)) / scale;
        return String.format("%02d%s%02d%s%0" + (3 + decimals) + "." + decimals + "f%s", whole, u1, minutes, u2,
                seconds, u3);
    }

    /**
     * An MJD-seconds UTC epoch as ISO-8601, truncated to the millisecond (a double MJD second carries about a
     * microsecond of precision; leap seconds are not counted, as in casacore's MVTime).
     */
    static String utc(double mjdSec) {
        long millis = (long) Math.floor((mjdSec - UNIX_EPOCH_MJD_SEC) * 1e3);
        return ISO_MILLIS.format(Instant.ofEpochMilli(millis));
    }
}
