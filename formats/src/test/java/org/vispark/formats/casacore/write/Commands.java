package org.vispark.formats.casacore.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external program (casacore's showtableinfo and taql, wsclean scripts) for tests. */
public final class Commands {
    private Commands() {}

    /** Runs {@code cmd}; returns its stdout and stderr; fails with both when the exit status is not 0. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("command", ".txt");
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + List.of(cmd));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit status " + p.exitValue() + ": " + List.of(cmd) + "\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
