package org.vispark.jobs.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.campaign.CampaignRecord.State;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.pipeline.PipelineJob;
import org.vispark.jobs.pipeline.PipelineSettings;

/**
 * {@code vispark campaign run}: the pipeline ({@link PipelineJob}) as a named campaign. Every MS version and result
 * row it writes is on the Iceberg branch named after it (the {@link IcebergTables#BRANCH} of the session's Hadoop
 * configuration while it runs), forked from main when the campaign starts; its {@code pipeline} table starts empty,
 * so it calibrates every MS of its selection whatever main's pipeline finished. Running a campaign again resumes it
 * (the pipeline skips what the branch finished) over the MS it was started with, whether or not they are named
 * again; with other settings or another selection it is refused, the differences listed.
 */
public final class CampaignJob {
    /** The version recorded with each campaign. */
    public static final String VERSION = "0.1.0";
    /** How a {@code --where} condition is recorded among a campaign's selection. */
    static final String WHERE = "where: ";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CampaignJob() {}

    /**
     * @param where  SQL condition on the {@code ms} view selecting the MS to calibrate; null for every MS
     * @param report directory of the pipeline's HTML report, or null
     */
    public record Options(String lake, String name, List<String> inputs, String where, PipelineSettings settings,
            Path report) {}

    /** Runs (or resumes) the campaign; the pipeline's summary. */
    public static PipelineJob.Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        Campaigns.checkName(o.name());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.openOrCreate(o.lake(), null, conf);
        String now = utcNow();
        CampaignRecord wanted = new CampaignRecord(o.name(), State.RUNNING, o.settings().lines(), VERSION,
                sha256(o.settings().path("catalogue")), selection(o), now, null, now, null, List.of(), null);
        CampaignRecord old = Campaigns.read(lake, conf).get(o.name());
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        CampaignRecord running;
        if (old == null || old.state() == State.DROPPED) {
            iceberg.dropBranch(o.name()); // what a run killed before recording the campaign began
            iceberg.forkAll(o.name());
            running = wanted;
            console.printf("campaign %s: started on branch %s of %s%n", o.name(), o.name(), lake.layout().root());
        } else {
            List<String> differences = differences(old, wanted);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("campaign " + o.name() + " exists with other settings; run it"
                        + " again with its own, or choose another name:\n  " + String.join("\n  ", differences));
            }
            if (old.state() == State.PUBLISHED) {
                throw new IllegalArgumentException("campaign " + o.name() + " was published; it is what main holds");
            }
            running = old.with(State.RUNNING, null, null, now).withStages(List.of(), null, now);
            console.printf("campaign %s: resumed (%s since %s)%n", o.name(), old.state().label(), old.startedUtc());
        }
        Campaigns.record(lake, conf, running);
        // resumed without naming its MS: those it was started with
        List<String> inputs = new ArrayList<>();
        String where = null;
        for (String item : running.selection()) {
            if (item.startsWith(WHERE)) {
                where = item.substring(WHERE.length());
            } else {
                inputs.add(item);
            }
        }
        conf.set(IcebergTables.BRANCH, o.name()); // the campaigns table stays on main whatever the branch
        CampaignStages stages = new CampaignStages(lake, conf, running, console);
        PipelineJob.Summary s;
        try {
            s = PipelineJob.run(spark, new PipelineJob.Options(o.lake(), inputs, where, o.settings(), o.report()),
                    stages.console(), stages);
        } catch (IOException | RuntimeException e) {
            Campaigns.record(lake, conf, stages.current().with(State.FAILED, utcNow(), String.valueOf(
                    e.getMessage()), utcNow()));
            throw e;
        } finally {
            conf.unset(IcebergTables.BRANCH);
        }
        running = stages.current();
        Campaigns.Progress p = Campaigns.progress(lake, conf, o.name());
        String message = p.finished() + " of " + p.converted() + " MS calibrated" + (s.failures().isEmpty() ? ""
                : "; " + s.failures().size() + " failed: " + String.join("; ", s.failures()));
        Campaigns.record(lake, conf, running.with(s.failures().isEmpty() ? State.FINISHED : State.FAILED,
                utcNow(), message, utcNow()));
        return s;
    }

    /** The MS given, then {@code where: SQL} when a condition selects them. */
    private static List<String> selection(Options o) {
        List<String> out = new ArrayList<>(o.inputs());
        if (o.where() != null && !o.where().isBlank()) {
            out.add(WHERE + o.where().strip());
        }
        return out;
    }

    /** Now as a fixed-width ISO-8601 instant (milliseconds, UTC), so that the recorded instants sort as text. */
    static String utcNow() {
        return STAMP.format(Instant.now());
    }

    /** "KEY: old -> new" for every setting, the catalogue and the selection that differ. */
    static List<String> differences(CampaignRecord old, CampaignRecord wanted) {
        List<String> out = new ArrayList<>();
        Map<String, String> a = settings(old.settings());
        Map<String, String> b = settings(wanted.settings());
        TreeMap<String, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        for (String k : keys.keySet()) {
            if (!String.valueOf(a.get(k)).equals(String.valueOf(b.get(k)))) {
                out.add(k + ": " + a.get(k) + " -> " + b.get(k));
            }
        }
        if (!old.catalogueSha256().equals(wanted.catalogueSha256())) {
            out.add("calibrator catalogue contents (SHA-256): " + old.catalogueSha256() + " -> "
                    + wanted.catalogueSha256());
        }
        if (!wanted.selection().isEmpty() && !wanted.selection().equals(old.selection())) {
            out.add("MS: " + old.selection() + " -> " + wanted.selection());
        }
        return out;
    }

    private static Map<String, String> settings(List<String> lines) {
        Map<String, String> out = new TreeMap<>();
        for (String l : lines) {
            int eq = l.indexOf('=');
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code vispark campaign publish}: main of every table becomes the campaign's branch. Refused unless the
     * campaign finished, and (without {@code force}) when main has commits the branch lacks, which publishing would
     * drop from main (listed).
     */
    public static void publish(Lake lake, Configuration conf, String name, boolean force, PrintStream console)
            throws IOException {
        CampaignRecord c = Campaigns.get(lake, conf, name);
        if (c.state() != State.FINISHED && c.state() != State.FAILED) {
            throw new IllegalArgumentException("campaign " + name + " is " + c.state().label() + "; only a campaign"
                    + " that ran to its end is published");
        }
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        List<LakeTable> moved = iceberg.mainMovedSince(name);
        if (!moved.isEmpty() && !force) {
            throw new IllegalArgumentException("main changed since campaign " + name + " started, in "
                    + moved.stream().map(LakeTable::dirName).toList() + ": publishing would drop those commits from"
                    + " main (--force publishes anyway; they stay in the lake's snapshots until expired)");
        }
        iceberg.publish(name);
        String now = utcNow();
        Campaigns.record(lake, conf, c.with(State.PUBLISHED, c.endedUtc(), c.message(), now));
        console.printf("campaign %s published: main is its branch in every table%n", name);
    }

    /** {@code vispark campaign drop}: the campaign's branch goes from every table; its row says dropped. */
    public static void drop(Lake lake, Configuration conf, String name, PrintStream console) throws IOException {
        CampaignRecord c = Campaigns.get(lake, conf, name);
        IcebergTables.of(lake, conf).dropBranch(name);
        Campaigns.record(lake, conf, c.with(State.DROPPED, c.endedUtc(), c.message(), utcNow()));
        console.printf("campaign %s dropped: its branch is gone; `vispark lake maintain` deletes the files only it"
                + " held%n", name);
    }
}
