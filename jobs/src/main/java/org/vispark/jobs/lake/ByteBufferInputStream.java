package org.vispark.jobs.lake;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input stream whose every read goes through {@link #read(ByteBuffer)}: the byte-array reads wrap their
 * arrays (not InputStream's byte-at-a-time defaults), and the full reads repeat it to the end of the file.
 */
abstract class ByteBufferInputStream extends SeekableInputStream {
    /** What the stream reads, for messages. */
    abstract String name();

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        readFully(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (read(buf) < 0) {
                throw new EOFException(name() + ": " + buf.remaining() + " more bytes asked for at " + getPos()
                        + ", past its end");
            }
        }
    }
}
