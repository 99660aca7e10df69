package org.vispark.jobs.lake;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file on the local file system, written in whole {@link #BUFFER}-byte blocks and read through one
 * {@link #BUFFER}-byte block per stream.
 *
 * <p>Writing: Parquet's own LocalOutputFile passes page headers and page bodies through a 4 kB buffer, so the
 * kernel sees many small unaligned writes, and ext4 zero-fills each partly written page first: on a 2-core machine
 * that doubled the time of writing a lake. The block is a direct buffer, which the kernel copies from as it is (a
 * heap buffer would first be copied into a temporary direct one).
 *
 * <p>Reading: Parquet's LocalInputFile reads through {@code RandomAccessFile}, whose native read of more than 8 kB
 * allocates a native buffer as large as the read (a whole column chunk: tens of MB of fresh memory the kernel zeroes,
 * read into, copied out of and frees, per chunk: a third of apply's time went to the kernel). Reads here go into the
 * stream's direct block (or straight into a direct buffer), at the stream's position ({@link FileChannel#read(
 * ByteBuffer, long)}).
 */
final class LocalParquetFile implements OutputFile, InputFile {
    static final int BUFFER = 1 << 20;
    private final Path path;

    LocalParquetFile(Path path) {
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... options) throws IOException {
        Files.createDirectories(path.getParent());
        StandardOpenOption[] all = new StandardOpenOption[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = StandardOpenOption.WRITE;
        return new Stream(FileChannel.open(path, all));
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
        return path.toString();
    }

    @Override
    public long getLength() throws IOException {
        return Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new In(FileChannel.open(path, StandardOpenOption.READ), path);
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** A positioned reader of the file (not thread-safe, as Parquet's streams). */
    private static final class In extends ByteBufferInputStream {
        private final FileChannel channel;
        private final Path path;
        private ByteBuffer block; // allocated on the first read into a heap array or buffer
        private long blockStart; // the file offset of block's first byte
        private long pos;

        In(FileChannel channel, Path path) {
            this.channel = channel;
            this.path = path;
        }

        @Override
        String name() {
            return path.toString();
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new EOFException(path + ": seek to " + newPos);
            }
            pos = newPos;
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = buf.isDirect() ? channel.read(buf, pos) : readThroughBlock(buf);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        /**
         * Bytes from the position on out of the direct block, which holds up to {@link #BUFFER} bytes of the file
         * from {@code blockStart} and is read anew from the position when it does not hold it (so the many small
         * reads of Parquet's chunk copy, 8 kB each, cost a system call per block); bytes given, -1 at the end of the
         * file.
         */
        private int readThroughBlock(ByteBuffer buf) throws IOException {
            if (block == null) {
                block = ByteBuffer.allocateDirect(BUFFER).limit(0);
            }
            if (pos < blockStart || pos >= blockStart + block.limit()) {
                block.clear();
                int n = channel.read(block, pos);
                block.flip();
                blockStart = pos;
                if (n <= 0) {
                    return -1;
                }
            }
            int at = (int) (pos - blockStart);
            int n = Math.min(buf.remaining(), block.limit() - at);
            buf.put(buf.position(), block, at, n).position(buf.position() + n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = Math.max(0, Math.min(n, channel.size() - pos));
            pos += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class Stream extends PositionOutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        private long flushed;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return flushed + buffer.position();
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (!buffer.hasRemaining()) {
                    flushBuffer();
                }
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        private void flushBuffer() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                flushed += channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void flush() throws IOException {
            flushBuffer();
        }

        @Override
        public void close() throws IOException {
            try {
                flushBuffer();
            } finally {
                channel.close();
            }
        }
    }
}
