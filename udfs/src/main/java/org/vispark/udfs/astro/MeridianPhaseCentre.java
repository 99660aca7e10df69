package org.vispark.udfs.astro;

/**
 * The phase centre of a meridian-transit (drift-scan) array such as DSA-110: at time t it is the point of the local
 * meridian at a given apparent declination, i.e. hour angle 0, apparent right ascension = local apparent sidereal
 * time ({@link SiderealTime}), apparent declination as given (of date, see {@link ApparentPlace}). This class turns
 * it into J2000. The right ascension inherits the UT1 uncertainty of {@link ObservationTime} (UT1-UTC taken as 0
 * unless given: up to 13.5 arcsec of RA).
 */
public final class MeridianPhaseCentre {
    private MeridianPhaseCentre() {}

    /**
     * The J2000 direction of the meridian at {@code time} for an observatory at east longitude {@code lon_rad},
     * at apparent (of date) declination {@code decApp_rad}.
     */
    public static RaDec j2000(ObservationTime time, double lon_rad, double decApp_rad) {
        return ApparentPlace.toJ2000(SiderealTime.localApparent_rad(time, lon_rad), decApp_rad, time);
    }
}
