package org.vispark.formats.casacore.dm;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;
import org.vispark.formats.casacore.TableFormatException;

/**
 * Positioned, bounds-checked reads from one storage-manager file. A read past the end of the file
 * is reported as truncation, naming the file; nothing is read that a call did not ask for.
 */
public final class DataFile implements Closeable {
    private static final LongAdder BYTES_READ = new LongAdder();

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;

    private DataFile(Path path, FileChannel channel, ByteOrder order) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.order = order;
    }

    /** Opens {@code path} for reading; values are decoded in {@code order}. */
    public static DataFile open(Path path, ByteOrder order) throws IOException {
        try {
            return new DataFile(path, FileChannel.open(path, StandardOpenOption.READ), order);
        } catch (NoSuchFileException e) {
            throw new TableFormatException(path, "storage manager file is missing", e);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public ByteOrder order() {
        return order;
    }

    /** Reads {@code length} bytes at {@code position} into a new buffer in this file's byte order. */
    public ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(order);
        read(position, buf);
        buf.flip();
        return buf;
    }

    /** Fills the remaining space of {@code buf} from {@code position}. */
    public void read(long position, ByteBuffer buf) throws IOException {
        int length = buf.remaining();
        if (position < 0 || position + length > size) {
            throw new TableFormatException(path, "needs bytes [" + position + ", " + (position + length)
                    + ") but the file has " + size + " bytes: truncated");
        }
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new TableFormatException(path, "unexpected end of file at byte " + pos + ": truncated");
            }
            pos += n;
        }
        BYTES_READ.add(length);
    }

    /**
     * Bytes read from storage-manager files by this JVM so far (all DataFile instances): an I/O
     * metric for jobs, and how tests check that a row range is read without the rest of a file.
     */
    public static long totalBytesRead() {
        return BYTES_READ.sum();
    }

    /** Reads the whole of a (small) file. */
    public static byte[] readAll(Path path) throws IOException {
        try (DataFile f = open(path, ByteOrder.BIG_ENDIAN)) {
            if (f.size > Integer.MAX_VALUE - 16) {
                throw new TableFormatException(path, "is " + f.size + " bytes, too large for a header file");
            }
            return f.read(0, (int) f.size).array();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
