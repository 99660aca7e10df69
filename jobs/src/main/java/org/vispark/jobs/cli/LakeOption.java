package org.vispark.jobs.cli;

import picocli.CommandLine.Option;

/** {@code --lake LAKE}, the lake root every lake command works on, as a picocli mixin. */
final class LakeOption {
    @Option(names = "--lake", required = true, paramLabel = "LAKE", description = "lake root")
    private String root;

    /** The lake root given. */
    String root() {
        return root;
    }
}
