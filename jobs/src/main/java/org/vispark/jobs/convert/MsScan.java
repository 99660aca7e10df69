package org.vispark.jobs.convert;

import java.io.Serializable;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.uvh5.Uvh5File;
import org.vispark.jobs.lake.HadoopConf;

/**
 * What a convert run knows of one input MS (or UVH5 file) before converting it: size, fingerprint and,
 * for a local input, its main-table row count (a UVH5 file's blts); or why it could not even be listed or opened.
 *
 * @param rows main-table rows (UVH5: blts, the unit its tasks split); null for a remote input (counted
 *     once copied) or when it failed
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
            java.nio.file.Path local = java.nio.file.Path.of(java.net.URI.create(uri));
            if (SourceFormat.of(uri) == SourceFormat.UVH5) {
                try (Uvh5File f = Uvh5File.open(local)) {
                    rows = (long) f.header().nblts();
                } catch (Exception e) {
                    error = Errors.describe(e);
                }
            } else {
                try (Table t = Table.open(local)) {
                    rows = t.rowCount();
                } catch (Exception e) {
                    error = Errors.describe(e);
                }
            }
        }
        return new MsScan(uri, msId, files.bytes(), files.entries().size(), files.fingerprint(), rows, error);
    }
}
