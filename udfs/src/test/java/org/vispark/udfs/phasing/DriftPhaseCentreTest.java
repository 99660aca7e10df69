package org.vispark.udfs.phasing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vispark.udfs.astro.ApparentPlace;
import org.vispark.udfs.astro.MeridianPhaseCentre;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.sky.CalibratorCatalogue;

/** The choice of a drift scan's centre: meridian, calibrator within half the primary beam or not, fixed. */
class DriftPhaseCentreTest {
    private static final double LON = Math.toRadians(-118.2834);
    private static final double T = 5268463200.0; // 2025-10-29T14:00 UTC
    private static final double DISH_M = 4.65;
    private static final double FREQ_HZ = 1.405e9; // half the FWHM: 1.58 deg

    @Test
    void meridianIsTheJ2000PlaceOfLstAndThePointing() {
        PhaseCentreChoice c = DriftPhaseCentre.choose(PhaseCentreRequest.meridian(), T, LON, 0, Math.toRadians(55),
                true, DISH_M, FREQ_HZ);
        RaDec expected = MeridianPhaseCentre.j2000(ObservationTime.ofMjdSecUtc(T), LON, Math.toRadians(55));
        assertEquals(0, Spherical.separation_rad(c.centre().ra_rad(), c.centre().dec_rad(), expected.ra_rad(),
                expected.dec_rad()), 1e-12);
        assertEquals("meridian", c.name());
        assertTrue(c.reason().contains("phase_center_dec"), c.reason());
        // J2000, not the apparent place: precession since 2000 moves it by more than 10 arcmin
        RaDec app = ApparentPlace.toApparent(c.centre(), ObservationTime.ofMjdSecUtc(T));
        assertTrue(Math.toDegrees(Spherical.separation_rad(app.ra_rad(), app.dec_rad(), c.centre().ra_rad(),
                c.centre().dec_rad())) > 10.0 / 60);
    }

    @Test
    void calibratorWithinHalfTheBeamIsChosenElseTheMeridianWithTheReason() throws Exception {
        RaDec meridian = MeridianPhaseCentre.j2000(ObservationTime.ofMjdSecUtc(T), LON, Math.toRadians(55));
        CalibratorCatalogue near = catalogue(meridian.raDeg() + 1.0 / Math.cos(meridian.dec_rad()), meridian.decDeg());
        PhaseCentreChoice c = DriftPhaseCentre.choose(PhaseCentreRequest.calibrator(near), T, LON, 0,
                Math.toRadians(55), true, DISH_M, FREQ_HZ);
        assertEquals("TESTCAL", c.name());
        assertTrue(c.reason().startsWith("the calibrator TESTCAL"), c.reason());
        CalibratorCatalogue far = catalogue(meridian.raDeg() + 2.0 / Math.cos(meridian.dec_rad()), meridian.decDeg());
        PhaseCentreChoice m = DriftPhaseCentre.choose(PhaseCentreRequest.calibrator(far), T, LON, 0,
                Math.toRadians(55), true, DISH_M, FREQ_HZ);
        assertEquals("meridian", m.name());
        assertEquals(meridian.ra_rad(), m.centre().ra_rad(), 1e-12);
        assertTrue(m.reason().startsWith("the meridian at the midpoint"), m.reason());
        assertTrue(m.reason().contains("no calibrator within half the primary beam (1.5"), m.reason());
        assertTrue(m.reason().contains("TESTCAL, is 2.0"), m.reason());
    }

    @Test
    void fixedIsTakenAsGiven() {
        PhaseCentreChoice c = DriftPhaseCentre.choose(PhaseCentreRequest.parse("J2000 08h34m54.90s +55d34m21.00s",
                () -> null), T, LON, 0, Math.toRadians(55), true, DISH_M, FREQ_HZ);
        assertEquals(128.72875, c.centre().raDeg(), 1e-9);
        assertEquals(55.5725, c.centre().decDeg(), 1e-9);
    }

    @Test
    void aBadRequestSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhaseCentreRequest.parse("zenith", () -> null));
        assertTrue(e.getMessage().startsWith("phase centre 'zenith' is neither meridian, calibrator, none nor a"
                + " direction: direction 'zenith'"), e.getMessage());
        assertEquals(PhaseCentreRequest.Mode.NONE, PhaseCentreRequest.parse(" None ", () -> null).mode());
    }

    private static CalibratorCatalogue catalogue(double raDeg, double decDeg) throws Exception {
        return CalibratorCatalogue.parse(List.of(CalibratorCatalogue.HEADER,
                "TESTCAL,,%.8fdeg,%.8fdeg,5,1400,0,test".formatted(raDeg, decDeg)), "test");
    }
}
