package org.vispark.jobs.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * What the jobs tests need: the shared test data, python-casacore (Debian's, as /usr/bin/python3) as
 * the reference, MS written by ../shared/tools/make_ms.py, and a small local Spark session.
 */
public final class TestData {
    public static final String PYTHON = "/usr/bin/python3";

    private TestData() {}

    /** {@code ../shared} as surefire passes it. */
    public static Path shared() {
        Path dir = Path.of(System.getProperty("vispark.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("data"))) {
            throw new IllegalStateException("shared test data not found at " + dir + " (set -Dvispark.shared)");
        }
        return dir;
    }

    /** Every MS directory under shared/data/ms. */
    public static List<Path> sharedMeasurementSets() throws IOException {
        try (Stream<Path> s = Files.list(shared().resolve("data/ms"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Writes an MS with make_ms.py (its options as given) and returns it. */
    public static Path makeMs(Path out, String... options) throws IOException, InterruptedException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> args = new ArrayList<>();
        args.add(shared().resolve("tools/make_ms.py").toString());
        args.add(out.toString());
        args.addAll(List.of(options));
        python(args.toArray(String[]::new));
        return out;
    }

    /** Runs {@code /usr/bin/python3 args...}; returns stdout; fails with its stderr when it fails. */
    public static String python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("python-stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("failed (python3-casacore installed?): " + cmd + "\n" + stderr);
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A test resource as a file. */
    public static Path resource(String name) {
        try {
            return Path.of(TestData.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    /** Copies a directory tree. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** A local[2] session for one test class (stop it in @AfterAll). */
    public static SparkSession spark(String name) {
        return SparkSession.builder().master("local[2]").appName(name)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.debug.maxToStringFields", "200")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/vispark-test-warehouse")
                .getOrCreate();
    }
}
