package org.vispark.formats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The independent references tests compare against: Debian's python-casacore (run as
 * /usr/bin/python3) and the shared test data and tools beside the repository.
 */
public final class Reference {
    public static final String PYTHON = "/usr/bin/python3";

    private Reference() {}

    /** {@code ../shared} as surefire passes it; fails the test when it is missing. */
    public static Path shared() {
        String p = System.getProperty("vispark.shared", "../shared");
        Path dir = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("data"))) {
            throw new IllegalStateException("shared test data not found at " + dir
                    + " (clone the repository beside ../shared, or set -Dvispark.shared)");
        }
        return dir;
    }

    /** Every MS directory under shared/data/ms. */
    public static List<Path> sharedMeasurementSets() throws IOException {
        try (Stream<Path> s = Files.list(shared().resolve("data/ms"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Runs {@code /usr/bin/python3 args...}; returns stdout; fails with stderr when it fails. */
    public static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path err = Files.createTempFile("python-stderr", ".txt");
        pb.redirectError(err.toFile());
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(PYTHON + " not found: install Debian's python3 and python3-casacore", e);
        }
        byte[] out = proc.getInputStream().readAllBytes();
        if (!proc.waitFor(10, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (proc.exitValue() != 0) {
            String hint = stderr.contains("No module named 'casacore'")
                    ? " (install the reference: apt-get install -y python3-casacore)" : "";
            throw new IllegalStateException("failed" + hint + ": " + cmd + "\n" + stderr);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Runs a test-resource python script and parses its stdout as JSON. */
    public static JsonNode pythonJson(Path script, String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = script.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        return new ObjectMapper().readTree(python(all));
    }

    /** A test resource as a file path. */
    public static Path resource(String name) {
        try {
            return Path.of(Reference.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    /** Writes an MS with shared/tools/make_ms.py (real casacore) into {@code out}; extra args as make_ms.py takes them. */
    public static Path makeMs(Path out, String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 2];
        all[0] = shared().resolve("tools/make_ms.py").toString();
        all[1] = out.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        python(all);
        return out;
    }
}
