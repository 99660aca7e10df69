package org.vispark.jobs.export;

import java.io.Serializable;
import java.util.List;
import org.vispark.formats.ms.write.MsMetadata;
import org.vispark.jobs.lake.LakeLayout;

/**
 * One MS to export, as a Spark task gets it.
 *
 * @param rows      main-table rows of the MS (the catalogue's count)
 * @param files     the MS's visibility files, relative to the lake root
 * @param target    the MS directory to write (local file system)
 * @param columns   the optional data columns to write (MODEL_DATA, CORRECTED_DATA), or null for those the lake has
 */
record ExportTask(long msId, long conversion, String uri, long rows, LakeLayout layout, List<String> files,
        MsMetadata metadata, String target, boolean overwrite, List<String> columns) implements Serializable {}
