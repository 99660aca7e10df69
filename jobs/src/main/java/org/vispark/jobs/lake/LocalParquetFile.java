package org.vispark.jobs.lake;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * heap buffer would first be copied into a temporary direct one). With {@code directWrites}, where the file system
 * takes direct I/O (Linux's {@code O_DIRECT}: ext4, xfs, tmpfs), every whole block goes from such a buffer straight to
 * the disk, past the page cache, on a thread of its own while the next block fills; only the file's last, partial
 * block is written through the page cache (direct writes take whole aligned blocks). Filling the page cache costs
 * the kernel a copy into, and on a virtual machine a first touch of, every new page: worth it for a file read again
 * soon (the next stage's input), not for the files of an archive's conversion, which a later job reads long after
 * they left the cache. Where the file system refuses direct I/O, writes go through the page cache.
 *
 * <p>Reading: Parquet's LocalInputFile reads through {@code RandomAccessFile}, whose native read of more than 8 kB
 * allocates a native buffer as large as the read (a whole column chunk: tens of MB of fresh memory the kernel zeroes,
 * read into, copied out of and frees, per chunk: a third of apply's time went to the kernel). Reads here go into the
 * stream's direct block (or straight into a direct buffer), at the stream's position ({@link FileChannel#read(
 * ByteBuffer, long)}).
 */
final class LocalParquetFile implements OutputFile, InputFile {
    static final int BUFFER = 1 << 20;

    /** The threads that write blocks past the page cache, one block per stream at a time (daemons: idle ones end). */
    private static final ExecutorService DIRECT_WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vispark-direct-write");
        t.setDaemon(true);
        return t;
    });
    private final Path path;
    private final boolean directWrites;

    /** The file at {@code path}, written through the page cache. */
    LocalParquetFile(Path path) {
        this(path, false);
    }

    /** The file at {@code path}; {@code directWrites}: whole blocks written past the page cache where allowed. */
    LocalParquetFile(Path path, boolean directWrites) {
        this.path = path;
        this.directWrites = directWrites;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private Out open(StandardOpenOption... options) throws IOException {
        Files.createDirectories(path.getParent());
        StandardOpenOption[] all = new StandardOpenOption[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = StandardOpenOption.WRITE;
        FileChannel channel = FileChannel.open(path, all);
        FileChannel direct = null;
        int alignment = 1;
        if (directWrites) {
            try {
                alignment = Math.toIntExact(Files.getFileStore(path).getBlockSize());
                if (BUFFER % alignment == 0) {
                    direct = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
                }
            } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
                // no direct I/O on this file system (EINVAL), or no block size to align to: through the page cache
            }
        }
        return new Out(path, channel, direct, direct == null ? 1 : alignment);
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

    /**
     * Writes whole {@link #BUFFER}-byte blocks at their offsets. Without {@code direct}, through {@code channel} (the
     * page cache), at once. With {@code direct} (opened with {@code O_DIRECT}; the buffers are aligned to the file
     * system's block size, which divides {@link #BUFFER}), a whole block is handed to a thread of
     * {@link #DIRECT_WRITERS} while the next one fills (the disk's time overlaps the writer's work), one block in flight
     * per stream; the last partial block goes through {@code channel} at close.
     */
    private static final class Out extends PositionOutputStream {
        private final Path path;
        private final FileChannel channel;
        private final FileChannel direct;
        private ByteBuffer buffer;
        private ByteBuffer spare; // with direct writes: the block in flight, or the next to fill
        private Future<?> inFlight;
        private long flushed; // bytes written or in flight

        Out(Path path, FileChannel channel, FileChannel direct, int alignment) {
            this.path = path;
            this.channel = channel;
            this.direct = direct;
            this.buffer = aligned(alignment);
            this.spare = direct == null ? null : aligned(alignment);
        }

        private static ByteBuffer aligned(int alignment) {
            return ByteBuffer.allocateDirect(BUFFER + alignment).alignedSlice(alignment).limit(BUFFER).slice();
        }

        /** Whether whole blocks go past the page cache. */
        boolean writesDirect() {
            return direct != null;
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

        /**
         * Writes the buffer at its offset: a whole block directly, in the background, once the block before it is
         * written; otherwise through the page cache.
         */
        private void flushBuffer() throws IOException {
            buffer.flip();
            int bytes = buffer.limit();
            if (direct != null && bytes == BUFFER) {
                awaitInFlight();
                ByteBuffer block = buffer;
                long at = flushed;
                inFlight = DIRECT_WRITERS.submit(() -> writeFully(direct, block, at));
                buffer = spare;
                spare = block;
            } else {
                writeFully(channel, buffer, flushed);
            }
            flushed += bytes;
            buffer.clear();
        }

        private static Void writeFully(FileChannel to, ByteBuffer block, long at) throws IOException {
            for (long pos = at; block.hasRemaining(); ) {
                pos += to.write(block, pos);
            }
            return null;
        }

        private void awaitInFlight() throws IOException {
            if (inFlight == null) {
                return;
            }
            try {
                inFlight.get();
            } catch (ExecutionException e) {
                throw new IOException(path + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted writing " + path);
            } finally {
                inFlight = null;
            }
        }

        /**
         * Writes the buffer out, except with direct writes: a partial block written through the page cache would
         * leave the next direct write unaligned, so it waits for its block to fill, or for {@link #close}.
         */
        @Override
        public void flush() throws IOException {
            if (direct == null) {
                flushBuffer();
            }
        }

        @Override
        public void close() throws IOException {
            try (FileChannel c = channel; FileChannel d = direct) {
                awaitInFlight();
                flushBuffer();
                awaitInFlight();
            }
        }
    }

    /** Whether {@code out}, a stream of {@link #create}, writes whole blocks past the page cache. */
    static boolean writesDirect(PositionOutputStream out) {
        return ((Out) out).writesDirect();
    }
}
