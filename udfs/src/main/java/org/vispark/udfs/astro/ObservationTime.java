package org.vispark.udfs.astro;

import org.jastronomy.jsofa.JSOFA;
import org.jastronomy.jsofa.JSOFAIllegalParameter;
import org.jastronomy.jsofa.JSOFAInternalError;

/**
 * An instant given as an MS gives it, MJD seconds in UTC, with the two-part Julian dates SOFA wants in UTC, TT and
 * UT1.
 *
 * <p>Leap seconds (TAI-UTC) come from JSOFA's built-in table ({@code jauDat}; release 20210512, which holds every
 * leap second to date: the last was 2017-01-01). UT1-UTC is not known to vispark: it is passed in as
 * {@code dut1_s}, and {@link #ofMjdSecUtc(double)} takes it as 0. |UT1-UTC| stays below 0.9 s, so the UT1 error is
 * at most 0.9 s, and an Earth-rotation angle or sidereal time is off by at most 0.9 s * 1.0027 = 0.9 s of time,
 * i.e. 13.5 arcsec of right ascension (13.5 arcsec * cos(dec) on the sky). Quantities that depend only on TT
 * (precession, nutation, aberration: {@link ApparentPlace}) are not affected.
 *
 * @param utc1 first part of the UTC quasi Julian date (SOFA convention), days
 * @param utc2 second part, days
 * @param tt1  first part of the TT Julian date, days
 * @param tt2  second part, days
 * @param ut11 first part of the UT1 Julian date, days
 * @param ut12 second part, days
 */
public record ObservationTime(double utc1, double utc2, double tt1, double tt2, double ut11, double ut12) {
    private static final double MJD_ZERO_JD = 2400000.5;
    private static final double SECONDS_PER_DAY = 86400.0;

    /** The instant {@code mjdSecUtc} (MJD seconds, UTC) with UT1-UTC taken as 0 (see the class comment). */
    public static ObservationTime ofMjdSecUtc(double mjdSecUtc) {
        return ofMjdSecUtc(mjdSecUtc, 0);
    }

    /** The instant {@code mjdSecUtc} (MJD seconds, UTC) with the given UT1-UTC, seconds. */
    public static ObservationTime ofMjdSecUtc(double mjdSecUtc, double dut1_s) {
        if (!Double.isFinite(mjdSecUtc) || !Double.isFinite(dut1_s) || Math.abs(dut1_s) > 1) {
            throw new IllegalArgumentException("bad time: MJD " + mjdSecUtc + " s UTC, UT1-UTC " + dut1_s + " s");
        }
        double utc1 = MJD_ZERO_JD;
        double utc2 = mjdSecUtc / SECONDS_PER_DAY;
        try {
            JSOFA.JulianDate tai = JSOFA.jauUtctai(utc1, utc2);
            JSOFA.JulianDate tt = JSOFA.jauTaitt(tai.djm0, tai.djm1);
            JSOFA.JulianDate ut1 = JSOFA.jauUtcut1(utc1, utc2, dut1_s);
            return new ObservationTime(utc1, utc2, tt.djm0, tt.djm1, ut1.djm0, ut1.djm1);
        } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
            throw new IllegalArgumentException("SOFA cannot convert MJD " + mjdSecUtc + " s UTC: " + e.getMessage(), e);
        }
    }
}
