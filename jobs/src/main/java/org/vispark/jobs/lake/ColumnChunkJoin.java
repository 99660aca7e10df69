package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndexBuilder;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a Parquet file made of a source file's column chunks, some columns' chunks taken from part files instead,
 * every chunk copied as it is, never decoded: row group {@code i} of the result has the rows of the source's row group
 * {@code i}, each column that part {@code i} holds (its one row group, as many rows) from the part, every other from
 * the source, in the source's column order. What Parquet's {@code ParquetRewriter} does when it joins files and
 * overwrites the input's columns, but with the bytes moved by {@link ChannelSource} where the result is a local file
 * ({@link LocalParquetFile}): in the kernel, as {@code cp} copies, where the rewriter passes every byte through an
 * 8 kB array (4 to 6 times slower; apply, rephase and predict copy gigabytes of unchanged DATA and MODEL_DATA per
 * MS: bench/ColumnChunkJoinBench.java).
 *
 * <p>The result has the source's schema, key-value metadata and writer ({@code created_by}: the pages' writer);
 * each chunk keeps its statistics, encodings, size statistics and column index, and its offset index moves with it.
 * Bloom filters are not carried (the lake writes none).
 */
final class ColumnChunkJoin {
    /** Bytes per read and write where the bytes do pass through the heap (files not both local). */
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    private ColumnChunkJoin() {}

    /** Writes the join of {@code source} and {@code parts} (one per row group of the source) to {@code target}. */
    static void write(InputFile source, List<InputFile> parts, OutputFile target) throws IOException {
        try (ParquetFileReader src = LakeParquet.fileReader(source);
                SeekableInputStream srcBytes = source.newStream();
                PositionOutputStream out = target.create(0)) {
            List<BlockMetaData> srcBlocks = src.getFooter().getBlocks();
            if (parts.size() != srcBlocks.size()) {
                throw new IllegalArgumentException(source + " has " + srcBlocks.size()
                        + " row groups, but " + parts.size() + " parts are given to join");
            }
            MessageType schema = src.getFileMetaData().getSchema();
            byte[] buffer = null;
            out.write(ParquetFileWriter.MAGIC);
            List<BlockMetaData> blocks = new ArrayList<>();
            List<List<ColumnIndex>> columnIndexes = new ArrayList<>();
            List<List<OffsetIndex>> offsetIndexes = new ArrayList<>();
            for (int i = 0; i < srcBlocks.size(); i++) {
                BlockMetaData from = srcBlocks.get(i);
                try (ParquetFileReader part = LakeParquet.fileReader(parts.get(i));
                        SeekableInputStream partBytes = parts.get(i).newStream()) {
                    Map<ColumnPath, ColumnChunkMetaData> replaced = replacedColumns(part, schema, from, i, source);
                    BlockMetaData block = new BlockMetaData();
                    block.setRowCount(from.getRowCount());
                    block.setOrdinal(i);
                    List<ColumnIndex> blockColumnIndexes = new ArrayList<>();
                    List<OffsetIndex> blockOffsetIndexes = new ArrayList<>();
                    for (ColumnChunkMetaData c : from.getColumns()) {
                        ColumnChunkMetaData chunk = replaced.getOrDefault(c.getPath(), c);
                        ParquetFileReader reader = chunk == c ? src : part;
                        SeekableInputStream bytes = chunk == c ? srcBytes : partBytes;
                        long shift = out.getPos() - chunk.getStartingPos();
                        if (!(bytes instanceof ChannelSource && out instanceof LocalParquetFile.Out) && buffer == null) {
                            buffer = new byte[COPY_BUFFER_BYTES];
                        }
                        copy(bytes, chunk.getStartingPos(), chunk.getTotalSize(), out, buffer);
                        block.addColumn(moved(chunk, shift, source));
                        block.setTotalByteSize(block.getTotalByteSize() + chunk.getTotalUncompressedSize());
                        blockColumnIndexes.add(reader.readColumnIndex(chunk));
                        OffsetIndex offsets = reader.readOffsetIndex(chunk);
                        blockOffsetIndexes.add(offsets == null ? null
                                : OffsetIndexBuilder.getBuilder().fromOffsetIndex(offsets).build(shift));
                    }
                    blocks.add(block);
                    columnIndexes.add(blockColumnIndexes);
                    offsetIndexes.add(blockOffsetIndexes);
                }
            }
            writeIndexes(blocks, columnIndexes, offsetIndexes, out);
            FileMetaData meta = src.getFileMetaData();
            ParquetMetadata footer = new ParquetMetadata(
                    new FileMetaData(schema, meta.getKeyValueMetaData(), meta.getCreatedBy()), blocks);
            long footerStart = out.getPos();
            Util.writeFileMetaData(new ParquetMetadataConverter().toParquetMetadata(ParquetFileWriter.CURRENT_VERSION,
                    footer), out);
            BytesUtils.writeIntLittleEndian(out, Math.toIntExact(out.getPos() - footerStart));
            out.write(ParquetFileWriter.MAGIC);
        }
    }

