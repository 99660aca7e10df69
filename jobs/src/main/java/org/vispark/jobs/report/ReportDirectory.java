package org.vispark.jobs.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A report directory written whole or not at all: files go to a hidden sibling {@code .NAME.partial}, which replaces
 * {@code NAME} (an earlier report) when {@link #commit()} is called. A crash leaves the old report, or none.
 */
public final class ReportDirectory {
    private final Path target;
    private final Path partial;

    /** Starts a report at {@code target} (a local directory). */
    public ReportDirectory(Path target) throws IOException {
        this.target = target.toAbsolutePath().normalize();
        this.partial = this.target.resolveSibling("." + this.target.getFileName() + ".partial");
        if (Files.exists(this.target) && !Files.isDirectory(this.target)) {
            throw new IOException("report " + this.target + " exists and is not a directory");
        }
        delete(partial);
        Files.createDirectories(partial);
    }

    /** Where to write a file of the report. */
    public Path file(String name) {
        return partial.resolve(name);
    }

    /** Replaces the old report (if any) by the new one. */
    public void commit() throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old");
        delete(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        delete(old);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
