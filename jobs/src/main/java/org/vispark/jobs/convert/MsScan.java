package org.vispark.jobs.convert;

import java.io.Serializable;
import org.vispark.formats.casacore.Table;
import org.vispark.jobs.lake.HadoopConf;

/**
 * What a convert run knows of one input MS before converting it: size, fingerprint and, for a local
 * MS, its main-table row count; or why it could not even be listed or opened.
 *
 * @param rows main-table rows; null for a remote MS (counted once copied) or when it failed
 * @param error null when the MS could be listed and opened
 */
record MsScan(String uri, long msId, long bytes, int files, String fingerprint, Long rows, String error)
        implements Serializable {

    /** Scans one MS (runs in a Spark task). */
    static MsScan of(String uri, HadoopConf conf) {
        long msId = MsInputs.msId(uri);
        MsFiles files;
        try {
            files = MsFiles.list(uri, conf.get());
        } catch (Exception e) {
            return new MsScan(uri, msId, 0, 0, "", null, Errors.describe(e));
        }
        Long rows = null;
        String error = null;
        if (LocalMs.isLocal(uri)) {
            try (Table t = Table.open(java.nio.file.Path.of(java.net.URI.create(uri)))) {
                rows = t.rowCount();
            } catch (Exception e) {
                error = Errors.describe(e);
            }
        }
        return new MsScan(uri, msId, files.bytes(), files.entries().size(), files.fingerprint(), rows, error);
    }
}
