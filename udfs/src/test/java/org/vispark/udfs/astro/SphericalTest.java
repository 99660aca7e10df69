package org.vispark.udfs.astro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SphericalTest {
    private static final double ARCSEC = Math.toRadians(1.0 / 3600);

    @Test
    void unitVectorRoundTrip() {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double ra = rnd.nextDouble() * 2 * Math.PI;
            double dec = Math.asin(2 * rnd.nextDouble() - 1);
            double[] v = Spherical.unitVector(ra, dec);
            assertEquals(1.0, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-15);
            assertEquals(ra, Spherical.raOf(v), 1e-14);
            assertEquals(dec, Spherical.decOf(v), 1e-14);
            RaDec d = RaDec.j2000(ra - 2 * Math.PI, dec);
            assertEquals(ra, d.ra_rad(), 1e-14);
        }
    }

    @Test
    void separationAgreesWithVectorsAndIsAccurateWhenTiny() {
        Random rnd = new Random(4);
        for (int i = 0; i < 1000; i++) {
            double ra1 = rnd.nextDouble() * 2 * Math.PI;
            double dec1 = Math.asin(2 * rnd.nextDouble() - 1);
            double ra2 = rnd.nextDouble() * 2 * Math.PI;
            double dec2 = Math.asin(2 * rnd.nextDouble() - 1);
            double[] a = Spherical.unitVector(ra1, dec1);
            double[] b = Spherical.unitVector(ra2, dec2);
            double[] cross = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
            double expected = Math.atan2(Math.sqrt(cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2]),
                    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
            assertEquals(expected, Spherical.separation_rad(ra1, dec1, ra2, dec2), 1e-14);
        }
        // 1 milliarcsec along a meridian near the pole and along the equator: acos would lose it
        double mas = ARCSEC / 1000;
        assertEquals(mas, Spherical.separation_rad(1.0, Math.toRadians(89.9), 1.0, Math.toRadians(89.9) + mas),
                1e-6 * mas);
        assertEquals(mas, Spherical.separation_rad(0, 0, mas, 0), 1e-9 * mas);
        assertEquals(Math.PI, Spherical.separation_rad(0, 0, Math.PI, 0), 1e-15);
        assertEquals(Math.toRadians(90), Spherical.separation_rad(0.3, Math.PI / 2, 2.0, 0), 1e-15);
    }

    @Test
    void positionAngleIsMeasuredNorthThroughEast() {
        double dec = Math.toRadians(40);
        assertEquals(0, Spherical.positionAngle_rad(1, dec, 1, dec + ARCSEC), 1e-12);
        assertEquals(Math.PI / 2, Spherical.positionAngle_rad(1, dec, 1 + ARCSEC, dec), 1e-5);
        assertEquals(-Math.PI / 2, Spherical.positionAngle_rad(1, dec, 1 - ARCSEC, dec), 1e-5);
        assertEquals(Math.PI, Math.abs(Spherical.positionAngle_rad(1, dec, 1, dec - ARCSEC)), 1e-12);
        // from anywhere, the north pole is due north
        assertEquals(0, Spherical.positionAngle_rad(2.5, -0.7, 0.1, Math.PI / 2), 1e-15);
    }

    @Test
    void rejectsImpossibleDirections() {
        assertThrows(IllegalArgumentException.class, () -> RaDec.j2000(0, 2));
        assertThrows(IllegalArgumentException.class, () -> RaDec.j2000(Double.NaN, 0));
    }
}
