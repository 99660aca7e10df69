package org.vispark.udfs.phasing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vispark.udfs.astro.ApparentPlace;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.SiderealTime;
import org.vispark.udfs.astro.Spherical;

/**
 * The sign and geometry of {@link DriftPhaser}: visibilities of a point source simulated in the drift frame from the
 * source's own topocentric direction (apparent place and sidereal time, not {@code BaselineProjection}) must, after
 * phasing, follow the MS convention {@code V = exp(+2 pi i (u l + v m + w (n - 1)) / lambda)} for the new UVW and the
 * source's (l, m, n) about the new centre.
 */
class DriftPhaserTest {
    private static final double C = 299792458.0;
    private static final double LON = Math.toRadians(-118.2834);
    private static final double LAT = Math.toRadians(37.2334);
    private static final double[] OVRO_ITRF_M = {-2409150.402, -4478573.118, 3838617.339};

    @Test
    void phasedVisibilitiesFollowTheMsConvention() {
        double t = 5268463200.0; // 2025-10-29T14:00 UTC
        ObservationTime time = ObservationTime.ofMjdSecUtc(t);
        double last = SiderealTime.localApparent_rad(time, LON);
        // drift centre: the meridian at apparent Dec 50 deg; new centre: J2000 near it; source 0.4 deg off the centre
        double[] drift = hadecItrf(0, Math.toRadians(50));
        RaDec centre = ApparentPlace.toJ2000(last + Math.toRadians(0.3), Math.toRadians(50.5), time);
        RaDec source = RaDec.j2000(centre.ra_rad() + Math.toRadians(0.3), centre.dec_rad() + Math.toRadians(0.25));
        RaDec sourceApp = ApparentPlace.toApparent(source, time);
        double[] s = hadecItrf(last - sourceApp.ra_rad(), sourceApp.dec_rad());

        double[][] enu = {{0, 0, 0}, {300, 0, 0}, {-250, 10, 1}, {0, -280, 2}, {150, -200, 0}};
        double[][] ant = new double[enu.length][];
        for (int a = 0; a < enu.length; a++) {
            ant[a] = enuToItrf(enu[a]);
        }
        double[] freq = {1.30e9, 1.35e9, 1.40e9, 1.45e9, 1.50e9};
        DriftPhaser phaser = new DriftPhaser(ant, OVRO_ITRF_M, drift, centre, new double[][] {freq}, 2);
        double[] lmn = new double[3];
        Spherical.lmn(source.ra_rad(), source.dec_rad(), centre.ra_rad(), centre.dec_rad(), lmn, 0);
        double worst = 0;
        double unphased = 0;
        for (int a1 = 0; a1 < ant.length; a1++) {
            for (int a2 = a1 + 1; a2 < ant.length; a2++) {
                double[] b = new double[3];
                for (int k = 0; k < 3; k++) {
                    b[k] = ant[a2][k] - ant[a1][k];
                }
                double pathDrift = dot(b, s) - dot(b, drift);
                float[] vis = new float[2 * 2 * freq.length];
                for (int c = 0; c < freq.length; c++) {
                    double ph = 2 * Math.PI * pathDrift * freq[c] / C;
                    for (int p = 0; p < 2; p++) {
                        vis[2 * (2 * c + p)] = (float) Math.cos(ph);
                        vis[2 * (2 * c + p) + 1] = (float) Math.sin(ph);
                    }
                }
                double[] uvw = new double[3];
                phaser.phase(t, a1, a2, 0, vis, uvw);
                double path = uvw[0] * lmn[0] + uvw[1] * lmn[1] + uvw[2] * lmn[2]; // lmn[2] is n - 1
                for (int c = 0; c < freq.length; c++) {
                    double expected = 2 * Math.PI * path * freq[c] / C;
                    for (int p = 0; p < 2; p++) {
                        double got = Math.atan2(vis[2 * (2 * c + p) + 1], vis[2 * (2 * c + p)]);
                        worst = Math.max(worst, Math.abs(Math.IEEEremainder(got - expected, 2 * Math.PI)));
                    }
                    unphased = Math.max(unphased, Math.abs(Math.IEEEremainder(
                            2 * Math.PI * pathDrift * freq[c] / C - expected, 2 * Math.PI)));
                }
            }
        }
        System.out.printf("DriftPhaser: worst phase error %.4f rad (before phasing %.2f rad)%n", worst, unphased);
        // 300 m baselines: aberration differences between the simulation's and casacore's geometry stay below 1 mm
        // (0.03 rad at 1.5 GHz); the wrong sign or frame would leave radians
        assertTrue(worst < 0.05, "worst phase error " + worst + " rad");
        assertTrue(unphased > 1, "the test must move the phase: " + unphased);
    }

    private static double[] hadecItrf(double ha, double dec) {
        return new double[] {Math.cos(dec) * Math.cos(LON - ha), Math.cos(dec) * Math.sin(LON - ha), Math.sin(dec)};
    }

    private static double[] enuToItrf(double[] enu) {
        double sl = Math.sin(LON);
        double cl = Math.cos(LON);
        double sp = Math.sin(LAT);
        double cp = Math.cos(LAT);
        return new double[] {
            OVRO_ITRF_M[0] - sl * enu[0] - sp * cl * enu[1] + cp * cl * enu[2],
            OVRO_ITRF_M[1] + cl * enu[0] - sp * sl * enu[1] + cp * sl * enu[2],
            OVRO_ITRF_M[2] + cp * enu[1] + sp * enu[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
