package org.vispark.udfs.astro;

import org.jastronomy.jsofa.JSOFA;

/**
 * J2000 (ICRS) directions to geocentric apparent places of date and back, with SOFA (JSOFA) IAU 2006/2000A.
 *
 * <p>"Apparent of date" is casacore's APP frame: right ascension from the true equinox and declination from the true
 * equator of date (precession-nutation), including annual aberration and gravitational light deflection by the
 * Sun, for a geocentric observer (diurnal aberration, at most 0.3 arcsec, and refraction are not included). It is
 * SOFA's CIRS place ({@code jauAtci13}) with right ascension moved from the CIO to the equinox by the equation of
 * the origins: {@code ra_app = ra_cirs - eo}. Sources are taken at infinity with no proper motion. J2000 and ICRS
 * are treated as one frame (they differ by the frame bias, about 0.02 arcsec). Times are TT
 * ({@link ObservationTime}); TDB is taken as TT (difference below 2 ms, negligible here).
 */
public final class ApparentPlace {
    private ApparentPlace() {}

    /** The apparent place of date at {@code time} of a J2000 direction; the result's frame is "APP". */
    public static RaDec toApparent(RaDec j2000, ObservationTime time) {
        JSOFA.SphericalCoordinateEO c = JSOFA.jauAtci13(j2000.ra_rad(), j2000.dec_rad(), 0, 0, 0, 0, time.tt1(),
                time.tt2());
        return new RaDec(c.pos.alpha - c.eo, c.pos.delta, "APP");
    }

    /** The J2000 direction of an apparent place of date ({@code ra_app}, {@code dec_app}, radians) at {@code time}. */
    public static RaDec toJ2000(double raApp_rad, double decApp_rad, ObservationTime time) {
        double eo = JSOFA.jauEo06a(time.tt1(), time.tt2());
        JSOFA.SphericalCoordinateEO c = JSOFA.jauAtic13(raApp_rad + eo, decApp_rad, time.tt1(), time.tt2());
        return RaDec.j2000(c.pos.alpha, c.pos.delta);
    }
}
