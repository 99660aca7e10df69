package org.vispark.formats.casacore.dm.tiled;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.casacore.dm.DataManager;
import org.vispark.formats.casacore.dm.DataManagerContext;

/**
 * casacore's tiled storage managers, read-only: TiledColumnStMan (one hypercube, a row per position
 * along its last axis), TiledShapeStMan (one hypercube per cell shape, rows mapped to cubes by a row
 * map; cube 0 has no shape and holds the undefined cells) and TiledCellStMan (one hypercube per row,
 * holding that row's cell).
 *
 * <p>Files: the header {@code table.f<seq>} (see {@link TsmHeader}) and the tiles in
 * {@code table.f<seq>_TSM<k>} (see {@link Hypercube}, {@link TileLayout}), in the table's byte order.
 * The cell axes of a cube are its first {@code ndim - 1} axes (all of them for TiledCellStMan).
 *
 * <p>The bound columns are the hypercolumn's data columns, except those that have values in the
 * hypercubes' value records: those are coordinate columns (the three managers reject id columns).
 * table.dat's hypercolumn definition is not consulted: data columns are taken in the table's column
 * order, and a vector coordinate is given the first cell axis whose length matches its own.
 */
public final class TiledStMan implements DataManager {
    private final DataManagerContext context;
    private final TsmHeader header;
    private final RowLocator locator;
    private final int cellAxes;
    private final TileLayout layout;
    private final Map<String, Integer> coordinateAxes;
    private final Map<Integer, DataFile> files = new HashMap<>();

    private TiledStMan(DataManagerContext context, TsmHeader header, RowLocator locator, int cellAxes,
            TileLayout layout, Map<String, Integer> coordinateAxes) {
        this.context = context;
        this.header = header;
        this.locator = locator;
        this.cellAxes = cellAxes;
        this.layout = layout;
        this.coordinateAxes = coordinateAxes;
    }

    /** Opens a TiledColumnStMan, TiledShapeStMan or TiledCellStMan from its header file. */
    public static DataManager open(DataManagerContext context) throws IOException {
        TsmHeader header = TsmHeader.read(context);
        Path file = context.file("");
        List<Hypercube> cubes = header.cubes();
        int ndim = header.ndim();
        RowLocator locator;
        int cellAxes;
        switch (header.type()) {
            case "TiledColumnStMan" -> {
                if (cubes.size() != 1 || !cubes.get(0).hasShape()
                        || cubes.get(0).cubeShape()[ndim - 1] < context.rowCount()) {
                    throw new TableFormatException(file, "TiledColumnStMan needs one hypercube with a row per table row;"
                            + " the header has " + cubes.size() + " of shapes " + shapes(cubes));
                }
                locator = RowLocator.singleCube();
                cellAxes = ndim - 1;
            }
            case "TiledShapeStMan" -> {
                locator = header.rowMap();
                cellAxes = ndim - 1;
            }
            default -> {
                if (cubes.size() != context.rowCount()) {
                    throw new TableFormatException(file, "TiledCellStMan needs one hypercube per row; the header has "
                            + cubes.size() + " for " + context.rowCount() + " rows");
                }
                locator = RowLocator.cubePerRow();
                cellAxes = ndim;
            }
        }
        Hypercube firstShaped = cubes.stream().filter(Hypercube::hasShape).findFirst().orElse(null);
        Map<String, Integer> coordinateAxes = new HashMap<>();
        List<ColumnDesc> dataColumns = new ArrayList<>();
        boolean[] axisTaken = new boolean[ndim];
        for (ColumnDesc c : context.columns()) {
            Object coord = firstShaped == null ? null : firstShaped.values().get(c.name());
            if (coord instanceof ArrayValue vector && vector.shape().length == 1) {
                int axis = coordinateAxis(c, vector.shape()[0], firstShaped, cellAxes, axisTaken);
                if (axis < 0) {
                    throw new TableFormatException(file, "coordinate column " + c.name() + " of length "
                            + vector.shape()[0] + " matches no free axis of hypercube shape "
                            + Arrays.toString(firstShaped.cubeShape()));
                }
                axisTaken[axis] = true;
                coordinateAxes.put(c.name(), axis);
            } else if (coord != null) {
                throw new TableFormatException(file, "column " + c.name() + " has a scalar value in the hypercube "
                        + "record: an id column, which " + header.type() + " does not support");
            } else {
                checkDataColumn(file, c, cubes, cellAxes);
                dataColumns.add(c);
            }
        }
        TileLayout layout = new TileLayout(dataColumns);
        checkCubesFitFiles(context, cubes, layout);
        return new TiledStMan(context, header, locator, cellAxes, layout, coordinateAxes);
    }

