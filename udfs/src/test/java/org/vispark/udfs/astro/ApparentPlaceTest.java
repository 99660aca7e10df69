package org.vispark.udfs.astro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apparent places, sidereal time and the meridian phase centre against astropy (UT1-UTC = 0 on both sides). */
class ApparentPlaceTest {
    private static final double OVRO_LON_DEG = -118.2834;
    private static final double ARCSEC = Math.toRadians(1.0 / 3600);
    /** 0.01 s of sidereal time, in radians. */
    private static final double TEN_MS = 2 * Math.PI * 0.01 / 86400;

    /** MJD seconds UTC, J2000 RA deg, Dec deg. */
    private static final double[][] CASES = {
        {5268463200.0, 128.7287, 55.5725},   // 2025-10-29T14:00 UTC, the DSA-110 calibrator
        {5236984303.0, 128.571864, 54.665223}, // 2024-10-30T05:51:43
        {5126083200.0, 10.0, -30.0},         // 2021-04-25T16:00
        {4734547200.0, 300.0, 85.0},         // 2008-11-28, high dec
        {4989772800.0, 200.0, 0.0},          // 2016-12-30, a day before the 2017-01-01 leap second
        {4990032000.0, 200.0, 0.0},          // 2017-01-02, a day after it
        {5400000000.0, 45.0, 71.0},          // 2029-12-30
    };

    @Test
    void agreesWithAstropy(@TempDir Path tmp) throws Exception {
        Path script = PythonReference.resource("/astro/astropy_reference.py", tmp);
        List<String> args = new ArrayList<>(List.of(script.toString(), Double.toString(OVRO_LON_DEG)));
        for (double[] c : CASES) {
            args.add(c[0] + "," + c[1] + "," + c[2]);
        }
        String[] lines = PythonReference.run(args.toArray(String[]::new)).strip().split("\n");
        assertEquals(CASES.length, lines.length);
        double worstApp = 0;
        double worstLast = 0;
        double worstMeridian = 0;
        for (int i = 0; i < CASES.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            double[] c = CASES[i];
            ObservationTime t = ObservationTime.ofMjdSecUtc(c[0]);
            RaDec app = ApparentPlace.toApparent(RaDec.j2000(Math.toRadians(c[1]), Math.toRadians(c[2])), t);
            double sepApp = Spherical.separation_rad(app.ra_rad(), app.dec_rad(),
                    Math.toRadians(Double.parseDouble(f[0])), Math.toRadians(Double.parseDouble(f[1])));
            double last = SiderealTime.localApparent_rad(t, Math.toRadians(OVRO_LON_DEG));
            double dLast = Math.abs(Math.IEEEremainder(last - Math.toRadians(Double.parseDouble(f[2])), 2 * Math.PI));
            RaDec mer = MeridianPhaseCentre.j2000(t, Math.toRadians(OVRO_LON_DEG), Math.toRadians(c[2]));
            double sepMer = Spherical.separation_rad(mer.ra_rad(), mer.dec_rad(),
                    Math.toRadians(Double.parseDouble(f[3])), Math.toRadians(Double.parseDouble(f[4])));
            worstApp = Math.max(worstApp, sepApp);
            worstLast = Math.max(worstLast, dLast);
            worstMeridian = Math.max(worstMeridian, sepMer);
            // precession since 2000 moves the apparent place by arcminutes: the comparison is not trivial
            assertTrue(Spherical.separation_rad(app.ra_rad(), app.dec_rad(), Math.toRadians(c[1]),
                    Math.toRadians(c[2])) > 60 * ARCSEC, "case " + i);
        }
        System.out.printf("astropy: apparent place within %.3f mas, LAST within %.3f us, meridian J2000 within"
                + " %.3f mas%n", worstApp / ARCSEC * 1e3, worstLast / (2 * Math.PI) * 86400e6, worstMeridian / ARCSEC * 1e3);
        assertTrue(worstApp < 0.1 * ARCSEC, "apparent place off by " + worstApp / ARCSEC + " arcsec");
        assertTrue(worstLast < TEN_MS, "LAST off by " + worstLast / (2 * Math.PI) * 86400 + " s");
        assertTrue(worstMeridian < 0.1 * ARCSEC, "meridian centre off by " + worstMeridian / ARCSEC + " arcsec");
    }

    @Test
    void apparentAndBackIsTheIdentity() {
        ObservationTime t = ObservationTime.ofMjdSecUtc(5236984303.0);
        for (double dec = -89; dec <= 89; dec += 11) {
            for (double ra = 0; ra < 360; ra += 37) {
                RaDec j = RaDec.j2000(Math.toRadians(ra), Math.toRadians(dec));
                RaDec app = ApparentPlace.toApparent(j, t);
                RaDec back = ApparentPlace.toJ2000(app.ra_rad(), app.dec_rad(), t);
                assertTrue(Spherical.separation_rad(j.ra_rad(), j.dec_rad(), back.ra_rad(), back.dec_rad())
                        < 1e-6 * ARCSEC, ra + " " + dec);
            }
        }
    }

    @Test
    void meridianCentreTransitsAtTheGivenTime() {
        // the J2000 meridian centre, taken to apparent place, is at hour angle 0 and the given declination
        ObservationTime t = ObservationTime.ofMjdSecUtc(5236984303.0);
        double lon = Math.toRadians(OVRO_LON_DEG);
        RaDec mer = MeridianPhaseCentre.j2000(t, lon, Math.toRadians(71.6));
        RaDec app = ApparentPlace.toApparent(mer, t);
        assertEquals(0, Math.IEEEremainder(app.ra_rad() - SiderealTime.localApparent_rad(t, lon), 2 * Math.PI),
                1e-6 * ARCSEC);
        assertEquals(Math.toRadians(71.6), app.dec_rad(), 1e-6 * ARCSEC);
        // UT1-UTC of 0.5 s moves the sidereal time by 0.5 s * 1.0027379
        ObservationTime late = ObservationTime.ofMjdSecUtc(5236984303.0, 0.5);
        double dLast = SiderealTime.localApparent_rad(late, lon) - SiderealTime.localApparent_rad(t, lon);
        assertEquals(0.5 * 1.00273781191135448 * 2 * Math.PI / 86400, dLast, 1e-10);
    }

    @Test
    void leapSecondsComeFromSofa() {
        // TT - UTC = 32.184 s + TAI-UTC: 37 s since 2017-01-01, 36 s just before it
        ObservationTime after = ObservationTime.ofMjdSecUtc(4990032000.0);
        ObservationTime before = ObservationTime.ofMjdSecUtc(4989772800.0);
        assertEquals(69.184, ((after.tt1() - after.utc1()) + (after.tt2() - after.utc2())) * 86400, 1e-4);
        assertEquals(68.184, ((before.tt1() - before.utc1()) + (before.tt2() - before.utc2())) * 86400, 1e-4);
        assertTrue(Files.exists(Path.of(PythonReference.PYTHON)));
    }
}
