package org.vispark.udfs.astro;

/**
 * Geometry of directions on the sphere: right ascension / declination in radians and the Cartesian unit vectors of
 * the same frame (x towards RA 0 on the equator, y towards RA 90 deg, z towards the north pole).
 */
public final class Spherical {
    private static final double TWO_PI = 2 * Math.PI;

    private Spherical() {}

    /** Unit vector of (ra, dec). */
    public static double[] unitVector(double ra_rad, double dec_rad) {
        double cd = Math.cos(dec_rad);
        return new double[] {cd * Math.cos(ra_rad), cd * Math.sin(ra_rad), Math.sin(dec_rad)};
    }

    /** Right ascension of a (not necessarily unit) vector, in [0, 2 pi); 0 at the poles. */
    public static double raOf(double[] v) {
        return v[0] == 0 && v[1] == 0 ? 0 : normalizeRa(Math.atan2(v[1], v[0]));
    }

    /** Declination of a (not necessarily unit) vector, in [-pi/2, pi/2]. */
    public static double decOf(double[] v) {
        return Math.atan2(v[2], Math.hypot(v[0], v[1]));
    }

    /** {@code ra} wrapped into [0, 2 pi). */
    public static double normalizeRa(double ra_rad) {
        double r = ra_rad % TWO_PI;
        if (r < 0) {
            r += TWO_PI;
        }
        return r >= TWO_PI ? 0 : r;
    }

    /**
     * Direction cosines of (ra, dec) about the phase centre (ra0, dec0), as the MS convention uses them
     * ({@code V = S exp(+2 pi i (u l + v m + w (n - 1)) / lambda)}): {@code l} towards east, {@code m} towards north,
     * and {@code n - 1} computed as {@code -(l^2 + m^2) / (1 + n)} in front of the tangent plane, free of the
     * cancellation of {@code n - 1} near the centre. Written to {@code out[off .. off + 3)}.
     */
    public static void lmn(double ra_rad, double dec_rad, double ra0_rad, double dec0_rad, double[] out, int off) {
        double sd0 = Math.sin(dec0_rad);
        double cd0 = Math.cos(dec0_rad);
        double dra = ra_rad - ra0_rad;
        double sd = Math.sin(dec_rad);
        double cd = Math.cos(dec_rad);
        double cdra = Math.cos(dra);
        double l = cd * Math.sin(dra);
        double m = sd * cd0 - cd * sd0 * cdra;
        double n = sd * sd0 + cd * cd0 * cdra;
        out[off] = l;
        out[off + 1] = m;
        out[off + 2] = n > 0 ? -(l * l + m * m) / (1 + n) : n - 1;
    }

    /**
     * Angular separation of two directions, radians in [0, pi], by Vincenty's formula (atan2 of the cross and
     * dot products): accurate for tiny and for nearly antipodal separations alike.
     */
    public static double separation_rad(double ra1_rad, double dec1_rad, double ra2_rad, double dec2_rad) {
        double dra = ra2_rad - ra1_rad;
        double sd1 = Math.sin(dec1_rad);
        double cd1 = Math.cos(dec1_rad);
        double sd2 = Math.sin(dec2_rad);
        double cd2 = Math.cos(dec2_rad);
        double sdra = Math.sin(dra);
        double cdra = Math.cos(dra);
        double cross = Math.hypot(cd2 * sdra, cd1 * sd2 - sd1 * cd2 * cdra);
        double dot = sd1 * sd2 + cd1 * cd2 * cdra;
        return Math.atan2(cross, dot);
    }

    /**
     * Position angle of direction 2 seen from direction 1: radians in (-pi, pi], measured from north through east
     * (0 = due north, +pi/2 = due east, i.e. towards increasing RA).
     */
    public static double positionAngle_rad(double ra1_rad, double dec1_rad, double ra2_rad, double dec2_rad) {
        double dra = ra2_rad - ra1_rad;
        double y = Math.sin(dra) * Math.cos(dec2_rad);
        double x = Math.cos(dec1_rad) * Math.sin(dec2_rad) - Math.sin(dec1_rad) * Math.cos(dec2_rad) * Math.cos(dra);
        return y == 0 && x == 0 ? 0 : Math.atan2(y, x);
    }
}
