package org.vispark.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --report DIR}, the directory of a command's HTML report, written whole or not at all
 * ({@link org.vispark.jobs.report.ReportDirectory}), as a picocli mixin.
 */
final class ReportOption {
    @Option(names = "--report", paramLabel = "DIR",
            description = "write an HTML report with plots into DIR (replacing an earlier one whole)")
    private Path dir;

    /** The directory given, or null for no report. */
    Path dir() {
        return dir;
    }
}
