package org.vispark.jobs.sky;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * Which catalogue calibrators an observation sees: those within half the primary-beam FWHM (at the observation's
 * mean frequency) of a J2000 direction, nearest first. {@code --auto} of predict and diagnose, and the pipeline's
 * classification of calibrator observations, use it.
 */
public final class CalibratorChoice {
    private CalibratorChoice() {}

    /** Catalogue sources within FWHM / 2 of (ra, dec), nearest first (empty when none). */
    public static List<CalibratorCatalogue.Calibrator> inBeam(CalibratorCatalogue catalogue, PrimaryBeam beam,
            double ra_rad, double dec_rad, double freq_hz) {
        double radius = beam.fwhm_rad(freq_hz) / 2;
        List<CalibratorCatalogue.Calibrator> out = new ArrayList<>();
        for (CalibratorCatalogue.Calibrator c : catalogue.calibrators()) {
            if (separation(c, ra_rad, dec_rad) <= radius) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingDouble(c -> separation(c, ra_rad, dec_rad)));
        return out;
    }

    private static double separation(CalibratorCatalogue.Calibrator c, double ra_rad, double dec_rad) {
        return Spherical.separation_rad(c.position().ra_rad(), c.position().dec_rad(), ra_rad, dec_rad);
    }
}