    /** The chunks of a part's one row group, by column; each must be a column of the source, and the rows as many. */
    private static Map<ColumnPath, ColumnChunkMetaData> replacedColumns(ParquetFileReader part, MessageType schema,
            BlockMetaData from, int rowGroup, InputFile source) {
        List<BlockMetaData> partBlocks = part.getFooter().getBlocks();
        if (partBlocks.size() != 1 || partBlocks.get(0).getRowCount() != from.getRowCount()) {
            throw new IllegalArgumentException(part.getFile() + ": not one row group of " + from.getRowCount()
                     + " rows, as row group " + rowGroup + " of " + source + " to join it to");
        }
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData c : partBlocks.get(0).getColumns()) {
            String[] path = c.getPath().toArray();
            if (!schema.containsPath(path) || !schema.getColumnDescription(path).getPrimitiveType()
                    .equals(c.getPrimitiveType())) {
                throw new IllegalArgumentException(part.getFile() + ": column " + c.getPath().toDotString() + " ("
                        + c.getPrimitiveType() + ") is not a column of " + source);
            }
            chunks.put(c.getPath(), c);
        }
        return chunks;
    }

    /** {@code chunk}'s metadata with its pages {@code shift} bytes further on in the file. */
    private static ColumnChunkMetaData moved(ColumnChunkMetaData chunk, long shift, InputFile source) {
        long dictionary = 0;
        if (chunk.hasDictionaryPage()) {
            if (chunk.getDictionaryPageOffset() == 0
                    || chunk.getDictionaryPageOffset() >= chunk.getFirstDataPageOffset()) {
                // as Parquet's own copy would have to read the page header to find where the data pages start
                throw new IllegalArgumentException(source + ": column " + chunk.getPath().toDotString()
                        + " has a dictionary page at no offset of its own (" + chunk.getDictionaryPageOffset() + ")");
            }
            dictionary = chunk.getDictionaryPageOffset() + shift;
        }
        return ColumnChunkMetaData.get(chunk.getPath(), chunk.getPrimitiveType(), chunk.getCodec(),
                chunk.getEncodingStats(), chunk.getEncodings(), chunk.getStatistics(),
                chunk.getFirstDataPageOffset() + shift, dictionary, chunk.getValueCount(), chunk.getTotalSize(),
                chunk.getTotalUncompressedSize(), chunk.getSizeStatistics());
    }

    /** {@code length} bytes of {@code from} at {@code start} on to the end of {@code out}. */
    private static void copy(SeekableInputStream from, long start, long length, PositionOutputStream out,
            byte[] buffer) throws IOException {
        if (from instanceof ChannelSource channel && out instanceof LocalParquetFile.Out local) {
            local.append(channel, start, length);
            return;
        }
        from.seek(start);
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(buffer.length, left);
            from.readFully(buffer, 0, n);
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /**
     * The column indexes, then the offset indexes, of every chunk that has one, after the row groups (where Parquet's
     * writer puts them), each chunk's metadata pointing at its own.
     */
    private static void writeIndexes(List<BlockMetaData> blocks, List<List<ColumnIndex>> columnIndexes,
            List<List<OffsetIndex>> offsetIndexes, PositionOutputStream out) throws IOException {
        for (int b = 0; b < blocks.size(); b++) {
            List<ColumnChunkMetaData> columns = blocks.get(b).getColumns();
            for (int c = 0; c < columns.size(); c++) {
                ColumnIndex index = columnIndexes.get(b).get(c);
                org.apache.parquet.format.ColumnIndex written = index == null ? null
                        : ParquetMetadataConverter.toParquetColumnIndex(columns.get(c).getPrimitiveType(), index);
                if (written != null) {
                    long at = out.getPos();
                    Util.writeColumnIndex(written, out);
                    columns.get(c).setColumnIndexReference(new IndexReference(at, Math.toIntExact(out.getPos() - at)));
                }
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            List<ColumnChunkMetaData> columns = blocks.get(b).getColumns();
            for (int c = 0; c < columns.size(); c++) {
                OffsetIndex index = offsetIndexes.get(b).get(c);
                if (index != null) {
                    long at = out.getPos();
                    Util.writeOffsetIndex(ParquetMetadataConverter.toParquetOffsetIndex(index), out);
                    columns.get(c).setOffsetIndexReference(new IndexReference(at, Math.toIntExact(out.getPos() - at)));
                }
            }
        }
    }
}