    /**
     * Checks that every cube's tiles lie inside its TSM file (casacore writes every tile of a cube),
     * so that no read allocates for a cube shape the files cannot hold.
     */
    private static void checkCubesFitFiles(DataManagerContext context, List<Hypercube> cubes, TileLayout layout)
            throws IOException {
        Map<Integer, Long> sizes = new HashMap<>();
        for (int i = 0; i < cubes.size(); i++) {
            Hypercube cube = cubes.get(i);
            if (!cube.hasShape()) {
                continue;
            }
            Path tsm = context.file("_TSM" + cube.fileSeq());
            Long size = sizes.get(cube.fileSeq());
            if (size == null) {
                try {
                    size = Files.size(tsm);
                } catch (NoSuchFileException e) {
                    throw new TableFormatException(tsm, "tile file of hypercube " + i + " is missing", e);
                }
                sizes.put(cube.fileSeq(), size);
            }
            long end;
            try {
                end = Math.addExact(cube.fileOffset(),
                        Math.multiplyExact(cube.tileCount(), layout.bucketBytes(cube.tilePixels())));
            } catch (ArithmeticException e) {
                end = Long.MAX_VALUE;
            }
            if (end > size) {
                throw new TableFormatException(tsm, "hypercube " + i + " of shape " + Arrays.toString(cube.cubeShape())
                        + " with tiles " + Arrays.toString(cube.tileShape()) + " needs bytes up to " + end
                        + " but the file has " + size + ": truncated or garbled");
            }
        }
    }

    private static int coordinateAxis(ColumnDesc c, int length, Hypercube cube, int cellAxes, boolean[] taken) {
        if (!c.isArray()) {
            int last = cube.ndim() - 1;
            return last >= cellAxes && !taken[last] ? last : -1;
        }
        for (int a = 0; a < cellAxes; a++) {
            if (!taken[a] && cube.cubeShape()[a] == length) {
                return a;
            }
        }
        return -1;
    }

    private static void checkDataColumn(Path file, ColumnDesc c, List<Hypercube> cubes, int cellAxes)
            throws TableFormatException {
        if (c.dataType().byteSize() < 0) {
            throw new TableFormatException(file, "column " + c.name() + " of type " + c.dataType()
                    + " cannot be stored in tiles");
        }
        if (!c.isFixedShape()) {
            return;
        }
        for (Hypercube cube : cubes) {
            if (cube.hasShape()) {
                long[] cell = Arrays.copyOf(cube.cubeShape(), cellAxes);
                if (!Arrays.equals(cell, Arrays.stream(c.shape()).asLongStream().toArray())) {
                    throw new TableFormatException(file, "fixed-shape column " + c.name() + " has cells of shape "
                            + Arrays.toString(c.shape()) + " but a hypercube of shape "
                            + Arrays.toString(cube.cubeShape()));
                }
            }
        }
    }

    private static String shapes(List<Hypercube> cubes) {
        List<String> s = new ArrayList<>();
        for (Hypercube c : cubes) {
            s.add(Arrays.toString(c.cubeShape()));
        }
        return s.toString();
    }

    @Override
    public ColumnReader column(int index) throws IOException {
        ColumnDesc desc = context.columns().get(index);
        Integer axis = coordinateAxes.get(desc.name());
        if (axis != null) {
            return new TiledCoordinateColumn(this, desc, axis);
        }
        return new TiledDataColumn(this, desc);
    }

    DataManagerContext context() {
        return context;
    }

    TsmHeader header() {
        return header;
    }

    RowLocator locator() {
        return locator;
    }

    /** Number of leading cube axes that are cell axes. */
    int cellAxes() {
        return cellAxes;
    }

    TileLayout layout() {
        return layout;
    }

    /** The TSM file with sequence number {@code seq}, opened on first use. */
    DataFile file(int seq) throws IOException {
        DataFile f = files.get(seq);
        if (f == null) {
            f = DataFile.open(context.file("_TSM" + seq), context.byteOrder());
            files.put(seq, f);
        }
        return f;
    }

    /** Checks that rows [first, first + count) exist. */
    void checkRows(long first, long count) {
        if (first < 0 || count < 0 || first + count > context.rowCount()) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + count) + ") outside the "
                    + context.rowCount() + " rows of " + context.tableDir());
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (DataFile f : files.values()) {
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        files.clear();
        if (first != null) {
            throw first;
        }
    }
}
