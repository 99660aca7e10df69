package org.vispark.jobs.campaign;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.SnapshotRef;
import org.vispark.jobs.campaign.CampaignRecord.State;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeMaintenance;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.pipeline.PendingMs;

/**
 * The campaigns of a lake: the {@code campaigns} table (always on the main branch), newest row per name. A campaign's
 * name is also the Iceberg branch of every other table that holds its MS versions and results.
 */
public final class Campaigns {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** What {@code --campaign} takes for the campaign that most recently ran to its end ({@link #toRead}). */
    public static final String NEWEST = "newest";

    private Campaigns() {}

    /** An error unless {@code name} can name a campaign (and an Iceberg branch): letters, digits, '_' and '-'. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.equals(SnapshotRef.MAIN_BRANCH) || name.equals(NEWEST)) {
            throw new IllegalArgumentException("campaign name '" + name + "': 1 to 64 letters, digits, '_' or '-',"
                    + " starting with a letter or digit, and not '" + SnapshotRef.MAIN_BRANCH + "' or '" + NEWEST
                    + "'");
        }
        return name;
    }

    /** Every campaign as its newest row, by name. */
    public static Map<String, CampaignRecord> read(Lake lake, Configuration conf) throws IOException {
        Map<String, CampaignRecord> out = new TreeMap<>();
        for (GenericRecord r : IcebergTables.of(lake, conf).currentRows(LakeTable.CAMPAIGNS)) {
            CampaignRecord c = CampaignRecord.fromAvro(r);
            CampaignRecord seen = out.get(c.name());
            if (seen == null || c.recordedUtc().compareTo(seen.recordedUtc()) >= 0) {
                out.put(c.name(), c);
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
     * The campaign whose results a reader of {@code name} wants: {@link #NEWEST} is the campaign that most recently
     * ran to its end (finished, or failed with some MS failed; not published, whose results are main's, nor
     * dropped); an error when there is none, or when the campaign named was dropped.
     */
    public static CampaignRecord toRead(Lake lake, Configuration conf, String name) throws IOException {
        if (!name.equals(NEWEST)) {
            CampaignRecord c = get(lake, conf, name);
            if (c.state() == State.DROPPED) {
                throw new IllegalArgumentException("campaign " + name + " was dropped");
            }
            return c;
        }
        Map<String, CampaignRecord> all = read(lake, conf);
        return all.values().stream().filter(c -> c.state() == State.FINISHED || c.state() == State.FAILED)
                .max(Comparator.comparing(CampaignRecord::endedUtc, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> new IllegalArgumentException(
                        lake.layout().root() + " has no campaign that ran to its end and is not published or dropped"
                                + " (campaigns: " + (all.isEmpty() ? "none" : String.join(", ", all.keySet())) + ")"));
    }

    /**
     * How far a campaign's branch got: MS whose current version its pipeline finished, MS converted, and MS whose
     * conversion failed, each as "URI: error" from the branch's catalogue.
     */
    public record Progress(int finished, int converted, List<String> failed) {}

    public static Progress progress(Lake lake, Configuration conf, String name) throws IOException {
        Configuration onBranch = IcebergTables.onBranch(conf, name);
        Catalogue catalogue = Catalogue.read(lake, onBranch);
        Set<Long> finished = PendingMs.finished(lake, onBranch, catalogue);
        int converted = 0;
        List<String> failed = new ArrayList<>();
        for (CatalogueEntry e : catalogue.current().values()) {
            if (e.isConverted()) {
                converted++;
            } else {
                failed.add(e.uri() + ": " + e.error());
            }
        }
        Collections.sort(failed);
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
