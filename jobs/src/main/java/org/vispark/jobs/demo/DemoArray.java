package org.vispark.jobs.demo;

import java.util.ArrayList;
import java.util.List;
import org.jastronomy.jsofa.JSOFA;
import org.jastronomy.jsofa.JSOFAIllegalParameter;
import org.jastronomy.jsofa.JSOFAInternalError;
import org.vispark.formats.ms.Antenna;

/**
 * A DSA-110-like array for simulated observations: a T of 4.65 m dishes at the Owens Valley Radio Observatory, one
 * arm east-west and one north-south, as DSA-110's core is laid out, scaled down to a given number of antennas.
 *
 * <p>The site is OVRO at east longitude -118.2834 deg, geodetic latitude 37.2334 deg, height 1188 m (WGS84;
 * approximate, good to a few tens of metres, which a simulation does not need better). Antennas 0 .. n/2-1 sit on
 * the east-west arm at {@code spacing_m} apart, the others on the north-south arm south of the east end.
 * Positions are ITRF metres (SOFA {@code jauGd2gc}).
 */
public final class DemoArray {
    /** East longitude of the site, radians. */
    public static final double LON_RAD = Math.toRadians(-118.2834);
    /** Geodetic latitude of the site, radians. */
    public static final double LAT_RAD = Math.toRadians(37.2334);
    /** Height of the site above the WGS84 ellipsoid, metres. */
    public static final double HEIGHT_M = 1188.0;
    /** Dish diameter, metres. */
    public static final double DISH_M = 4.65;

    private DemoArray() {}

    /** {@code count} antennas named DSA-001..., ITRF positions, 4.65 m alt-az dishes. */
    public static List<Antenna> antennas(int count, double spacing_m) {
        if (count < 3) {
            throw new IllegalArgumentException("a demo array needs at least 3 antennas, not " + count);
        }
        double[] site = site();
        double sl = Math.sin(LON_RAD);
        double cl = Math.cos(LON_RAD);
        double sp = Math.sin(LAT_RAD);
        double cp = Math.cos(LAT_RAD);
        int eastWest = count / 2;
        List<Antenna> out = new ArrayList<>(count);
        for (int a = 0; a < count; a++) {
            double east_m = a < eastWest ? (a - eastWest / 2.0) * spacing_m : 0;
            double north_m = a < eastWest ? 0 : -(a - eastWest + 1) * spacing_m;
            double[] x = {
                site[0] - sl * east_m - sp * cl * north_m,
                site[1] + cl * east_m - sp * sl * north_m,
                site[2] + cp * north_m};
            String name = String.format("DSA-%03d", a + 1);
            out.add(new Antenna(a, name, name, x, DISH_M, "ALT-AZ", false));
        }
        return out;
    }

    /** The site (longitude, latitude, height above) in ITRF metres. */
    public static double[] site() {
        try {
            return JSOFA.jauGd2gc(1, LON_RAD, LAT_RAD, HEIGHT_M);
        } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
            throw new IllegalStateException("SOFA cannot place the demo site: " + e.getMessage(), e);
        }
    }
}
