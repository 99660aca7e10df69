package org.vispark.formats.casacore;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;

/**
 * Every column of every table agrees with python-casacore bit for bit: the real MS and calibration
 * tables under shared/data and big-endian copies of them, MS written by shared/tools/make_ms.py with
 * tiled and standard storage managers, and the tables of make_test_tables.py (every storage manager,
 * value type and keyword form, both byte orders). For each table (and, recursively, each subtable its
 * keywords name) dump_reference.py writes digests of a canonical byte form of all cells, per row
 * digests, and the typed keywords; the Java reader's values are hashed the same way and compared per
 * column, naming the first differing row, then single rows are read again in a random order. Subtables
 * that a keyword names but that do not exist must fail to open with a {@link TableFormatException}
 * naming them.
 */
class ConformanceTest {
    private static final Duration PER_TABLE_LIMIT = Duration.ofSeconds(120);
    /** Row counts of successive read calls, so single rows, short and long ranges are all read. */
    private static final int[] CHUNK_ROWS = {1, 5, 64, 1000, 4096, 3};
    /** Where the 4-argument read writes its first value, in values. */
    private static final int OUT_OFFSET_VALUES = 3;
    /** Rows per column read again one at a time, in a random order. */
    private static final int RANDOM_ROWS = 200;

    @TempDir
    static Path tmp;

    /** Fails (never skips) when Debian's python3 with python-casacore, the reference, is not installed. */
    @BeforeAll
    static void requirePythonCasacore() throws IOException, InterruptedException {
        String hint = "the conformance reference is python-casacore under " + Reference.PYTHON
                + ": run `apt-get install -y python3-casacore`";
        Process p;
        try {
            p = new ProcessBuilder(Reference.PYTHON, "-c", "import casacore.tables").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(Reference.PYTHON + " cannot be started; " + hint, e);
            return;
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            fail("`" + Reference.PYTHON + " -c 'import casacore'` failed; " + hint + "\n" + output);
        }
    }

    @TestFactory
    Stream<DynamicNode> sharedData() throws IOException {
        return sharedRoots().stream().map(r -> container(r.getFileName().toString(), () -> r));
    }

    /** Every MS and calibration table under shared/data. */
    private static List<Path> sharedRoots() throws IOException {
        List<Path> roots = new ArrayList<>(Reference.sharedMeasurementSets());
        try (Stream<Path> s = Files.list(Reference.shared().resolve("data/caltables"))) {
            s.filter(Files::isDirectory).sorted().forEach(roots::add);
        }
        return roots;
    }

    /** Big-endian value copies (casacore's deep copy) of the shared MS and calibration tables and their subtables. */
    @TestFactory
    Stream<DynamicNode> bigEndianCopies() throws IOException {
        return sharedRoots().stream().map(r -> container("big-endian " + r.getFileName(), () -> {
            Path copy = tmp.resolve("big-endian").resolve(r.getFileName());
            Files.createDirectories(copy.getParent());
            Reference.python(Reference.resource("casacore/copy_big_endian.py").toString(), r.toString(),
                    copy.toString());
            return copy;
        }));
    }

    @TestFactory
    Stream<DynamicNode> makeMsTables() {
        return Stream.of("tiled", "standard").map(dm -> container("make_ms --dm " + dm, () -> Reference.makeMs(
                tmp.resolve("make_ms_" + dm + ".ms"), "--dm", dm, "--nant", "10", "--nchan", "16", "--ntime", "6")));
    }

    @TestFactory
    Stream<DynamicNode> generatedTables() throws Exception {
        Path out = tmp.resolve("generated");
        String names = Reference.python(Reference.resource("casacore/make_test_tables.py").toString(), out.toString());
        List<String> tables = names.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (tables.size() < 10) {
            fail("make_test_tables.py listed only " + tables);
        }
        return tables.stream().map(n -> container(n, () -> out.resolve(n)));
    }

    /** Supplies a table directory, possibly by running a generator. */
    @FunctionalInterface
    interface TableSource {
        Path get() throws Exception;
    }

