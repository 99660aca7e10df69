package org.vispark.formats.casacore.dm.ism;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.ColumnReader;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.casacore.dm.DataManager;
import org.vispark.formats.casacore.dm.DataManagerContext;
import org.vispark.formats.casacore.dm.IndirectArrayFile;

/**
 * casacore's IncrementalStMan, read-only: a column value is stored only in the rows where it
 * changes and holds until the next change, so slowly varying columns (TIME, SCAN_NUMBER, FIELD_ID
 * of a Measurement Set) take little space.
 *
 * <p>Files: {@code table.f<seq>} holds a header ({@link IsmHeader}), fixed-size buckets from byte
 * 512 (each a stretch of rows, {@link IsmBucket}) and the row index ({@link IsmIndex}), all in the
 * table's byte order. Scalars and fixed-shape direct arrays are stored in the buckets; indirect
 * arrays (variable shape, or fixed shape without the Direct option) are stored in the buckets as an
 * Int64 offset into the indirect array file {@code table.f<seq>i} (0: no array in the row; tables
 * written before ISM version 3 have one file {@code table.f<seq>i<n>} per indirect column, numbered
 * from 0 in column order). Buckets and indirect array files are read when a column first needs them.
 */
public final class IncrementalStMan implements DataManager {
    private final DataManagerContext context;
    private final DataFile file;
    private final IsmHeader header;
    private final IsmIndex index;
    private final IsmBucketCache buckets;
    private final Map<String, IndirectArrayFile> arrayFiles = new LinkedHashMap<>();

    private IncrementalStMan(DataManagerContext context, DataFile file, IsmHeader header, IsmIndex index) {
        this.context = context;
        this.file = file;
        this.header = header;
        this.index = index;
        this.buckets = new IsmBucketCache(file, header, context.columns().size());
    }

    /** Opens the IncrementalStMan {@code context} describes, reading its header and row index. */
    public static IncrementalStMan open(DataManagerContext context) throws IOException {
        DataFile file = DataFile.open(context.file(""), context.byteOrder());
        try {
            IsmHeader header = IsmHeader.read(context, file);
            return new IncrementalStMan(context, file, header, IsmIndex.read(file, header));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public ColumnReader column(int columnIndex) throws IOException {
        List<ColumnDesc> columns = context.columns();
        ColumnDesc desc = columns.get(columnIndex);
        if (!desc.isArray()) {
            return new IsmDirectColumnReader(this, columnIndex, desc.dataType(), new int[0]);
        }
        if ((desc.options() & ColumnDesc.OPTION_DIRECT) != 0) {
            if (desc.shape().length == 0) {
                throw new TableFormatException(context.tableDir().resolve("table.dat"), "direct array column '"
                        + desc.name() + "' of IncrementalStMan " + context.sequenceNumber() + " has no fixed shape");
            }
            return new IsmDirectColumnReader(this, columnIndex, desc.dataType(), desc.shape());
        }
        String suffix = "i";
        if (header.version() < 3) {
            int earlierIndirect = 0;
            for (int i = 0; i < columnIndex; i++) {
                ColumnDesc d = columns.get(i);
                if (d.isArray() && (d.options() & ColumnDesc.OPTION_DIRECT) == 0) {
                    earlierIndirect++;
                }
            }
            suffix = "i" + earlierIndirect;
        }
        String fileSuffix = suffix;
        return new IsmIndirectColumnReader(this, columnIndex, desc.dataType(), () -> arrayFile(fileSuffix));
    }

    private IndirectArrayFile arrayFile(String suffix) throws IOException {
        IndirectArrayFile f = arrayFiles.get(suffix);
        if (f == null) {
            f = IndirectArrayFile.open(context.file(suffix), context.byteOrder());
            arrayFiles.put(suffix, f);
        }
        return f;
    }

    /** The runs of equal values of column {@code columnIndex} in rows [firstRow, firstRow + rowCount). */
    IsmRuns runs(int columnIndex, long firstRow, long rowCount) {
        return new IsmRuns(index, buckets, columnIndex, firstRow, rowCount);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (IndirectArrayFile f : arrayFiles.values()) {
            try {
                f.close();
            } catch (IOException e) {
                first = e;
            }
        }
        arrayFiles.clear();
        file.close();
        if (first != null) {
            throw first;
        }
    }
}
