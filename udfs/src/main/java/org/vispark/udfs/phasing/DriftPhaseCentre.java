package org.vispark.udfs.phasing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.vispark.udfs.astro.ApparentPlace;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.SiderealTime;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * Chooses the J2000 centre of a drift scan for a {@link PhaseCentreRequest}.
 *
 * <p>The meridian centre reproduces the DSA-110 pipeline's choice: at the data's midpoint time t, apparent (of date)
 * right ascension = local apparent sidereal time minus the drift's hour angle (0 for the DSA-110: RA = LST), apparent
 * declination = the pointing declination ({@code phase_center_dec}, else the zenith's latitude), both converted to
 * J2000 with {@link ApparentPlace} (precession since 2000 alone moves it by ~20 arcmin, so the apparent place is never
 * taken as J2000). A calibrator is chosen when the nearest catalogue calibrator lies within half the primary-beam FWHM
 * ({@link PrimaryBeam}, tapered dish, at the data's mean frequency) of that meridian centre; otherwise the meridian
 * centre, with the reason.
 */
public final class DriftPhaseCentre {
    private static final double MJD_UNIX_EPOCH_S = 40587 * 86400.0;

    private DriftPhaseCentre() {}

    /**
     * The centre for {@code request} (not {@link PhaseCentreRequest.Mode#NONE}) of drift data whose times have the
     * midpoint {@code midMjdSec} (UTC), taken at east longitude {@code lon_rad} pointing at hour angle
     * {@code ha_rad} (west positive) and apparent declination {@code decApp_rad} ({@code decStated}: from the file,
     * else the zenith's), with dishes of {@code dish_m} observing at mean frequency {@code meanFreq_hz}.
     */
    public static PhaseCentreChoice choose(PhaseCentreRequest request, double midMjdSec, double lon_rad, double ha_rad,
            double decApp_rad, boolean decStated, double dish_m, double meanFreq_hz) {
        if (request.mode() == PhaseCentreRequest.Mode.NONE) {
            throw new IllegalArgumentException("no phase centre is chosen for 'none'");
        }
        if (request.mode() == PhaseCentreRequest.Mode.FIXED) {
            RaDec c = RaDec.j2000(request.fixed().ra_rad(), request.fixed().dec_rad());
            String name = String.format(Locale.ROOT, "J2000 %.6f %+.6f", c.raDeg(), c.decDeg());
            return new PhaseCentreChoice(c, name, name + " deg, as given");
        }
        ObservationTime t = ObservationTime.ofMjdSecUtc(midMjdSec);
        double raApp = Spherical.normalizeRa(SiderealTime.localApparent_rad(t, lon_rad) - ha_rad);
        RaDec meridian = ApparentPlace.toJ2000(raApp, decApp_rad, t);
        String meridianReason = String.format(Locale.ROOT,
                "the meridian at the midpoint %s UTC: apparent RA %.6f deg (LST%s), apparent Dec %.6f deg (%s) = J2000"
                        + " %.6f %+.6f deg", utc(midMjdSec), Math.toDegrees(raApp),
                ha_rad == 0 ? "" : String.format(Locale.ROOT, " - HA %.6f deg", Math.toDegrees(ha_rad)),
                Math.toDegrees(decApp_rad), decStated ? "pointing, phase_center_dec" : "zenith: no phase_center_dec",
                meridian.raDeg(), meridian.decDeg());
        if (request.mode() == PhaseCentreRequest.Mode.MERIDIAN) {
            return new PhaseCentreChoice(meridian, "meridian", meridianReason);
        }
        double halfBeam_rad = new PrimaryBeam(dish_m, PrimaryBeam.TAPERED_WIDTH_FACTOR).fwhm_rad(meanFreq_hz) / 2;
        CalibratorCatalogue.Calibrator nearest = null;
        double nearest_rad = Double.POSITIVE_INFINITY;
        for (CalibratorCatalogue.Calibrator c : request.catalogue().calibrators()) {
            double sep = Spherical.separation_rad(meridian.ra_rad(), meridian.dec_rad(), c.position().ra_rad(),
                    c.position().dec_rad());
            if (sep < nearest_rad) {
                nearest_rad = sep;
                nearest = c;
            }
        }
        String beam = String.format(Locale.ROOT, "half the primary beam (%.3f deg at %.4f GHz, %.2f m dishes)",
                Math.toDegrees(halfBeam_rad), meanFreq_hz / 1e9, dish_m);
        if (nearest != null && nearest_rad <= halfBeam_rad) {
            RaDec c = RaDec.j2000(nearest.position().ra_rad(), nearest.position().dec_rad());
            return new PhaseCentreChoice(c, nearest.name(), String.format(Locale.ROOT,
                    "the calibrator %s (J2000 %.6f %+.6f deg), %.3f deg from %s, within %s", nearest.name(),
                    c.raDeg(), c.decDeg(), Math.toDegrees(nearest_rad), meridianReason, beam));
        }
        String why = nearest == null ? "the catalogue is empty"
                : String.format(Locale.ROOT, "the nearest catalogue calibrator, %s, is %.3f deg away", nearest.name(),
                        Math.toDegrees(nearest_rad));
        return new PhaseCentreChoice(meridian, "meridian", meridianReason + "; no calibrator within " + beam
                + " of it (" + why + ")");
    }

    private static String utc(double mjdSec) {
        return Instant.ofEpochMilli(Math.round((mjdSec - MJD_UNIX_EPOCH_S) * 1000)).truncatedTo(ChronoUnit.SECONDS)
                .toString().replace("Z", "");
    }
}
