package org.vispark.udfs.astro;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses CASA-style direction strings {@code "FRAME LONGITUDE LATITUDE"} into a {@link RaDec}.
 *
 * <p>Frames: {@code J2000} and {@code ICRS} (taken as J2000: they differ by the ICRS frame bias, about 0.02 arcsec,
 * well below 0.1 arcsec). Other casacore frames (APP, HADEC, AZEL, B1950, GALACTIC, ...) are rejected: they need a
 * time or a place, or a conversion vispark does not do here.
 *
 * <p>Angles, as casacore's MVAngle reads them:
 * <ul>
 *   <li>{@code 08h34m54.90s}: hours, minutes, seconds of time (the trailing {@code s} may be left out);</li>
 *   <li>{@code +55d34m21.00s}: degrees, arcminutes, arcseconds;</li>
 *   <li>{@code 128.7287deg}, {@code 2.2467rad}: a number with a unit;</li>
 *   <li>{@code 08:34:54.9}: hours with colons (right ascension only: casacore reads colons as hours, so a
 *       declination written with colons is rejected rather than read as hours);</li>
 *   <li>{@code +55.34.21.0}: CASA's dotted degrees, arcminutes, arcseconds.</li>
 * </ul>
 * Minutes and seconds must be below 60; a declination must lie in [-90, 90] deg; the right ascension is wrapped
 * into [0, 360) deg. A bare number without a unit is rejected.
 */
public final class DirectionParser {
    private static final String NUMBER = "(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d+))?";
    private static final Pattern WITH_UNIT = Pattern.compile("([+-]?)" + NUMBER + "(deg|rad)");
    private static final Pattern HMS = Pattern.compile("([+-]?)(\\d+)h(\\d+)m(\\d+(?:\\.\\d*)?)s?");
    private static final Pattern DMS = Pattern.compile("([+-]?)(\\d+)d(\\d+)m(\\d+(?:\\.\\d*)?)s?");
    private static final Pattern COLONS = Pattern.compile("([+-]?)(\\d+):(\\d+):(\\d+(?:\\.\\d*)?)");
    private static final Pattern DOTS = Pattern.compile("([+-]?)(\\d+)\\.(\\d+)\\.(\\d+(?:\\.\\d*)?)");
    private static final Set<String> ACCEPTED = Set.of("J2000", "ICRS");
    private static final Set<String> OTHER_CASACORE_FRAMES = Set.of("JMEAN", "JTRUE", "APP", "B1950", "B1950_VLA",
            "BMEAN", "BTRUE", "GALACTIC", "HADEC", "AZEL", "AZELSW", "AZELGEO", "AZELSWGEO", "JNAT", "ECLIPTIC",
            "MECLIPTIC", "TECLIPTIC", "SUPERGAL", "ITRF", "TOPO", "MERCURY", "VENUS", "MARS", "JUPITER", "SATURN",
            "URANUS", "NEPTUNE", "PLUTO", "SUN", "MOON", "COMET");

    private DirectionParser() {}

    /** Parses {@code text}; throws IllegalArgumentException naming the text and the part that is wrong. */
    public static RaDec parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("direction is null");
        }
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("direction '" + text
                    + "': expected 'FRAME RA DEC', e.g. 'J2000 08h34m54.90s +55d34m21.00s'");
        }
        String frame = parts[0].toUpperCase(Locale.ROOT);
        if (!ACCEPTED.contains(frame)) {
            throw new IllegalArgumentException("direction '" + text + "': frame '" + parts[0] + "' is "
                    + (OTHER_CASACORE_FRAMES.contains(frame) ? "not supported" : "unknown")
                    + " (only J2000 and ICRS are accepted)");
        }
        double ra = angle(text, parts[1], false);
        double dec = angle(text, parts[2], true);
        if (Math.abs(dec) > Math.PI / 2 * (1 + 1e-15)) {
            throw new IllegalArgumentException("direction '" + text + "': declination '" + parts[2]
                    + "' is outside [-90, 90] deg");
        }
        return new RaDec(ra, Math.max(-Math.PI / 2, Math.min(Math.PI / 2, dec)), frame);
    }

    private static double angle(String text, String token, boolean latitude) {
        String what = latitude ? "declination" : "right ascension";
        Matcher m = WITH_UNIT.matcher(token);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(2) + (m.group(3) == null ? "" : "e" + m.group(3)));
            v = m.group(4).equals("deg") ? Math.toRadians(v) : v;
            return m.group(1).equals("-") ? -v : v;
        }
        if ((m = DMS.matcher(token)).matches() || (m = DOTS.matcher(token)).matches()) {
            return Math.toRadians(sexagesimal(text, token, what, m));
        }
        if ((m = HMS.matcher(token)).matches() || (m = COLONS.matcher(token)).matches()) {
            if (latitude) {
                throw new IllegalArgumentException("direction '" + text + "': declination '" + token
                        + "' is in hours (casacore reads 'h' and colons as time); write it as +DDdMMmSS.Ss,"
                        + " +DD.MM.SS.S or a number with deg");
            }
            return Math.toRadians(15 * sexagesimal(text, token, what, m));
        }
        throw new IllegalArgumentException("direction '" + text + "': cannot read " + what + " '" + token
                + "' (expected e.g. 08h34m54.9s, 08:34:54.9, +55d34m21s, +55.34.21.0, 128.73deg or 2.247rad)");
    }

    /** Value of a sign, units, minutes, seconds match, in its first unit (hours or degrees). */
    private static double sexagesimal(String text, String token, String what, Matcher m) {
        double minutes = Double.parseDouble(m.group(3));
        double seconds = Double.parseDouble(m.group(4));
        if (minutes >= 60 || seconds >= 60) {
            throw new IllegalArgumentException("direction '" + text + "': " + what + " '" + token
                    + "' has minutes or seconds of 60 or more");
        }
        double v = Double.parseDouble(m.group(2)) + minutes / 60 + seconds / 3600;
        return m.group(1).equals("-") ? -v : v;
    }
}
