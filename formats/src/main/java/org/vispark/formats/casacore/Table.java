package org.vispark.formats.casacore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.DataManager;
import org.vispark.formats.casacore.dm.DataManagerContext;
import org.vispark.formats.casacore.dm.DataManagers;

/**
 * A casacore table opened read-only from its directory, in pure Java.
 *
 * <p>Opening reads only {@code table.dat} and {@code table.info}; a storage manager's files are
 * opened when one of its columns is first asked for, and cell values are read only for the rows a
 * {@link TableColumn#read} call asks for. A Table is not thread-safe: open one per thread (opening is
 * cheap). Subtables named by keywords open with {@link #subtable(String)}; a missing one gives a
 * {@link TableFormatException} naming it.
 */
public final class Table implements Closeable {
    private final TableDat dat;
    private final TableInfo info;
    private final Map<String, ColumnDesc> descs = new LinkedHashMap<>();
    private final Map<Integer, DataManager> openManagers = new HashMap<>();

    private Table(TableDat dat, TableInfo info) {
        this.dat = dat;
        this.info = info;
        for (ColumnDesc d : dat.columns()) {
            descs.put(d.name(), d);
        }
    }

    /** Opens the table in directory {@code dir}. */
    public static Table open(Path dir) throws IOException {
        return new Table(TableDat.read(dir), TableInfo.read(dir));
    }

    public Path path() {
        return dat.tableDir();
    }

    public long rowCount() {
        return dat.rowCount();
    }

    /** Byte order of the table's data files (table.dat says which). */
    public ByteOrder byteOrder() {
        return dat.dataByteOrder();
    }

    public TableInfo info() {
        return info;
    }

    public TableRecord keywords() {
        return dat.keywords();
    }

    public List<String> columnNames() {
        return List.copyOf(descs.keySet());
    }

    public boolean hasColumn(String name) {
        return descs.containsKey(name);
    }

    /** The description of a column, with the fixed shape the column set gives it where it does. */
    public ColumnDesc columnDesc(String name) {
        ColumnDesc d = descs.get(name);
        if (d == null) {
            throw new IllegalArgumentException(path() + ": no column '" + name + "'; columns: " + descs.keySet());
        }
        return d;
    }

    /** Names of the keywords that refer to subtables (whether or not they exist on disk). */
    public List<String> subtableKeywords() {
        List<String> names = new ArrayList<>();
        dat.keywords().fields().forEach((k, f) -> {
            if (f.value() instanceof TableReference) {
                names.add(k);
            }
        });
        return names;
    }

    /**
     * Opens the subtable a keyword refers to.
     *
     * @throws TableFormatException when the keyword names no table, or the table is missing or damaged
     */
    public Table subtable(String keyword) throws IOException {
        if (!(dat.keywords().get(keyword) instanceof TableReference ref)) {
            throw new TableFormatException(path().resolve("table.dat"), "no keyword '" + keyword
                    + "' referring to a subtable; subtables: " + subtableKeywords());
        }
        Path dir = ref.resolve(path());
        if (!Files.isDirectory(dir)) {
            throw new TableFormatException(dir, "subtable " + keyword + " is referenced by the keywords of "
                    + path() + " but does not exist");
        }
        return open(dir);
    }

    /** A column of this table; its storage manager is opened on first use. */
    public TableColumn column(String name) throws IOException {
        ColumnDesc desc = columnDesc(name);
        int seq = dat.columnManager().get(name);
        TableDat.DataManagerEntry entry = dat.dataManagers().stream()
                .filter(e -> e.sequenceNumber() == seq).findFirst().orElseThrow();
        List<ColumnDesc> bound = new ArrayList<>();
        int index = -1;
        for (ColumnDesc d : dat.columns()) {
            if (dat.columnManager().get(d.name()) == seq) {
                if (d.name().equals(name)) {
                    index = bound.size();
                }
                bound.add(d.dataType() == DataType.RECORD ? RecordColumn.storedForm(d) : d);
            }
        }
        DataManager dm = openManagers.get(seq);
        if (dm == null) {
            dm = DataManagers.open(new DataManagerContext(path(), entry.type(), seq, dat.dataByteOrder(),
                    dat.rowCount(), entry.header(), List.copyOf(bound)));
            openManagers.put(seq, dm);
        }
        ColumnReader reader = dm.column(index);
        if (desc.dataType() == DataType.RECORD) {
            reader = new RecordColumn(reader, path());
        }
        return new TableColumn(this, desc, entry.type(), reader);
    }

    /** The type name of the data manager that stores a column (e.g. "TiledShapeStMan"). */
    public String dataManagerType(String column) {
        int seq = dat.columnManager().get(columnDesc(column).name());
        return dat.dataManagers().stream().filter(e -> e.sequenceNumber() == seq).findFirst().orElseThrow().type();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (DataManager dm : openManagers.values()) {
            try {
                dm.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        openManagers.clear();
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "Table[" + path() + ", " + rowCount() + " rows]";
    }
}
