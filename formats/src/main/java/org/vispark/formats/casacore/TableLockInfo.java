package org.vispark.formats.casacore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.vispark.formats.casacore.aipsio.AipsIoReader;

/**
 * The row count a table's {@code table.lock} records. casacore writes the table's current row count
 * into the lock file's synchronisation block, and prefers it to the one in {@code table.dat}, which a
 * writer may not have updated (real MS exist whose table.dat says 0 rows).
 *
 * <p>Layout (big-endian): a request list of 65 Int (260 bytes), a uInt info length, then the info:
 * an AipsIO object "sync" (version 1: uInt row count; version 2: uInt64), Int column count, ....
 */
final class TableLockInfo {
    private static final int REQUEST_LIST_BYTES = (1 + 2 * 32) * 4;

    private TableLockInfo() {}

    /** The row count in {@code tableDir/table.lock}, if the file exists and holds a non-zero one (as casacore). */
    static OptionalLong rowCount(Path tableDir) throws IOException {
        Path file = tableDir.resolve("table.lock");
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < REQUEST_LIST_BYTES + 4) {
            return OptionalLong.empty();
        }
        int infoLength = ByteBuffer.wrap(bytes, REQUEST_LIST_BYTES, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        int start = REQUEST_LIST_BYTES + 4;
        if (infoLength <= 0 || infoLength > bytes.length - start) {
            return OptionalLong.empty();
        }
        ByteBuffer info = ByteBuffer.wrap(bytes, start, infoLength).order(ByteOrder.BIG_ENDIAN);
        AipsIoReader in = AipsIoReader.of(info, file);
        int version = in.getStart("sync");
        long rows = version == 1 ? in.readUInt() : in.readLong();
        if (rows < 0) {
            throw in.error("negative row count " + rows, in.position());
        }
        return rows == 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }
}
