package org.vispark.udfs.astro;

import org.jastronomy.jsofa.JSOFA;

/**
 * Projects terrestrial baselines onto the (u, v, w) axes of a J2000 phase centre at one instant: what a correlator
 * or casacore writes into an MS's UVW column.
 *
 * <p>A baseline {@code b = position(ANTENNA2) - position(ANTENNA1)} in ITRF metres is turned into the celestial
 * (GCRS, taken as J2000: they differ by the 23 mas frame bias) frame with the transpose of SOFA's IAU 2006/2000A
 * celestial-to-terrestrial matrix ({@code jauC2t06a}; polar motion taken as 0, UT1 as {@link ObservationTime}
 * gives it), then projected: {@code w} on the phase-centre direction s0, {@code u} on the east unit vector
 * {@code (-sin ra, cos ra, 0)}, {@code v} on the north unit vector
 * {@code (-sin dec cos ra, -sin dec sin ra, cos dec)}, all metres. Neither aberration nor retarded baselines are
 * applied. casacore's UVW (measures' ITRF to J2000 baseline conversion) agrees to 3.7e-5 of the baseline length
 * (8 cm on 2.2 km; BaselineProjectionTest), so MS simulated with this class are self-consistent, but mixing its UVW
 * with casacore-written UVW of the same MS is not exact at that level.
 */
public final class BaselineProjection {
    private final double[][] terrestrialToCelestial;

    /** The projection for the instant {@code time}. */
    public BaselineProjection(ObservationTime time) {
        double[][] c2t = JSOFA.jauC2t06a(time.tt1(), time.tt2(), time.ut11(), time.ut12(), 0, 0);
        terrestrialToCelestial = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                terrestrialToCelestial[i][j] = c2t[j][i];
            }
        }
    }

    /**
     * Writes the UVW (metres) of the ITRF baseline {@code (bx, by, bz)} (metres) for the J2000 phase centre
     * (ra0, dec0) into {@code uvw[off..off+3)}.
     */
    public void uvw(double bx, double by, double bz, double ra0_rad, double dec0_rad, double[] uvw, int off) {
        double[][] m = terrestrialToCelestial;
        double x = m[0][0] * bx + m[0][1] * by + m[0][2] * bz;
        double y = m[1][0] * bx + m[1][1] * by + m[1][2] * bz;
        double z = m[2][0] * bx + m[2][1] * by + m[2][2] * bz;
        double sr = Math.sin(ra0_rad);
        double cr = Math.cos(ra0_rad);
        double sd = Math.sin(dec0_rad);
        double cd = Math.cos(dec0_rad);
        uvw[off] = -sr * x + cr * y;
        uvw[off + 1] = -sd * cr * x - sd * sr * y + cd * z;
        uvw[off + 2] = cd * cr * x + cd * sr * y + sd * z;
    }
}
