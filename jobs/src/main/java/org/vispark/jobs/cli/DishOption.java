package org.vispark.jobs.cli;

import org.vispark.udfs.sky.PrimaryBeam;
import picocli.CommandLine.Option;

/** {@code --dish-m METRES}, the dish diameter of the primary beam a command models, as a picocli mixin. */
final class DishOption {
    @Option(names = "--dish-m", paramLabel = "METRES", defaultValue = "4.65",
            description = "dish diameter of the primary beam (default ${DEFAULT-VALUE}, DSA-110)")
    private double diameter_m;

    /** The Gaussian primary beam of that dish (FWHM {@link PrimaryBeam#TAPERED_WIDTH_FACTOR} lambda/D). */
    PrimaryBeam beam() {
        return new PrimaryBeam(diameter_m, PrimaryBeam.TAPERED_WIDTH_FACTOR);
    }
}
