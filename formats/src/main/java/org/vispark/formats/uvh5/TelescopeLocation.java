package org.vispark.formats.uvh5;

/**
 * Where the array is: ITRF geocentric X, Y, Z in metres, and the same point as WGS84 geodetic latitude
 * and longitude (radians, east positive) and height above the ellipsoid (metres). UVH5 files state
 * either the geodetic form ({@code latitude}, {@code longitude} in degrees, {@code altitude}) or the
 * geocentric one ({@code telescope_location}); the other is derived here.
 */
public record TelescopeLocation(double[] itrf_m, double latitude_rad, double longitude_rad, double altitude_m) {
    /** WGS84 semi-major axis, metres. */
    static final double A_M = 6378137.0;
    /** WGS84 flattening. */
    static final double F = 1.0 / 298.257223563;
    private static final double E2 = F * (2 - F);

    public TelescopeLocation {
        itrf_m = itrf_m.clone();
    }

    @Override
    public double[] itrf_m() {
        return itrf_m.clone();
    }

    /** From WGS84 geodetic coordinates. */
    public static TelescopeLocation fromGeodetic(double latitude_rad, double longitude_rad, double altitude_m) {
        double sinLat = Math.sin(latitude_rad);
        double cosLat = Math.cos(latitude_rad);
        double n = A_M / Math.sqrt(1 - E2 * sinLat * sinLat);
        double[] xyz = {
            (n + altitude_m) * cosLat * Math.cos(longitude_rad),
            (n + altitude_m) * cosLat * Math.sin(longitude_rad),
            (n * (1 - E2) + altitude_m) * sinLat};
        return new TelescopeLocation(xyz, latitude_rad, longitude_rad, altitude_m);
    }

    /** From ITRF geocentric coordinates; the geodetic latitude by fixed-point iteration (converges to 1e-12 rad). */
    public static TelescopeLocation fromItrf(double[] itrf_m) {
        double x = itrf_m[0];
        double y = itrf_m[1];
        double z = itrf_m[2];
        double p = Math.hypot(x, y);
        double lon = Math.atan2(y, x);
        double lat = Math.atan2(z, p * (1 - E2));
        double h = 0;
        for (int i = 0; i < 20; i++) {
            double sinLat = Math.sin(lat);
            double n = A_M / Math.sqrt(1 - E2 * sinLat * sinLat);
            h = p / Math.cos(lat) - n;
            double next = Math.atan2(z, p * (1 - E2 * n / (n + h)));
            if (Math.abs(next - lat) < 1e-13) {
                lat = next;
                break;
            }
            lat = next;
        }
        return new TelescopeLocation(itrf_m, lat, lon, h);
    }

    /**
     * Absolute ITRF positions of antennas whose UVH5 {@code antenna_positions} are ITRF offsets from
     * this location (not east-north-up).
     */
    public double[][] absolute(double[][] relative_m) {
        double[][] out = new double[relative_m.length][3];
        for (int a = 0; a < out.length; a++) {
            for (int k = 0; k < 3; k++) {
                out[a][k] = itrf_m[k] + relative_m[a][k];
            }
        }
        return out;
    }
}
