package org.vispark.jobs.campaign;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.SnapshotRef;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeMaintenance;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.ResultTables;

/**
 * The campaigns of a lake: the {@code campaigns} table (always on the main branch), newest row per name. A campaign's
 * name is also the Iceberg branch of every other table that holds its MS versions and results.
 */
public final class Campaigns {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Campaigns() {}

    /** An error unless {@code name} can name a campaign (and an Iceberg branch): letters, digits, '_' and '-'. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.equals(SnapshotRef.MAIN_BRANCH)) {
            throw new IllegalArgumentException("campaign name '" + name + "': 1 to 64 letters, digits, '_' or '-',"
                    + " starting with a letter or digit, and not '" + SnapshotRef.MAIN_BRANCH + "'");
        }
        return name;
    }

    /** Every campaign as its newest row, by name. */
    public static Map<String, CampaignRecord> read(Lake lake, Configuration conf) throws IOException {
        Map<String, CampaignRecord> out = new TreeMap<>();
        for (Path p : IcebergTables.of(lake, conf).currentFiles(LakeTable.CAMPAIGNS)) {
            for (GenericRecord r : LakeParquet.readAll(p, LakeTable.CAMPAIGNS.schema(), conf)) {
                CampaignRecord c = CampaignRecord.fromAvro(r);
                CampaignRecord seen = out.get(c.name());
                if (seen == null || c.recordedUtc().compareTo(seen.recordedUtc()) >= 0) {
                    out.put(c.name(), c);
                }
            }
        }
        return out;
    }

    /** The campaign named {@code name}; an error naming the known ones when there is none. */
    public static CampaignRecord get(Lake lake, Configuration conf, String name) throws IOException {
        Map<String, CampaignRecord> all = read(lake, conf);
        CampaignRecord c = all.get(name);
        if (c == null) {
            throw new IllegalArgumentException(lake.layout().root() + " has no campaign '" + name + "' (campaigns: "
                    + (all.isEmpty() ? "none" : String.join(", ", all.keySet())) + ")");
        }
        return c;
    }

    /**
     * How far a campaign's branch got: MS whose current version its pipeline finished, MS converted, and MS whose
     * conversion failed (each recorded with its error in the branch's catalogue).
     */
    public record Progress(int finished, int converted, int failed) {}

    public static Progress progress(Lake lake, Configuration conf, String name) throws IOException {
        Configuration onBranch = new Configuration(conf);
        onBranch.set(IcebergTables.BRANCH, name);
        Catalogue catalogue = Catalogue.read(lake, onBranch);
        Set<Long> finished = new HashSet<>();
        for (Path p : IcebergTables.of(lake, onBranch).currentFiles(LakeTable.PIPELINE)) {
            for (GenericRecord r : LakeParquet.readAll(p, LakeTable.PIPELINE.schema(), onBranch)) {
                if (catalogue.isVisible((Long) r.get("ms_id"), (Long) r.get("conversion"))) {
                    finished.add((Long) r.get("ms_id"));
                }
            }
        }
        int converted = 0;
        int failed = 0;
        for (CatalogueEntry e : catalogue.current().values()) {
            if (e.isConverted()) {
                converted++;
            } else {
                failed++;
            }
        }
        return new Progress(finished.size(), converted, failed);
    }

    /** Appends {@code r} to the campaigns table (one commit). */
    static void record(Lake lake, Configuration conf, CampaignRecord r) throws IOException {
        String runId = "campaign-" + UUID.randomUUID();
        try {
            new ResultTables(lake, conf, runId).append(LakeTable.CAMPAIGNS, List.of(r.toAvro()));
        } finally {
            LakeMaintenance.deleteStaging(lake, runId);
        }
    }
}
