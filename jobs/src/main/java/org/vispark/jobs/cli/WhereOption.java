package org.vispark.jobs.cli;

import picocli.CommandLine.Option;

/**
 * {@code --where SQL}, the condition on the {@code ms} table that selects the MS a command works on (all when not
 * given), as a picocli mixin; the job checks it ({@link org.vispark.jobs.lake.MsSelection}).
 */
final class WhereOption {
    @Option(names = "--where", paramLabel = "SQL", description = "condition on the ms table selecting the MS (default: all)")
    private String condition;

    /** The condition given, or null for all MS. */
    String condition() {
        return condition;
    }
}
