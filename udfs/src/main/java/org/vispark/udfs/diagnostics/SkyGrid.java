package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.rephase.UvwRotation;

/**
 * A square grid of sky directions about a J2000 centre: {@code (2 halfWidth + 1)^2} pixels at tangent-plane offsets
 * {@code x = (i - halfWidth) pixel_rad} (east) and {@code y = (j - halfWidth) pixel_rad} (north), SIN projection
 * (direction = x east + y north + sqrt(1 - x^2 - y^2) centre); pixel index {@code p = j (2 halfWidth + 1) + i}.
 *
 * @param centre    J2000 centre
 * @param pixel_rad pixel spacing, radians
 * @param halfWidth pixels each side of the centre
 */
public record SkyGrid(RaDec centre, double pixel_rad, int halfWidth) implements Serializable {
    public SkyGrid {
        if (!(pixel_rad > 0) || halfWidth < 0 || (2.0 * halfWidth + 1) * pixel_rad >= 2) {
            throw new IllegalArgumentException("sky grid needs a positive pixel and a half width >= 0 within the"
                    + " tangent plane, not " + pixel_rad + " rad x " + halfWidth);
        }
    }

    /** Pixels per side. */
    public int side() {
        return 2 * halfWidth + 1;
    }

    public int pixels() {
        return side() * side();
    }

    /** East offset of pixel column {@code i}, radians (tangent plane). */
    public double x_rad(int i) {
        return (i - halfWidth) * pixel_rad;
    }

    /** North offset of pixel row {@code j}, radians (tangent plane). */
    public double y_rad(int j) {
        return (j - halfWidth) * pixel_rad;
    }

    /** The J2000 direction at tangent-plane offsets (x east, y north), radians. */
    public RaDec direction(double x_rad, double y_rad) {
        double[][] axes = UvwRotation.axes(centre);
        double z = Math.sqrt(Math.max(0, 1 - x_rad * x_rad - y_rad * y_rad));
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) {
            v[k] = x_rad * axes[0][k] + y_rad * axes[1][k] + z * axes[2][k];
        }
        return RaDec.j2000(Spherical.raOf(v), Spherical.decOf(v));
    }

    /** The J2000 direction of pixel {@code p}. */
    public RaDec direction(int p) {
        return direction(x_rad(p % side()), y_rad(p / side()));
    }
}
