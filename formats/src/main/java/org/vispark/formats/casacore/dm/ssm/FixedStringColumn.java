package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.vispark.formats.casacore.dm.ColumnReader;

/**
 * A scalar String column with a maximum length: each row holds {@code maxLength} bytes in the
 * bucket, the string ending at the first NUL byte or after {@code maxLength} bytes.
 */
final class FixedStringColumn implements ColumnReader {
    private final ColumnArea area;
    private final int maxLength;

    FixedStringColumn(ColumnArea area, int maxLength) {
        this.area = area;
        this.maxLength = maxLength;
    }

    @Override
    public int[] shape(long row) {
        return new int[0];
    }

    @Override
    public void read(long firstRow, int rowCount, Object out, int outOffset) throws IOException {
        String[] strings = (String[]) out;
        area.forEachRun(firstRow, rowCount, (buf, bucketRow, rows, done) -> {
            byte[] bytes = buf.array();
            for (int i = 0; i < rows; i++) {
                int start = (bucketRow + i) * maxLength;
                int end = start;
                while (end < start + maxLength && bytes[end] != 0) {
                    end++;
                }
                strings[outOffset + done + i] = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            }
        });
    }
}
