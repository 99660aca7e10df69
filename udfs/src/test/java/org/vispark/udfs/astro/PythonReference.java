package org.vispark.udfs.astro;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the references the udfs tests compare with: Debian's /usr/bin/python3 (astropy, python-casacore), scripts
 * from the test resources, and ../shared (tools/make_ms.py) as surefire passes it in {@code vispark.shared}.
 */
public final class PythonReference {
    public static final String PYTHON = "/usr/bin/python3";

    private PythonReference() {}

    /** {@code ../shared}. */
    public static Path shared() {
        Path dir = Path.of(System.getProperty("vispark.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("tools"))) {
            throw new IllegalStateException("shared tools not found at " + dir + " (set -Dvispark.shared)");
        }
        return dir;
    }

    /** Copies the test resource {@code name} (e.g. "/astro/astropy_reference.py") into {@code dir}. */
    public static Path resource(String name, Path dir) throws IOException {
        Path out = dir.resolve(Path.of(name).getFileName().toString());
        try (InputStream in = PythonReference.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " missing");
            }
            Files.copy(in, out);
        }
        return out;
    }

    /** Runs {@code /usr/bin/python3 args...}; returns stdout; fails with its stderr when it fails. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("python-stderr", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "): " + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Writes an MS with ../shared/tools/make_ms.py and its options. */
    public static Path makeMs(Path out, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(shared().resolve("tools/make_ms.py").toString());
        args.add(out.toString());
        args.addAll(List.of(options));
        run(args.toArray(String[]::new));
        return out;
    }
}
