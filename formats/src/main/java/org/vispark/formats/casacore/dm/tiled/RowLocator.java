package org.vispark.formats.casacore.dm.tiled;

/**
 * Maps table rows to hypercube positions. A row's cell is the part of a hypercube at one position
 * of its row axes (the axes after the cell axes); positions are counted along the row axes in
 * casacore order, so consecutive rows of a segment sit at consecutive positions.
 */
interface RowLocator {

    /**
     * The run of rows starting at {@code row}, at most {@code maxRows} long, that lie in one cube at
     * consecutive positions.
     *
     * @param cube     index of the cube in the header's cube list
     * @param position position of the first row along the cube's row axes
     * @param rows     number of rows in the run (at least 1)
     */
    record Segment(int cube, long position, long rows) {}

    Segment locate(long row, long maxRows);

    /** All rows in cube 0 at the position of their row number (TiledColumnStMan). */
    static RowLocator singleCube() {
        return (row, maxRows) -> new Segment(0, row, maxRows);
    }

    /** Row r in cube r, which it fills entirely (TiledCellStMan). */
    static RowLocator cubePerRow() {
        return (row, maxRows) -> new Segment(Math.toIntExact(row), 0, 1);
    }
}
