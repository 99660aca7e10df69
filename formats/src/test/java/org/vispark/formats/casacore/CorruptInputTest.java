package org.vispark.formats.casacore;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;

/**
 * Damaged tables never crash the reader. Copies of the main table of a real MS (OVRO-LWA: incremental,
 * standard, tiled column and tiled shape storage managers), of a make_ms.py MS and of five
 * make_test_tables.py tables (StandardStMan with strings, indirect arrays and records; big-endian
 * TiledShapeStMan with several hypercubes and IncrementalStMan; an edited table; fixed-length strings)
 * are damaged in many ways: table.dat truncated at 40 lengths, every data file and table.lock truncated
 * at several lengths, files missing, random blocks and header ints overwritten (seeded), row counts
 * changed, tile files replaced by noise or grown, a foreign table.dat, directories that are not tables.
 * Opening each variant and reading every column must either succeed or throw an IOException naming a
 * file of the table, within a time limit; truncated or missing data files must be reported naming that
 * file, truncated ones as {@link TableFormatException}. Any other exception, OutOfMemoryError or a hang
 * fails the test. {@code -Dvispark.corrupt.scale=N} multiplies the number of random variants (deeper
 * local runs).
 */
class CorruptInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final int TABLE_DAT_LENGTHS = 40;
    private static final int READ_CHUNK_ROWS = 64;
    private static final int SCALE = Integer.getInteger("vispark.corrupt.scale", 1);
    private static final int GARBAGE_PER_DATA_FILE = 5 * SCALE;
    private static final int EXTREME_INTS_PER_FILE = 4 * SCALE;
    /** Where extreme ints go in data files: their headers. */
    private static final long HEADER_BYTES = 512;
    /**
     * Every int in the first bytes of each data file (version, sizes, counts, the first array's shape
     * in an indirect-array file) is set in turn to 7, in either byte order: a wrong value that passes
     * naive range checks.
     */
    private static final long SWEEP_BYTES = 32;

    @TempDir
    static Path tmp;

    /** What a variant must give. */
    private enum Expect {
        /** Success, or an IOException naming a file of the table. */
        SUCCESS_OR_IO_ERROR,
        /** An IOException naming the damaged file. */
        IO_ERROR,
        /** A TableFormatException naming the damaged file. */
        FORMAT_ERROR
    }

    /**
     * One damaged table: a directory made from the base table by {@code damage}, which changes a copy
     * of {@code file} (hard links to the base share the other files) and may delete files.
     */
    private record Variant(String description, String file, Consumer<Path> damage, Expect expect) {}

    @Test
    void ovroLwaMeasurementSet() throws Exception {
        Path ms = Reference.shared().resolve("data/ms/2018-03-21-01_26_33_0004384620257280_000000_downselected.ms");
        assertNoFailures(run("ovro", ms, 1));
    }

    @Test
    void makeMsTiledMeasurementSet() throws Exception {
        Path ms = Reference.makeMs(tmp.resolve("source-tiled.ms"), "--dm", "tiled", "--nant", "10", "--nchan", "16",
                "--ntime", "6");
        assertNoFailures(run("make_ms", ms, 2));
    }

    /**
     * make_test_tables.py's StandardStMan table (strings, indirect arrays, records), big-endian
     * TiledShapeStMan and IncrementalStMan tables, the edited table (rows removed and added, columns
     * added in new data managers) and the fixed-length strings table.
     */
    @Test
    void generatedTables() throws Exception {
        Path out = tmp.resolve("generated");
        Reference.python(Reference.resource("casacore/make_test_tables.py").toString(), out.toString());
        List<String> failures = new ArrayList<>(run("ssm", out.resolve("ssm"), 3));
        failures.addAll(run("tsm_shape_be", out.resolve("tsm_shape_be"), 4));
        failures.addAll(run("ism_be", out.resolve("ism_be"), 5));
        failures.addAll(run("edited", out.resolve("edited"), 6));
        failures.addAll(run("fixed_strings", out.resolve("fixed_strings"), 7));
        assertNoFailures(failures);
    }

    @Test
    void directoriesThatAreNotTables() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-table/empty"));
        Path text = Files.createDirectories(tmp.resolve("not-a-table/text"));
        Files.writeString(text.resolve("table.dat"), "this is not a casacore table\n");
        Path zeros = Files.createDirectories(tmp.resolve("not-a-table/zeros"));
        Files.write(zeros.resolve("table.dat"), new byte[4096]);
        Path notDir = Files.writeString(tmp.resolve("not-a-table/plain-file"), "x");
        Path absent = tmp.resolve("not-a-table/absent");
        List<String> failures = new ArrayList<>();
        for (Path p : List.of(empty, text, zeros, notDir, absent)) {
            String outcome = check(p, p.getFileName().toString(), Expect.IO_ERROR);
            if (outcome.startsWith("FAIL")) {
                failures.add(p + ": " + outcome);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void assertNoFailures(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " damaged variants misbehaved:\n  " + String.join("\n  ", failures));
        }
    }

    /** Tries every variant of the main table at {@code source}; returns the misbehaving ones. */
    private static List<String> run(String name, Path source, long seed) throws Exception {
        Path base = tmp.resolve(name + "-base");
        Files.createDirectories(base);
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(source)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                Files.copy(p, base.resolve(p.getFileName()));
                base.resolve(p.getFileName()).toFile().setWritable(true);
                files.add(p.getFileName().toString());
            }
        }
        readEverything(base); // the undamaged copy must read
        Path foreignDat;
        try (Stream<Path> s = Files.list(source)) {
            foreignDat = s.map(p -> p.resolve("table.dat")).filter(Files::isRegularFile).sorted().findFirst()
                    .orElse(null);
        }
        List<Variant> variants = variants(base, files, foreignDat, new Random(seed));
        List<String> failures = new ArrayList<>();
        int ok = 0;
        int formatErrors = 0;
        int ioErrors = 0;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            Path dir = tmp.resolve(name + "-v" + i);
            Files.createDirectories(dir);
            for (String f : files) {
                if (!f.equals(v.file())) {
                    Files.createLink(dir.resolve(f), base.resolve(f));
                }
            }
            Files.copy(base.resolve(v.file()), dir.resolve(v.file()));
            dir.resolve(v.file()).toFile().setWritable(true);
            v.damage().accept(dir);
            String outcome = check(dir, v.file(), v.expect());
            if (outcome.startsWith("FAIL")) {
                failures.add(v.description() + ": " + outcome);
            } else if (outcome.startsWith("ok")) {
                ok++;
            } else if (outcome.startsWith("TableFormatException")) {
                formatErrors++;
            } else {
                ioErrors++;
            }
            deleteTree(dir);
        }
        System.out.printf("CorruptInputTest %s: %d damaged variants tried: %d read, %d TableFormatException, "
                + "%d other IOException, %d failures%n", name, variants.size(), ok, formatErrors, ioErrors,
                failures.size());
        return failures.stream().map(f -> name + ": " + f).toList();
    }

    /** The variants of {@code base}; {@code foreignDat} is the table.dat of another table, or null. */
    private static List<Variant> variants(Path base, List<String> files, Path foreignDat, Random rnd)
            throws IOException {
        List<Variant> out = new ArrayList<>();
        long datLength = Files.size(base.resolve("table.dat"));
        for (int i = 0; i < TABLE_DAT_LENGTHS; i++) {
            long len = datLength * i / TABLE_DAT_LENGTHS;
            out.add(new Variant("table.dat truncated to " + len + " of " + datLength + " bytes", "table.dat",
                    d -> truncate(d.resolve("table.dat"), len), Expect.FORMAT_ERROR));
        }
        out.add(new Variant("table.dat missing", "table.dat", d -> delete(d.resolve("table.dat")), Expect.IO_ERROR));
        for (int i = 0; i < 2 * GARBAGE_PER_DATA_FILE; i++) {
            out.add(garbage("table.dat", Files.size(base.resolve("table.dat")), rnd));
        }
        if (foreignDat != null) {
            out.add(new Variant("table.dat of subtable " + foreignDat.getParent().getFileName()
                    + " (other columns and storage managers)", "table.dat",
                    d -> copy(foreignDat, d.resolve("table.dat")), Expect.SUCCESS_OR_IO_ERROR));
        }
        for (int i = 0; i < EXTREME_INTS_PER_FILE * 2; i++) {
            out.add(extremeInt("table.dat", datLength, datLength, rnd));
        }
        out.addAll(rowCountVariants(base));
        if (files.contains("table.lock")) {
            long size = Files.size(base.resolve("table.lock"));
            for (long len : new long[] {0, 100, 264, 280, 290, size - 1}) {
                out.add(new Variant("table.lock truncated to " + len + " of " + size + " bytes", "table.lock",
                        d -> truncate(d.resolve("table.lock"), len), Expect.SUCCESS_OR_IO_ERROR));
            }
            out.add(new Variant("table.lock missing", "table.lock", d -> delete(d.resolve("table.lock")),
                    Expect.SUCCESS_OR_IO_ERROR));
            for (int i = 0; i < GARBAGE_PER_DATA_FILE; i++) {
                out.add(garbage("table.lock", size, rnd));
            }
        }
        for (String f : files) {
            if (!f.startsWith("table.f")) {
                continue;
            }
            for (int i = 0; i < EXTREME_INTS_PER_FILE; i++) {
                out.add(extremeInt(f, Files.size(base.resolve(f)), HEADER_BYTES, rnd));
            }
            for (long offset = 0; offset + 4 <= Math.min(SWEEP_BYTES, Files.size(base.resolve(f))); offset += 4) {
                long at = offset;
                for (byte[] seven : new byte[][] {{0, 0, 0, 7}, {7, 0, 0, 0}}) {
                    out.add(new Variant(f + " int at byte " + at + " set to 7 (" + (seven[3] == 7 ? "big" : "little")
                            + "-endian)", f, d -> overwrite(d.resolve(f), at, seven), Expect.SUCCESS_OR_IO_ERROR));
                }
            }
            long size = Files.size(base.resolve(f));
            for (long len : new long[] {0, 1, size / 4, size / 2, size * 3 / 4, size - 1}) {
                if (len < size) {
                    out.add(new Variant(f + " truncated to " + len + " of " + size + " bytes", f,
                            d -> truncate(d.resolve(f), len), Expect.FORMAT_ERROR));
                }
            }
            out.add(new Variant(f + " missing", f, d -> delete(d.resolve(f)), Expect.IO_ERROR));
            for (int i = 0; i < GARBAGE_PER_DATA_FILE; i++) {
                out.add(garbage(f, size, rnd));
            }
            if (f.contains("_TSM")) {
                long noiseSeed = rnd.nextLong();
                out.add(new Variant(f + " replaced by noise", f, d -> overwrite(d.resolve(f), 0,
                        noise(new Random(noiseSeed), (int) size)), Expect.SUCCESS_OR_IO_ERROR));
                out.add(new Variant(f + " with trailing bytes", f, d -> append(d.resolve(f), new byte[1000]),
                        Expect.SUCCESS_OR_IO_ERROR));
            }
        }
        return out;
    }

    /**
     * The row count in table.lock (which casacore prefers) and in table.dat (with the lock removed) set
     * to values from 0 to 2^32-1: more rows than the storage managers hold must not make the reader
     * hang or allocate without bound.
     */
    private static List<Variant> rowCountVariants(Path base) throws IOException {
        List<Variant> out = new ArrayList<>();
        ByteBuffer dat = ByteBuffer.wrap(Files.readAllBytes(base.resolve("table.dat")));
        // AipsIO: magic, length, "Table" (uInt length + 5 chars), version, row count (uInt; uInt64 from version 3)
        assertTrue(dat.getInt(0) == 0xbebebebe && dat.getInt(8) == 5, "unexpected table.dat header");
        int datVersion = dat.getInt(17);
        long rows = datVersion >= 3 ? dat.getLong(21) : Integer.toUnsignedLong(dat.getInt(21));
        long[] counts = {0, 1, rows + 1, 2 * rows + 7, Integer.MAX_VALUE, 0xffffffffL};
        for (long n : counts) {
            String what = "table.dat row count " + n + " (of " + rows + "), table.lock removed";
            out.add(new Variant(what, "table.dat", d -> {
                overwrite(d.resolve("table.dat"), 21, count(n, datVersion >= 3));
                delete(d.resolve("table.lock"));
            }, Expect.SUCCESS_OR_IO_ERROR));
        }
        Path lockFile = base.resolve("table.lock");
        if (Files.isRegularFile(lockFile)) {
            ByteBuffer lock = ByteBuffer.wrap(Files.readAllBytes(lockFile));
            // 65 Int request list, uInt info length, then AipsIO "sync": magic, length, "sync", version, row count
            assertTrue(lock.getInt(264) == 0xbebebebe && lock.getInt(272) == 4, "unexpected table.lock layout");
            int lockVersion = lock.getInt(280);
            for (long n : counts) {
                out.add(new Variant("table.lock row count " + n + " (of " + rows + ")", "table.lock",
                        d -> overwrite(d.resolve("table.lock"), 284, count(n, lockVersion >= 2)),
                        Expect.SUCCESS_OR_IO_ERROR));
            }
        }
        return out;
    }

    private static byte[] count(long n, boolean wide) {
        ByteBuffer b = ByteBuffer.allocate(wide ? 8 : 4);
        if (wide) {
            b.putLong(n);
        } else {
            b.putInt((int) n);
        }
        return b.array();
    }

    /** A 4-byte aligned int in the first {@code range} bytes set to an extreme (counts, sizes, offsets). */
    private static Variant extremeInt(String file, long size, long range, Random rnd) {
        int[] extremes = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x00010000, 0};
        long offset = 4L * (long) (rnd.nextDouble() * (Math.min(size, range) / 4));
        int value = extremes[rnd.nextInt(extremes.length)];
        byte[] b = ByteBuffer.allocate(4).putInt(value).array();
        return new Variant(file + " int at byte " + offset + " set to " + value, file,
                d -> overwrite(d.resolve(file), offset, b), Expect.SUCCESS_OR_IO_ERROR);
    }

    /** 1 to 3 blocks of 1..64 random bytes (or 0xFF, which makes large counts) at random offsets. */
    private static Variant garbage(String file, long size, Random rnd) {
        int blocks = 1 + rnd.nextInt(3);
        long[] offsets = new long[blocks];
        byte[][] bytes = new byte[blocks][];
        StringBuilder what = new StringBuilder();
        for (int b = 0; b < blocks; b++) {
            offsets[b] = size == 0 ? 0 : (long) (rnd.nextDouble() * size);
            int n = (int) Math.max(0, Math.min(1 + rnd.nextInt(64), size - offsets[b]));
            bytes[b] = rnd.nextBoolean() ? noise(rnd, n) : filled(n, (byte) 0xFF);
            what.append(b == 0 ? "" : ", ").append(n).append(" bytes at ").append(offsets[b]);
        }
        return new Variant(file + " overwritten: " + what, file, d -> {
            for (int b = 0; b < blocks; b++) {
                overwrite(d.resolve(file), offsets[b], bytes[b]);
            }
        }, Expect.SUCCESS_OR_IO_ERROR);
    }

    /**
     * Opens {@code dir} and reads everything under the time limit; returns "ok", the exception's class
     * and message, or "FAIL: ..." when the outcome breaks the expectation.
     */
    private static String check(Path dir, String damagedName, Expect expect) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    readEverything(dir);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
        } catch (Throwable timeout) {
            return "FAIL: " + timeout.getMessage();
        }
        Throwable t = thrown.get();
        if (t == null) {
            return expect == Expect.SUCCESS_OR_IO_ERROR ? "ok" : "FAIL: read without error, expected "
                    + (expect == Expect.FORMAT_ERROR ? "TableFormatException" : "IOException") + " naming "
                    + damagedName;
        }
        String message = String.valueOf(t.getMessage());
        if (!(t instanceof IOException)) {
            return "FAIL: " + StackSummary.describe(t);
        }
        if (expect == Expect.FORMAT_ERROR && !(t instanceof TableFormatException)) {
            return "FAIL: expected TableFormatException, got " + StackSummary.describe(t);
        }
        String mustName = expect == Expect.SUCCESS_OR_IO_ERROR ? dir.getFileName().toString() : damagedName;
        if (!message.contains(mustName)) {
            return "FAIL: message does not name " + mustName + ": " + StackSummary.describe(t);
        }
        return t.getClass().getSimpleName() + ": " + message;
    }

    /** Opens the table and reads all keywords, shapes and cells of every column. */
    private static void readEverything(Path dir) throws IOException {
        try (Table t = Table.open(dir)) {
            t.keywords();
            t.info();
            long rows = t.rowCount();
            for (String name : t.columnNames()) {
                TableColumn c = t.column(name);
                for (long r = 0; r < rows; r += READ_CHUNK_ROWS) {
                    int n = (int) Math.min(READ_CHUNK_ROWS, rows - r);
                    for (int i = 0; i < n; i++) {
                        c.shape(r + i);
                    }
                    c.read(r, n);
                }
            }
        }
    }

    private static byte[] noise(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, value);
        return b;
    }

    private static void truncate(Path file, long length) {
        try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void overwrite(Path file, long offset, byte[] bytes) {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
