package org.vispark.formats.casacore.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;

/**
 * Writes a new casacore table (a plain table that casacore, python-casacore and wsclean open), rows appended in
 * blocks; the row count need not be known in advance.
 *
 * <p>Storage: the {@link ColumnSpec.Storage#STANDARD} columns share one StandardStMan (data manager 0), each
 * {@link ColumnSpec.Storage#TILED} column has a TiledColumnStMan of its own. Data files are little-endian
 * (casacore's choice on little-endian hosts); {@code table.dat} is big-endian AipsIO as always. No
 * {@code table.lock} is written (casacore creates it when it opens the table).
 *
 * <p>Values are given per column in the flat Java array form of {@link DataType#newArray} (Complex as
 * interleaved re, im {@code float[]}, Bool as {@code boolean[]}, String as {@code String[]}), cells in row
 * order, each cell in casacore order (first axis fastest: a DATA cell {@code [npol, nchan]} is polarization
 * fastest). Memory is bounded: one StandardStMan bucket and one tile per tiled column are held.
 *
 * <p>The table is written into a hidden sibling directory and renamed to its name by {@link #commit()};
 * {@link #close()} without a commit (e.g. after an exception) deletes it, so a table directory of that name
 * exists only complete. Sub-tables are written with their own writers into {@link #workingDir()} before the
 * commit, and referenced by table keywords holding {@code TableReference("././NAME")}.
 */
public final class TableWriter implements Closeable {
    /**
     * @param overwrite replace an existing table of that name (at commit)
     * @param rowsHint  expected number of rows, 0 when unknown (only used to keep tiles of small tables small)
     */
    public record Options(boolean overwrite, long rowsHint) {
        public static final Options DEFAULT = new Options(false, 0);
    }

    private static final ByteOrder DATA_ORDER = ByteOrder.LITTLE_ENDIAN;

    private final Path target;
    private final Path work;
    private final List<ColumnSpec> columns;
    private final TableRecord keywords;
    private final TableInfo info;
    private final String descName;
    private final boolean overwrite;
    private final List<StorageManagerWriter> managers = new ArrayList<>();
    private long rows;
    private boolean done;

    private TableWriter(Path target, Path work, String descName, List<ColumnSpec> columns, TableRecord keywords,
            TableInfo info, boolean overwrite) {
        this.target = target;
        this.work = work;
        this.descName = descName;
        this.columns = List.copyOf(columns);
        this.keywords = keywords;
        this.info = info;
        this.overwrite = overwrite;
    }

    /**
     * Starts writing a table at {@code dir}.
     *
     * @param descName name of the table description (e.g. "MS"; may be empty)
     * @throws IOException when {@code dir} exists and {@code options.overwrite()} is false, or the directory
     *                     cannot be created; the message names the path
     */
    public static TableWriter create(Path dir, String descName, List<ColumnSpec> columns, TableRecord keywords,
            TableInfo info, Options options) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Set<String> names = new HashSet<>();
        for (ColumnSpec c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException(target + ": column " + c.name() + " is given twice");
            }
        }
        if (Files.exists(target) && !options.overwrite()) {
            throw new IOException(target + " already exists (overwrite not requested)");
        }
        Path parent = target.getParent();
        Path work;
        try {
            work = Files.createTempDirectory(parent, "." + target.getFileName() + ".writing-");
        } catch (IOException e) {
            throw new IOException("cannot write table " + target + ": cannot create a directory in " + parent + ": "
                    + e, e);
        }
        TableWriter w = new TableWriter(target, work, descName, columns, keywords, info, options.overwrite());
        try {
            w.openManagers(options.rowsHint());
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    private void openManagers(long rowsHint) throws IOException {
        List<ColumnSpec> standard = columns.stream().filter(c -> c.storage() == ColumnSpec.Storage.STANDARD).toList();
        if (!standard.isEmpty()) {
            managers.add(new StandardStManWriter(work.resolve("table.f0"), StandardStManWriter.TYPE, standard,
                    DATA_ORDER));
        }
        for (ColumnSpec c : columns) {
            if (c.storage() == ColumnSpec.Storage.TILED) {
                managers.add(new TiledColumnWriter(work, managers.size(), c, DATA_ORDER, rowsHint));
            }
        }
    }

    /** The directory being written (sub-tables go here, as {@code workingDir().resolve(name)}). */
    public Path workingDir() {
        return work;
    }

    /** The final directory of the table. */
    public Path path() {
        return target;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    /** Rows appended so far. */
    public long rowCount() {
        return rows;
    }

    /**
     * Appends {@code nRows} rows; {@code values} maps every column name to its values for these rows (see the
     * class comment for their form).
     */
    public void append(int nRows, Map<String, ?> values) throws IOException {
        if (done) {
            throw new IllegalStateException(target + ": the table is already committed or closed");
        }
        if (nRows < 0 || rows + nRows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(target + ": cannot append " + nRows + " rows to " + rows);
        }
        for (String name : values.keySet()) {
            if (columns.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException(target + ": no column " + name);
            }
        }
        for (ColumnSpec c : columns) {
            if (!values.containsKey(c.name())) {
                throw new IllegalArgumentException(target + ": no values given for column " + c.name());
            }
            ValueCodec.check(c.name(), c.type(), values.get(c.name()), (long) nRows * c.cellElements());
            if (c.type() == DataType.STRING) {
                for (String s : (String[]) values.get(c.name())) {
                    if (s == null) {
                        throw new IllegalArgumentException(target + ": column " + c.name() + " has a null string");
                    }
                }
            }
        }
        for (StorageManagerWriter m : managers) {
            Object[] v = new Object[m.columns().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(m.columns().get(i).name());
            }
            m.append(nRows, v);
        }
        rows += nRows;
    }

    /**
     * Completes the table: storage-manager files, {@code table.dat}, {@code table.info}, then renames the
     * directory to its final name (replacing an existing table when overwrite was requested).
     */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException(target + ": the table is already committed or closed");
        }
        try {
            List<TableDatEncoder.Manager> entries = new ArrayList<>();
            for (StorageManagerWriter m : managers) {
                byte[] blob = m.finish(rows);
                m.close();
                entries.add(new TableDatEncoder.Manager(m.type(), m.name(), m.columns(), blob));
            }
            Files.write(work.resolve("table.dat"),
                    TableDatEncoder.encode(rows, DATA_ORDER, descName, keywords, columns, entries));
            Files.writeString(work.resolve("table.info"), TableFiles.tableInfo(info), StandardCharsets.ISO_8859_1);
            if (Files.exists(target)) {
                if (!overwrite) {
                    throw new IOException(target + " already exists (overwrite not requested)");
                }
                DirectoryTrees.delete(target);
            }
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Abandons the table unless committed: closes its files and deletes what was written. */
    @Override
    public void close() throws IOException {
        if (done) {
            return;
        }
        done = true;
        IOException first = null;
        for (StorageManagerWriter m : managers) {
            try {
                m.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        DirectoryTrees.delete(work);
        if (first != null) {
            throw first;
        }
    }
}
