package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * A scalar String column without maximum length: each row is a {@link StringSlot}, holding strings of
 * up to 8 bytes itself and pointing into the {@link StringHeap} for longer ones.
 */
final class StringColumn implements ColumnReader {
    private final SsmFile file;
    private final ColumnArea area;
    private final StringHeap heap;
    private final String name;

    StringColumn(SsmFile file, ColumnArea area, StringHeap heap, String name) {
        this.file = file;
        this.area = area;
        this.heap = heap;
        this.name = name;
    }

    @Override
    public int[] shape(long row) {
        return new int[0];
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        String[] strings = (String[]) out;
        area.forEachRun(firstRow, rowCount, (buf, bucketRow, rows, done) -> {
            for (int i = 0; i < rows; i++) {
                long row = firstRow + done + i;
                StringSlot slot = StringSlot.at(buf, bucketRow + i).checked(file, name, row);
                strings[outOffset + done + i] = slot.length() <= StringSlot.IN_PLACE
                        ? new String(buf.array(), (bucketRow + i) * StringSlot.BYTES, slot.length(), StandardCharsets.UTF_8)
                        : heap.string(slot.bucket(), slot.offset(), slot.length());
            }
        });
    }
}
