package org.vispark.udfs.astro;

import org.jastronomy.jsofa.JSOFA;

/**
 * Projects terrestrial baselines onto the (u, v, w) axes of a J2000 phase centre at one instant, as casacore's
 * measures do (an ITRF {@code MBaseline} converted to J2000, then {@code Muvw} for the J2000 direction): what
 * casacore-based software writes into an MS's UVW column.
 *
 * <p>A baseline {@code b = position(ANTENNA2) - position(ANTENNA1)} in ITRF metres goes through casacore's chain
 * ITRF, HADEC, TOPO, APP, JNAT, J2000, reproduced with SOFA (JSOFA):
 * <ol>
 * <li>Earth rotation to the true equator and equinox of date: about the pole by the Greenwich apparent sidereal
 * time (IAU 1982 GMST plus the 1994 equation of the equinoxes, {@code jauGst94}); polar motion 0 and UT1 as
 * {@link ObservationTime} gives it (casacore without IERS tables does the same);</li>
 * <li>diurnal aberration, casacore's way: the rotation that moves the phase centre's apparent place by
 * {@code -(2 pi R / 86400 s) (sidereal/solar day ratio) / c} towards the observatory's geocentric zenith (R its
 * geocentric radius);</li>
 * <li>precession and nutation of date back to the mean J2000 equator (IAU 1976/1980, {@code jauPnm80}, casacore's
 * default; J2000 here is FK5 J2000, no ICRS frame bias);</li>
 * <li>annual aberration removed and then gravitational light deflection by the Sun removed, each as the rotation
 * that moves the J2000 phase centre from its observed to its natural place (Earth's velocity from
 * {@code jauEpv00}, {@code jauAb}, {@code jauLdsun}).</li>
 * </ol>
 * The corrections of steps 2 and 4 are rotations of the baseline, not direction corrections of it: casacore moves a
 * baseline as it moves the frame's direction (here the phase centre). They change UVW by up to 1e-4 of the
 * baseline (26 cm on 2.6 km), so UVW without them would not match casacore-written MS. Then {@code w} is the
 * projection on the phase centre s0, {@code u} on the east unit vector {@code (-sin ra, cos ra, 0)}, {@code v} on
 * the north unit vector {@code (-sin dec cos ra, -sin dec sin ra, cos dec)}, all metres. Agreement with
 * python-casacore: BaselineProjectionTest.
 */
public final class BaselineProjection {
    private static final double C_M_S = 299792458.0;
    private static final double AU_PER_DAY_OVER_C = 1.0 / 173.1446326846693;
    private static final double SIDEREAL_PER_SOLAR = 1.00273781191135448;
    private static final double SECONDS_PER_DAY = 86400.0;

    private final double[][] itrfToUvw;

    /**
     * The projection at {@code time} for an observatory at {@code observatoryItrf_m} (ITRF metres; it sets the
     * diurnal aberration) onto the J2000 phase centre (ra0, dec0), radians.
     */
    public BaselineProjection(ObservationTime time, double[] observatoryItrf_m, double ra0_rad, double dec0_rad) {
        double[] s0 = Spherical.unitVector(ra0_rad, dec0_rad);
        double[][] earthBarycentric = new double[2][3];
        double[][] earthHeliocentric = new double[2][3];
        JSOFA.jauEpv00(time.tt1(), time.tt2(), earthHeliocentric, earthBarycentric);
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) {
            v[k] = earthBarycentric[1][k] * AU_PER_DAY_OVER_C;
        }
        double sunDistance_au = norm(earthHeliocentric[0]);
        double[] fromSun = scaled(earthHeliocentric[0], 1 / sunDistance_au);
        double bm1 = Math.sqrt(1 - dot(v, v));

        double[] deflectedFrom = invert(p -> JSOFA.jauLdsun(p, fromSun, sunDistance_au), s0);
        double[] aberratedFrom = invert(p -> JSOFA.jauAb(p, v, sunDistance_au, bm1), s0);
        double[][] removeDeflection = ShiftRotation.of(s0, minus(deflectedFrom, s0));
        double[][] removeAberration = ShiftRotation.of(s0, minus(aberratedFrom, s0));

        double[][] meanToTrue = JSOFA.jauPnm80(time.tt1(), time.tt2());
        double[] apparent = ShiftRotation.apply(meanToTrue,
                JSOFA.jauAb(JSOFA.jauLdsun(s0, fromSun, sunDistance_au), v, sunDistance_au, bm1));
        double gast = JSOFA.jauGst94(time.ut11(), time.ut12());
        double radius_m = norm(observatoryItrf_m);
        double last = gast + Math.atan2(observatoryItrf_m[1], observatoryItrf_m[0]);
        double[] zenith = Spherical.unitVector(last, Math.asin(observatoryItrf_m[2] / radius_m));
        double diurnal = 2 * Math.PI * radius_m / SECONDS_PER_DAY * SIDEREAL_PER_SOLAR / C_M_S;
        double[][] removeDiurnal = ShiftRotation.of(apparent, scaled(zenith, -diurnal));

        double cg = Math.cos(gast);
        double sg = Math.sin(gast);
        double[][] earthRotation = {{cg, -sg, 0}, {sg, cg, 0}, {0, 0, 1}};

        double sr = Math.sin(ra0_rad);
        double cr = Math.cos(ra0_rad);
        double sd = Math.sin(dec0_rad);
        double cd = Math.cos(dec0_rad);
        double[][] project = {{-sr, cr, 0}, {-sd * cr, -sd * sr, cd}, {cd * cr, cd * sr, sd}};

        double[][] m = ShiftRotation.times(removeDiurnal, earthRotation);
        m = ShiftRotation.times(transpose(meanToTrue), m);
        m = ShiftRotation.times(removeAberration, m);
        m = ShiftRotation.times(removeDeflection, m);
        itrfToUvw = ShiftRotation.times(project, m);
    }

    /** Writes the UVW (metres) of the ITRF baseline {@code (bx, by, bz)} (metres) into {@code uvw[off..off+3)}. */
    public void uvw(double bx, double by, double bz, double[] uvw, int off) {
        double[][] m = itrfToUvw;
        uvw[off] = m[0][0] * bx + m[0][1] * by + m[0][2] * bz;
        uvw[off + 1] = m[1][0] * bx + m[1][1] * by + m[1][2] * bz;
        uvw[off + 2] = m[2][0] * bx + m[2][1] * by + m[2][2] * bz;
    }

    /** The natural direction x with {@code correction(x) = observed} (fixed-point iteration, to 1e-14 rad). */
    private static double[] invert(java.util.function.UnaryOperator<double[]> correction, double[] observed) {
        double[] x = observed.clone();
        for (int i = 0; i < 10; i++) {
            double[] miss = minus(correction.apply(x), observed);
            x = minus(x, miss);
            x = scaled(x, 1 / norm(x));
            if (norm(miss) < 1e-14) {
                break;
            }
        }
        return x;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                t[i][j] = m[j][i];
            }
        }
        return t;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] scaled(double[] a, double f) {
        return new double[] {a[0] * f, a[1] * f, a[2] * f};
    }
}
