package org.vispark.formats.casacore.dm.tiled;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.dm.DataFile;

/**
 * The tiles of one data column that were read last, bounded in bytes and evicted least recently
 * used first. A tile is read with one positioned read of the column's part of its bucket into a
 * direct buffer; buffers of evicted tiles are reused.
 */
final class TileCache {
    /** A source of the TSM file holding a cube's tiles. */
    @FunctionalInterface
    interface Files {
        DataFile file(int fileSeq) throws IOException;
    }

    private final DataType type;
    private final ByteOrder order;
    private final long capacityBytes;
    private final Files files;
    private final LinkedHashMap<Long, Tile> tiles = new LinkedHashMap<>(16, 0.75f, true);
    private final Deque<ByteBuffer> spare = new ArrayDeque<>();
    private long cachedBytes;

    TileCache(DataType type, ByteOrder order, long capacityBytes, Files files) {
        this.type = type;
        this.order = order;
        this.capacityBytes = capacityBytes;
        this.files = files;
    }

    /**
     * The column's pixels of tile {@code tileIndex} of cube {@code cubeIndex}, read from
     * {@code chunkBytes} bytes at {@code position} of the cube's file when not cached.
     */
    Tile get(int cubeIndex, Hypercube cube, long tileIndex, long position, int chunkBytes) throws IOException {
        long key = ((long) cubeIndex << 40) | tileIndex;
        Tile tile = tiles.get(key);
        if (tile != null) {
            return tile;
        }
        DataFile file = files.file(cube.fileSeq());
        makeRoom(chunkBytes);
        ByteBuffer buf = buffer(chunkBytes);
        file.read(position, buf);
        buf.flip();
        tile = new Tile(type, buf.order(order));
        tiles.put(key, tile);
        cachedBytes += buf.capacity();
        return tile;
    }

    private void makeRoom(int needed) {
        Iterator<Map.Entry<Long, Tile>> it = tiles.entrySet().iterator();
        while (it.hasNext() && cachedBytes + needed > capacityBytes) {
            ByteBuffer old = it.next().getValue().buffer();
            it.remove();
            cachedBytes -= old.capacity();
            if (spare.size() < 2) {
                spare.push(old);
            }
        }
    }

    private ByteBuffer buffer(int length) {
        for (Iterator<ByteBuffer> it = spare.iterator(); it.hasNext();) {
            ByteBuffer b = it.next();
            if (b.capacity() == length) {
                it.remove();
                b.clear();
                return b;
            }
        }
        spare.clear();
        return ByteBuffer.allocateDirect(length);
    }
}
