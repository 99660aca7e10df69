package org.vispark.jobs.pipeline;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;

/**
 * The MS whose source (the catalogue's fingerprint and checksum of the MS converted, which every later version of it
 * keeps) a flag run already flagged, by the {@code flag_stats} the configuration reads (a campaign's branch starts
 * with none). The pipeline does not flag them again when it resumes a run that was stopped after flagging: flagging
 * flagged data moves the noise estimate, and with it the flags, so the resumed run would end with other flags than an
 * uninterrupted one.
 */
final class FlaggedSources {
    private FlaggedSources() {}

    /** Those of {@code msIds} whose current source was flagged. */
    static Set<Long> of(Lake lake, Configuration conf, Catalogue catalogue, Set<Long> msIds) throws IOException {
        Set<Long> out = new TreeSet<>();
        for (GenericRecord r : IcebergTables.of(lake, conf).currentRows(LakeTable.FLAG_STATS,
                Set.of("ms_id", "conversion"))) {
            long msId = (Long) r.get("ms_id");
            CatalogueEntry flagged = catalogue.entry((Long) r.get("conversion"));
            CatalogueEntry now = catalogue.get(msId);
            if (msIds.contains(msId) && flagged != null && now != null && sameSource(flagged, now)) {
                out.add(msId);
            }
        }
        return out;
    }

    private static boolean sameSource(CatalogueEntry a, CatalogueEntry b) {
        return a.msId() == b.msId() && Objects.equals(a.fingerprint(), b.fingerprint())
                && Objects.equals(a.checksum(), b.checksum());
    }
}
