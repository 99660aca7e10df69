package org.vispark.formats.casacore.dm.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.DataFile;

/**
 * StandardStMan tables written by python-casacore ({@code ssm_cases.py}) read by vispark must give
 * what python-casacore reads: every scalar type, direct, fixed-shape and variable-shape arrays,
 * Strings in place and in string buckets, both byte orders, many buckets and indices.
 */
class StandardStManTest {
    @TempDir
    static Path work;

    @BeforeAll
    static void writeCases() throws Exception {
        SsmExpected.python(work, work.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalars_le", "scalars_be", "arrays_le", "arrays_be", "empty_le", "empty_be", "refilled_le",
        "refilled_be"})
    void readsWhatPythonCasacoreReads(String name) throws Exception {
        try (Table t = Table.open(work.resolve(name + ".tab"))) {
            assertEquals(name.endsWith("_be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, t.byteOrder());
            for (String column : t.columnNames()) {
                assertEquals("StandardStMan", t.dataManagerType(column), column);
            }
            int columns = SsmExpected.compare(t, work.resolve(name + ".expected"), 7);
            assertEquals(t.columnNames().size(), columns, "columns compared");
        }
    }

    @Test
    void casesCoverManyBucketsAndSeveralIndices() throws Exception {
        for (String name : List.of("scalars_le", "scalars_be")) {
            Path file = work.resolve(name + ".tab").resolve("table.f0");
            ByteOrder order = name.endsWith("_be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            AipsIoReader in = AipsIoReader.of(Files.readAllBytes(file), order, file);
            int version = in.getStart("StandardStMan");
            if (version >= 3) {
                in.readBool();
            }
            long bucketSize = in.readUInt();
            long buckets = in.readUInt();
            in.skip(12);
            long indexBuckets = in.readUInt();
            in.skip(12);
            long indexLength = in.readUInt();
            long indices = in.readUInt();
            assertEquals(256, bucketSize, name);
            assertTrue(buckets > 100, name + " has " + buckets + " buckets");
            assertTrue(indexBuckets > 1 && indexLength > bucketSize, name + " has an index over several buckets");
            assertEquals(2, indices, name + ": columns added later have an index of their own");
        }
    }

    @Test
    void rowRangeReadsOnlyItsBuckets() throws Exception {
        try (Table t = Table.open(work.resolve("scalars_le.tab"))) {
            TableColumn d = t.column("D");
            d.read(0, 1);
            long before = DataFile.totalBytesRead();
            double[] v = (double[]) d.read(200, 3);
            long read = DataFile.totalBytesRead() - before;
            assertEquals(3, v.length);
            assertTrue(read > 0 && read <= 3 * 256, "read " + read + " bytes for 3 rows of an 8-byte column");
            long fileSize = Files.size(t.path().resolve("table.f0"));
            assertTrue(read < fileSize / 50, "a row range must not read the whole file");
        }
    }

    @Test
    void truncatedBucketFileIsReportedWithItsName() throws Exception {
        Path copy = copyTable(work.resolve("scalars_le.tab"), work.resolve("truncated.tab"));
        try (RandomAccessFile f = new RandomAccessFile(copy.resolve("table.f0").toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        try (Table t = Table.open(copy)) {
            TableFormatException e = assertThrows(TableFormatException.class, () -> t.column("D").read(0, (int) t.rowCount()));
            assertTrue(e.getMessage().contains("table.f0"), e.getMessage());
        }
    }

    @Test
    void garbledHeaderIsReportedWithItsName() throws Exception {
        Path copy = copyTable(work.resolve("arrays_be.tab"), work.resolve("garbled.tab"));
        try (RandomAccessFile f = new RandomAccessFile(copy.resolve("table.f0").toFile(), "rw")) {
            f.seek(0);
            f.writeInt(0x12345678);
        }
        try (Table t = Table.open(copy)) {
            TableFormatException e = assertThrows(TableFormatException.class, () -> t.column("DIR_D"));
            assertTrue(e.getMessage().contains("table.f0"), e.getMessage());
        }
    }

    @Test
    void missingIndirectArrayFileIsReportedWithItsName() throws Exception {
        Path copy = copyTable(work.resolve("arrays_le.tab"), work.resolve("noarrays.tab"));
        Files.delete(copy.resolve("table.f0i"));
        try (Table t = Table.open(copy)) {
            TableFormatException e = assertThrows(TableFormatException.class, () -> t.column("VAR_D").read(0, 1));
            assertTrue(e.getMessage().contains("table.f0i"), e.getMessage());
            assertEquals(2.0 * 3, ((double[]) t.column("DIR_D").read(0, 1)).length, "direct arrays still read");
        }
    }

    private static Path copyTable(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