    /** A container whose reference dump runs when JUnit executes it, with one test per (sub)table. */
    private static DynamicContainer container(String name, TableSource source) {
        return DynamicContainer.dynamicContainer(name, Stream.of(source).flatMap(s -> {
            try {
                Path root = s.get();
                Path json = tmp.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".reference.json");
                Reference.python(Reference.resource("casacore/dump_reference.py").toString(), root.toString(),
                        json.toString());
                JsonNode ref = new ObjectMapper().readTree(json.toFile());
                List<DynamicTest> tests = new ArrayList<>();
                for (JsonNode entry : ref.get("tables")) {
                    String label = name + "/" + entry.get("path").asText();
                    tests.add(DynamicTest.dynamicTest(label, () -> assertTimeoutPreemptively(PER_TABLE_LIMIT,
                            () -> checkTable(root, entry, label))));
                }
                return tests.stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(name + ": " + e.getMessage(), e);
            }
        }));
    }

    private static void checkTable(Path root, JsonNode entry, String label) throws IOException {
        List<String> failures = new ArrayList<>();
        List<Table> opened = new ArrayList<>();
        try {
            Table t = Table.open(root);
            opened.add(t);
            for (JsonNode kw : entry.get("keywordPath")) {
                t = t.subtable(kw.asText());
                opened.add(t);
            }
            compareTable(t, entry, failures);
        } finally {
            for (Table t : opened) {
                t.close();
            }
        }
        if (!failures.isEmpty()) {
            fail(label + " (" + failures.size() + " differences from python-casacore):\n  "
                    + String.join("\n  ", failures));
        }
    }

    private static void compareTable(Table t, JsonNode entry, List<String> failures) {
        expect(failures, "row count", entry.get("rows").asLong(), t.rowCount());
        List<String> columns = new ArrayList<>();
        entry.get("columns").forEach(c -> columns.add(c.asText()));
        expect(failures, "columns", columns, t.columnNames());
        String endian = t.byteOrder() == ByteOrder.BIG_ENDIAN ? "big" : "little";
        expect(failures, "byte order", entry.get("endian").asText(), endian);
        JsonNode info = entry.get("info");
        expect(failures, "table.info type", info.get("type").asText(), t.info().type());
        expect(failures, "table.info subType", info.get("subType").asText(), t.info().subType());
        expect(failures, "table.info readme", info.get("readme").asText(), t.info().readme());
        failures.addAll(KeywordComparison.compare("table keywords", entry.get("keywords"), t.keywords(), t.path()));
        List<String> subtableKeywords = new ArrayList<>();
        for (JsonNode s : entry.get("subtables")) {
            subtableKeywords.add(s.get("keyword").asText());
            if (!s.get("exists").asBoolean()) {
                checkMissingSubtable(t, s.get("keyword").asText(), s.get("path").asText(), failures);
            }
        }
        expect(failures, "subtable keywords", subtableKeywords, t.subtableKeywords());
        for (JsonNode c : entry.get("columnData")) {
            String name = c.get("name").asText();
            if (!t.hasColumn(name)) {
                failures.add("column " + name + " is missing");
                continue;
            }
            try {
                compareColumn(t, c, failures);
            } catch (Exception | StackOverflowError e) {
                failures.add("column " + name + ": reading failed with " + StackSummary.describe(e));
            }
        }
    }

    private static void checkMissingSubtable(Table t, String keyword, String path, List<String> failures) {
        String name = Path.of(path).getFileName().toString();
        try (Table sub = t.subtable(keyword)) {
            failures.add("subtable " + keyword + " (" + path + ") does not exist, but opened as " + sub);
        } catch (TableFormatException e) {
            if (!e.getMessage().contains(name)) {
                failures.add("missing subtable " + keyword + ": message does not name " + name + ": " + e.getMessage());
            }
        } catch (Exception e) {
            failures.add("missing subtable " + keyword + ": expected TableFormatException, got " + e);
        }
    }

    private static void compareColumn(Table t, JsonNode ref, List<String> failures) throws IOException {
        String name = ref.get("name").asText();
        ColumnDesc desc = t.columnDesc(name);
        String where = "column " + name;
        expect(failures, where + " data type", ref.get("dataType").asText(), typeName(desc.dataType()));
        expect(failures, where + " isArray", ref.get("isArray").asBoolean(), desc.isArray());
        JsonNode d = ref.get("desc");
        if (desc.isArray()) {
            expect(failures, where + " ndim", d.get("ndim").asInt(), desc.ndim());
        }
        expect(failures, where + " fixed shape", Arrays.toString(KeywordComparison.ints(d.get("shape"))),
                Arrays.toString(desc.shape()));
        expect(failures, where + " options", d.get("options").asInt(), desc.options());
        expect(failures, where + " maxLength", d.get("maxLength").asInt(), desc.maxLength());
        expect(failures, where + " comment", d.get("comment").asText(), desc.comment());
        failures.addAll(KeywordComparison.compare(where + " keywords", ref.get("keywords"), desc.keywords(),
                t.path()));
        TableColumn c = t.column(name);
        expect(failures, where + " data manager", ref.get("dataManagerType").asText(), c.dataManagerType());

        JsonNode rowDigests = ref.get("rowDigests");
        MessageDigest total = CanonicalCells.sha256();
        CanonicalCells cells = new CanonicalCells();
        DataType type = desc.dataType();
        int k = type == DataType.RECORD ? 1 : type.elementsPerValue();
        long rows = t.rowCount();
        long row = 0;
        int call = 0;
        String firstDifference = null;
        while (row < rows) {
            int n = (int) Math.min(CHUNK_ROWS[call % CHUNK_ROWS.length], rows - row);
            int[][] shapes = new int[n][];
            long values = 0;
            for (int i = 0; i < n; i++) {
                shapes[i] = c.shape(row + i);
                if (shapes[i] != null) {
                    values += TableColumn.cellSize(shapes[i]);
                }
            }
            Object out;
            int firstValue;
            if (call % 2 == 0) {
                out = c.read(row, n);
                firstValue = 0;
                int length = Array.getLength(out);
                if (length != values * k) {
                    failures.add(where + ": read(" + row + ", " + n + ") gave " + length + " elements, shapes say "
                            + values * k);
                    return;
                }
            } else {
                out = type.newArray((int) values + OUT_OFFSET_VALUES);
                c.read(row, n, out, OUT_OFFSET_VALUES * k);
                firstValue = OUT_OFFSET_VALUES;
            }
            for (int i = 0; i < n; i++) {
                cells.reset();
                if (shapes[i] == null) {
                    cells.undefined();
                } else {
                    cells.cell(type, shapes[i], out, firstValue);
                    firstValue += (int) TableColumn.cellSize(shapes[i]);
                }
                byte[] b = cells.bytes();
                total.update(b);
                long r = row + i;
                if (firstDifference == null && r < rowDigests.size()) {
                    String expected = rowDigests.get((int) r).asText();
                    String actual = CanonicalCells.rowDigest(b);
                    if (!expected.equals(actual)) {
                        firstDifference = "first differing row " + r + " of " + rows + " (row digest " + actual
                                + ", expected " + expected + "; Java cell: "
                                + describe(type, shapes[i], out, firstValue) + ")";
                    }
                }
            }
            row += n;
            call++;
        }
        String digest = HexFormat.of().formatHex(total.digest());
        if (!digest.equals(ref.get("digest").asText()) || rows != rowDigests.size()) {
            failures.add(where + " (" + type + ", " + c.dataManagerType() + "): values differ: "
                    + (firstDifference != null ? firstDifference : "digest " + digest + ", expected "
                            + ref.get("digest").asText() + " over " + rowDigests.size() + " rows"));
            return;
        }
        readRandomRows(c, rowDigests, where, failures);
    }

    /**
     * Reads single rows in a random order (after the sequential pass filled the caches with other
     * buckets and tiles) and compares each with its reference row digest.
     */
    private static void readRandomRows(TableColumn c, JsonNode rowDigests, String where, List<String> failures)
            throws IOException {
        Random rnd = new Random(where.hashCode());
        CanonicalCells cells = new CanonicalCells();
        int n = rowDigests.size();
        for (int i = 0; i < Math.min(n, RANDOM_ROWS); i++) {
            int r = rnd.nextInt(n);
            int[] shape = c.shape(r);
            cells.reset();
            if (shape == null) {
                cells.undefined();
            } else {
                cells.cell(c.dataType(), shape, c.read(r, 1), 0);
            }
            String actual = CanonicalCells.rowDigest(cells.bytes());
            if (!actual.equals(rowDigests.get(r).asText())) {
                failures.add(where + ": row " + r + " read alone after " + i + " other random rows differs (row digest "
                        + actual + ", expected " + rowDigests.get(r).asText() + "), though the sequential read agreed");
                return;
            }
        }
    }

    /** Shape and first values of a cell that ends just before value {@code end} of {@code out}. */
    private static String describe(DataType type, int[] shape, Object out, int end) {
        if (shape == null) {
            return "undefined";
        }
        int k = type == DataType.RECORD ? 1 : type.elementsPerValue();
        int n = (int) TableColumn.cellSize(shape);
        int from = (end - n) * k;
        List<String> first = new ArrayList<>();
        for (int i = from; i < Math.min(end * k, from + 8); i++) {
            first.add(String.valueOf(Array.get(out, i)));
        }
        return "shape " + Arrays.toString(shape) + ", values " + first + (n * k > 8 ? "..." : "");
    }

    private static String typeName(DataType t) {
        return KeywordComparison.typeName(new TableRecord.Field("", t, false, null, ""));
    }

    private static void expect(List<String> failures, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": " + actual + ", expected " + expected);
        }
    }
}
