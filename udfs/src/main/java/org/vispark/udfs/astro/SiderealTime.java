package org.vispark.udfs.astro;

import org.jastronomy.jsofa.JSOFA;

/**
 * Local apparent sidereal time: Greenwich apparent sidereal time (SOFA {@code jauGst06a}, IAU 2006/2000A, from UT1
 * and TT) plus the east longitude. Polar motion is neglected (below 0.5 arcsec). The UT1 used is the one in the
 * {@link ObservationTime}: with UT1-UTC taken as 0 the result can be off by up to 0.9 s of time (13.5 arcsec).
 */
public final class SiderealTime {
    private SiderealTime() {}

    /** Greenwich apparent sidereal time, radians in [0, 2 pi). */
    public static double greenwichApparent_rad(ObservationTime time) {
        return JSOFA.jauGst06a(time.ut11(), time.ut12(), time.tt1(), time.tt2());
    }

    /** Local apparent sidereal time at east longitude {@code lon_rad} (west negative), radians in [0, 2 pi). */
    public static double localApparent_rad(ObservationTime time, double lon_rad) {
        return Spherical.normalizeRa(greenwichApparent_rad(time) + lon_rad);
    }
}
