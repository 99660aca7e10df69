package org.vispark.jobs.cli;

import org.vispark.udfs.solve.Interpolation;
import picocli.CommandLine.Option;

/**
 * {@code --interp MODE}, how gains tables applied to an MS are evaluated between their solution times, as a picocli
 * mixin.
 */
final class InterpOption {
    @Option(names = "--interp", paramLabel = "MODE", defaultValue = "linear",
            description = "time interpolation of the gains tables applied: nearest or linear (default)")
    private String mode;

    /** The mode's name, checked: one {@link Interpolation#parse} does not know is an IllegalArgumentException. */
    String mode() {
        Interpolation.parse(mode);
        return mode;
    }
}
