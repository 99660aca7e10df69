package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The current state of every MS of a lake: the newest catalogue entry of each ms_id. */
public final class Catalogue {
    private final Map<Long, CatalogueEntry> current;

    private Catalogue(Map<Long, CatalogueEntry> current) {
        this.current = Collections.unmodifiableMap(current);
    }

    /** Reads the catalogue of a lake (empty for a new lake). */
    public static Catalogue read(Lake lake, Configuration conf) throws IOException {
        Map<Long, CatalogueEntry> current = new HashMap<>();
        for (Path p : IcebergTables.of(lake, conf).currentFiles(LakeTable.MS)) {
            for (GenericRecord r : LakeParquet.readAll(p, LakeTable.MS.schema(), conf)) {
                CatalogueEntry e = CatalogueEntry.fromRecord(r);
                current.merge(e.msId(), e, (a, b) -> b.supersedes(a) ? b : a);
            }
        }
        return new Catalogue(current);
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
