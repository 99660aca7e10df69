package org.vispark.formats.casacore.dm.tiled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.DataType;

/**
 * Where each data column of a hypercolumn sits inside a tile's bucket.
 *
 * <p>casacore orders the data columns by descending external pixel size (Bool counts as 0, so Bool
 * columns come last); among equal sizes the column later in the hypercolumn's order comes first
 * (casacore sorts ascending, stably, and reverses the result). A bucket holds, in
 * that order and without padding, each column's pixels of the tile: {@code pixelSize * tilePixels}
 * bytes in the table's byte order, or for a Bool column {@code ceil(tilePixels / 8)} bytes of bits,
 * pixel k at bit {@code k % 8} (least significant first) of byte {@code k / 8}.
 */
final class TileLayout {
    private final List<ColumnDesc> ordered;

    /** @param dataColumns the data columns in the hypercolumn's order */
    TileLayout(List<ColumnDesc> dataColumns) {
        List<ColumnDesc> sorted = new ArrayList<>(dataColumns);
        sorted.sort(Comparator.comparingInt((ColumnDesc c) -> tilePixelSize(c.dataType())));
        Collections.reverse(sorted);
        this.ordered = List.copyOf(sorted);
    }

    /** Bytes one pixel of {@code type} takes in a tile; 0 for Bool (bit-packed). */
    static int tilePixelSize(DataType type) {
        return type == DataType.BOOL ? 0 : type.byteSize();
    }

    /** Bytes the pixels of a column of {@code type} take in a tile of {@code tilePixels} pixels. */
    static long columnBytes(DataType type, long tilePixels) {
        return type == DataType.BOOL ? (tilePixels + 7) / 8 : tilePixels * type.byteSize();
    }

    /** Byte offset of column {@code name}'s pixels inside a bucket of tiles of {@code tilePixels} pixels. */
    long offset(String name, long tilePixels) {
        long offset = 0;
        for (ColumnDesc c : ordered) {
            if (c.name().equals(name)) {
                return offset;
            }
            offset += columnBytes(c.dataType(), tilePixels);
        }
        throw new IllegalArgumentException("not a data column of this hypercolumn: " + name);
    }

    /** Bytes of one bucket (all data columns of one tile). */
    long bucketBytes(long tilePixels) {
        long size = 0;
        for (ColumnDesc c : ordered) {
            size += columnBytes(c.dataType(), tilePixels);
        }
        return size;
    }
}
