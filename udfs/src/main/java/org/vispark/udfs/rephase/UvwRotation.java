package org.vispark.udfs.rephase;

import org.vispark.udfs.astro.RaDec;

/**
 * The change of phase centre from {@code from} to {@code to} (both J2000) as it acts on UVW coordinates.
 *
 * <p>Convention (Measurement Set): UVW = position(ANTENNA2) - position(ANTENNA1) expressed in the frame of the phase
 * centre s0: u along east (-sin ra, cos ra, 0), v along north (-sin dec cos ra, -sin dec sin ra, cos dec), w along
 * s0 (all J2000 Cartesian). With baseline b (J2000, metres), uvw = R(s0) b, whose rows are those three axes, so the
 * new coordinates are {@code uvw1 = R(s1) R(s0)^T uvw0}: {@link #matrix()} is that product, row-major.
 *
 * <p>A visibility is {@code V = S exp(+2 pi i (u l + v m + w (n - 1)) / lambda)}; since
 * {@code u l + v m + w n = b . s} and {@code w = b . s0}, the phase is {@code 2 pi (b . s - b . s0) / lambda}, and
 * moving the phase centre multiplies every visibility of every source by
 * {@code exp(+2 pi i (w_old - w_new) f / c)} ({@link #wShift_m}), exactly.
 *
 * <p>This is the rigid J2000 rotation (as chgcentre and CASA's UVWMachine do it). UVW that casacore's measures compute
 * for a J2000 phase centre (e.g. make_ms.py's) differ from it slightly: casacore rotates the baseline by the annual
 * aberration at that centre (a rotation of ~20 arcsec taking the centre to its aberrated place), so the J2000
 * baselines behind two centres differ by that rotation's change, about 1.5 mm per degree of shift on a 2 km
 * baseline (measured: 1.9 mm for 1 deg, 7.7 mm for 5 deg on make_ms.py's 16-antenna layout).
 */
public final class UvwRotation {
    private final RaDec from;
    private final RaDec to;
    private final double[] m;

    private UvwRotation(RaDec from, RaDec to, double[] m) {
        this.from = from;
        this.to = to;
        this.m = m;
    }

    /** The rotation taking UVW of phase centre {@code from} to UVW of phase centre {@code to}. */
    public static UvwRotation between(RaDec from, RaDec to) {
        double[][] a = axes(from);
        double[][] b = axes(to);
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = b[i][0] * a[j][0] + b[i][1] * a[j][1] + b[i][2] * a[j][2];
            }
        }
        return new UvwRotation(from, to, m);
    }

    /** The u, v, w axes (rows) of the UVW frame of phase centre {@code c}, as J2000 Cartesian unit vectors. */
    public static double[][] axes(RaDec c) {
        double sa = Math.sin(c.ra_rad());
        double ca = Math.cos(c.ra_rad());
        double sd = Math.sin(c.dec_rad());
        double cd = Math.cos(c.dec_rad());
        return new double[][] {{-sa, ca, 0}, {-sd * ca, -sd * sa, cd}, {cd * ca, cd * sa, sd}};
    }

    public RaDec from() {
        return from;
    }

    public RaDec to() {
        return to;
    }

    /** The 3x3 matrix, row-major (a copy). */
    public double[] matrix() {
        return m.clone();
    }

    /** Writes the new UVW of the old {@code uvw[off..off+3)} to {@code out[outOff..outOff+3)} (may be the same place). */
    public void apply(double[] uvw, int off, double[] out, int outOff) {
        double u = uvw[off];
        double v = uvw[off + 1];
        double w = uvw[off + 2];
        out[outOff] = m[0] * u + m[1] * v + m[2] * w;
        out[outOff + 1] = m[3] * u + m[4] * v + m[5] * w;
        out[outOff + 2] = m[6] * u + m[7] * v + m[8] * w;
    }

    /** {@code w_old - w_new}, metres, for the old UVW at {@code uvw[off..off+3)}: the path difference to rephase by. */
    public double wShift_m(double[] uvw, int off) {
        return uvw[off + 2] - (m[6] * uvw[off] + m[7] * uvw[off + 1] + m[8] * uvw[off + 2]);
    }
}
