package org.vispark.udfs.astro;

/**
 * The small rotation that moves a unit direction {@code d} by a shift vector {@code s}: about the axis
 * {@code d x s}, by the angle {@code |d x s|} (radians; the part of the shift across {@code d}). This is how
 * casacore's measures carry a direction correction (aberration, light deflection, diurnal aberration) over to a
 * baseline: the baseline is rotated as the phase centre would be, rather than corrected as a direction itself.
 */
final class ShiftRotation {
    private ShiftRotation() {}

    /** The 3x3 rotation matrix (acting on column vectors) moving unit vector {@code d} by {@code s}. */
    static double[][] of(double[] d, double[] s) {
        double ax = d[1] * s[2] - d[2] * s[1];
        double ay = d[2] * s[0] - d[0] * s[2];
        double az = d[0] * s[1] - d[1] * s[0];
        double angle = Math.sqrt(ax * ax + ay * ay + az * az);
        double[][] r = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        if (angle == 0) {
            return r;
        }
        ax /= angle;
        ay /= angle;
        az /= angle;
        double c = Math.cos(angle);
        double sn = Math.sin(angle);
        double t = 1 - c;
        r[0][0] = c + ax * ax * t;
        r[0][1] = ax * ay * t - az * sn;
        r[0][2] = ax * az * t + ay * sn;
        r[1][0] = ay * ax * t + az * sn;
        r[1][1] = c + ay * ay * t;
        r[1][2] = ay * az * t - ax * sn;
        r[2][0] = az * ax * t - ay * sn;
        r[2][1] = az * ay * t + ax * sn;
        r[2][2] = c + az * az * t;
        return r;
    }

    /** {@code a b} for 3x3 matrices. */
    static double[][] times(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return r;
    }

    /** {@code m v} for a 3x3 matrix and a 3-vector. */
    static double[] apply(double[][] m, double[] v) {
        return new double[] {
            m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
    }
}
