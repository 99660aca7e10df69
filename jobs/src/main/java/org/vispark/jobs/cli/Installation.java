package org.vispark.jobs.cli;

import java.nio.file.Path;

/** Where the shipped configuration is: {@code -Dvispark.conf=DIR} (bin/vispark sets it), else {@code ./conf}. */
final class Installation {
    private Installation() {}

    static Path conf() {
        return Path.of(System.getProperty("vispark.conf", "conf"));
    }
}
