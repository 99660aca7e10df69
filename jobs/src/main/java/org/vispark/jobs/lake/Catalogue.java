package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The state of every MS of a lake as of one snapshot of the {@code ms} table: the newest catalogue entry of each
 * ms_id, and every conversion any entry names.
 */
public final class Catalogue {
    private final Long snapshotId;
    private final Map<Long, CatalogueEntry> current;
    private final Map<Long, CatalogueEntry> byConversion;

    private Catalogue(Long snapshotId, Map<Long, CatalogueEntry> current, Map<Long, CatalogueEntry> byConversion) {
        this.snapshotId = snapshotId;
        this.current = Collections.unmodifiableMap(current);
        this.byConversion = Collections.unmodifiableMap(byConversion);
    }

    /** Reads the catalogue of a lake (empty for a new lake). */
    public static Catalogue read(Lake lake, Configuration conf) throws IOException {
        Map<Long, CatalogueEntry> current = new HashMap<>();
        Map<Long, CatalogueEntry> byConversion = new HashMap<>();
        IcebergTables.SnapshotFiles snapshot = IcebergTables.of(lake, conf).currentSnapshot(LakeTable.MS);
        for (Path p : snapshot.files().keySet()) {
            for (GenericRecord r : LakeParquet.readAll(p, LakeTable.MS.schema(), conf)) {
                CatalogueEntry e = CatalogueEntry.fromRecord(r);
                byConversion.put(e.conversion(), e);
                current.merge(e.msId(), e, (a, b) -> b.supersedes(a) ? b : a);
            }
        }
        return new Catalogue(snapshot.snapshotId(), current, byConversion);
    }

    /** The {@code ms} snapshot read (null: the lake had none). */
    public Long snapshotId() {
        return snapshotId;
    }

    /** Whether some catalogue entry, current or superseded, names this conversion. */
    public boolean isCommitted(long conversion) {
        return byConversion.containsKey(conversion);
    }

    /** The entry of a conversion, current or superseded; null when no entry names it. */
    public CatalogueEntry entry(long conversion) {
        return byConversion.get(conversion);
    }

    /** ms_id to its newest entry. */
    public Map<Long, CatalogueEntry> current() {
        return current;
    }

    /** The newest entry of an MS, or null when the lake has never seen it. */
    public CatalogueEntry get(long msId) {
        return current.get(msId);
    }

    /** Whether (ms_id, conversion) is the current conversion of a converted MS: its rows are visible. */
    public boolean isVisible(long msId, long conversion) {
        CatalogueEntry e = current.get(msId);
        return e != null && e.isConverted() && e.conversion() == conversion;
    }
}
