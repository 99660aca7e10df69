package org.vispark.jobs.lake;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file held on the heap: written once as an {@link OutputFile}, then read as an {@link InputFile} any
 * number of times. For the part files of {@link VisibilityRewriter}, which live only until the rewriter has joined
 * them: on disk each would be written and read back at once, as many bytes again as the columns it holds. At most
 * 2 GB.
 */
final class MemoryParquetFile implements OutputFile, InputFile {
    private final String name;
    private byte[] bytes = new byte[64 << 10];
    private int length;

    /** An empty file; {@code name} says what it stands for in messages. */
    MemoryParquetFile(String name) {
        this.name = name;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        length = 0;
        return new Out();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return -1;
    }

    @Override
    public String getPath() {
        return name;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new In();
    }

    private final class Out extends PositionOutputStream {
        @Override
        public long getPos() {
            return length;
        }

        @Override
        public void write(int b) throws IOException {
            room(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            room(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        private void room(int more) throws IOException {
            long need = (long) length + more;
            if (need > Integer.MAX_VALUE - 16) {
                throw new IOException(name + ": an in-memory part file cannot exceed 2 GB");
            }
            if (need > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * bytes.length)));
            }
        }
    }

    private final class In extends SeekableInputStream {
        private int pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > length) {
                throw new EOFException(name + ": seek to " + newPos + " outside its " + length + " bytes");
            }
            pos = (int) newPos;
        }

        @Override
        public int read() {
            return pos < length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, length - pos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(b, 0, b.length);
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            if (len > length - pos) {
                throw new EOFException(name + ": " + len + " bytes asked for at " + pos + " of " + length);
            }
            System.arraycopy(bytes, pos, b, off, len);
            pos += len;
        }

        @Override
        public int read(ByteBuffer buf) {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = Math.min(buf.remaining(), length - pos);
            if (n <= 0) {
                return -1;
            }
            buf.put(bytes, pos, n);
            pos += n;
            return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            int n = buf.remaining();
            if (n > length - pos) {
                throw new EOFException(name + ": " + n + " bytes asked for at " + pos + " of " + length);
            }
            buf.put(bytes, pos, n);
            pos += n;
        }
    }
}
