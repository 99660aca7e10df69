package org.vispark.formats.casacore.write;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;

/**
 * Writes the files that describe a casacore table, {@code table.dat} and {@code table.info}, for a table of
 * keywords without columns (the form casacore gives, for instance, an empty sub-table placeholder or a table
 * that only carries a keyword set).
 *
 * <p>{@code table.dat} (big-endian AipsIO, as {@link org.vispark.formats.casacore.Table} reads it): object
 * "Table" version 2 with the uInt row count, uInt 0 or 1 (big- or little-endian data files), "PlainTable",
 * a "TableDesc" (version 2: name, version text, comment, the keywords as a TableRecord, empty private keywords,
 * uInt 0 columns), then the column set: Int -2 (its version, negated), uInt row count, uInt data-manager
 * sequence counter 0, uInt 0 data managers. {@code table.info}: {@code Type = ...}, {@code SubType = ...},
 * an empty line, then free text.
 */
public final class TableFiles {
    private TableFiles() {}

    /** The bytes of {@code table.dat} of a column-less table with {@code keywords}. */
    public static byte[] tableDat(long rowCount, String descName, TableRecord keywords) {
        return TableDatEncoder.encode(rowCount, ByteOrder.LITTLE_ENDIAN, descName, keywords, List.of(), List.of());
    }

    /** The text of {@code table.info}. */
    public static String tableInfo(TableInfo info) {
        return "Type = " + info.type() + "\nSubType = " + info.subType() + "\n\n" + info.readme();
    }

    /**
     * Writes a column-less table with {@code keywords} at {@code dir}: into a sibling temporary directory first,
     * renamed to {@code dir} once complete. An existing {@code dir} is an error unless {@code overwrite}.
     */
    public static void writeKeywordTable(Path dir, String descName, TableRecord keywords, TableInfo info,
            boolean overwrite) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !overwrite) {
            throw new IOException(target + " already exists (overwrite not requested)");
        }
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".writing-");
        try {
            Files.write(tmp.resolve("table.dat"), tableDat(0, descName, keywords));
            Files.writeString(tmp.resolve("table.info"), tableInfo(info), StandardCharsets.ISO_8859_1);
            if (Files.exists(target)) {
                DirectoryTrees.delete(target);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            DirectoryTrees.delete(tmp);
            throw e;
        }
    }
}
