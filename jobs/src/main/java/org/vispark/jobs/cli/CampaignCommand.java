package org.vispark.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.campaign.CampaignComparison;
import org.vispark.jobs.campaign.CampaignJob;
import org.vispark.jobs.campaign.CampaignRecord;
import org.vispark.jobs.campaign.Campaigns;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code vispark campaign run|list|status|compare|publish|drop}: named, resumable pipeline runs on their own branch. */
@Command(name = "campaign", description = "Run the pipeline as a named campaign on a branch of its own; list, compare,"
        + " publish or drop campaigns.",
        subcommands = {CampaignCommand.Run.class, CampaignCommand.ListCampaigns.class, CampaignCommand.Status.class,
            CampaignCommand.Compare.class, CampaignCommand.Publish.class, CampaignCommand.Drop.class})
final class CampaignCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a campaign command: run, list, status, compare, publish or drop");
    }

    /** {@code campaign run --lake LAKE --name NAME [--where SQL] [--set KEY=VALUE]... [MS_OR_GLOB...]}. */
    @Command(name = "run", description = "Run (or resume) the pipeline as campaign NAME: its MS versions and results on"
            + " its own branch.")
    static final class Run implements Callable<Integer> {
        @Mixin
        LakeOption lake;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the campaign (and branch) name")
        String name;

        @Parameters(paramLabel = "MS_OR_GLOB", arity = "0..*",
                description = "MS to convert first; none: every MS the lake has")
        List<String> inputs;

        @Option(names = "--report", paramLabel = "DIR", description = "HTML report of the calibrator diagnostics")
        Path report;

        @Mixin
        PipelineSettingsOption settings;

        @Mixin
        WhereOption where;

        @Mixin
        SparkSessions sparkOptions;

        @Override
        public Integer call() {
            PipelineSettings s;
            try {
                Campaigns.checkName(name);
                s = settings.load(List.of());
            } catch (Exception e) {
                System.err.println("campaign run: " + e.getMessage());
                return 2;
            }
            return sparkOptions.run("campaign run", spark -> PipelineCommand.report(CampaignJob.run(spark,
                    new CampaignJob.Options(lake.root(), name, inputs == null ? List.of() : inputs,
                            where.condition(), s, report),
                    System.out)));
        }
    }

    /** A campaign command that needs no Spark: exit status 0, or 2 with the reason. */
    abstract static class WithoutSpark implements Callable<Integer> {
        @Mixin
        LakeOption lake;

        abstract String command();

        abstract void run(Lake lake, Configuration conf) throws Exception;

        @Override
        public Integer call() {
            try {
                Configuration conf = SparkSessions.hadoopConf();
                run(Lake.open(lake.root(), conf), conf);
                return 0;
            } catch (Exception e) {
                System.err.println("campaign " + command() + ": " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code campaign list --lake LAKE}. */
    @Command(name = "list", description = "List the lake's campaigns: state, start, end, outcome.")
    static final class ListCampaigns extends WithoutSpark {
        @Override
        String command() {
            return "list";
        }

        @Override
        void run(Lake lake, Configuration conf) throws Exception {
            Map<String, CampaignRecord> all = Campaigns.read(lake, conf);
            System.out.printf(Locale.ROOT, "%-24s %-10s %-24s %-24s %s%n", "name", "state", "started", "ended",
                    "outcome");
            for (CampaignRecord c : all.values()) {
                System.out.printf(Locale.ROOT, "%-24s %-10s %-24s %-24s %s%n", c.name(), c.state().label(),
                        c.startedUtc(), c.endedUtc() == null ? "-" : c.endedUtc(), c.message() == null ? "-"
                                : c.message());
            }
        }
    }

    /** {@code campaign status --lake LAKE [--name NAME]}. */
    @Command(name = "status", description = "A campaign's state, settings, selection, elapsed time, stages, progress"
            + " and outcome.")
    static final class Status extends WithoutSpark {
        private static final int FAILURES_SHOWN = 20;

        @Option(names = "--name", paramLabel = "NAME", description = "the campaign (default: every one)")
        String name;

        @Override
        String command() {
            return "status";
        }

        @Override
        void run(Lake lake, Configuration conf) throws Exception {
            List<CampaignRecord> shown = new ArrayList<>();
            if (name != null) {
                shown.add(Campaigns.get(lake, conf, name));
            } else {
                shown.addAll(Campaigns.read(lake, conf).values());
            }
            for (CampaignRecord c : shown) {
                Instant end = c.endedUtc() == null ? Instant.now() : Instant.parse(c.endedUtc());
                Duration elapsed = Duration.between(Instant.parse(c.startedUtc()), end);
                System.out.printf(Locale.ROOT, "campaign %s: %s, started %s, %d s elapsed%s%n", c.name(),
                        c.state().label(), c.startedUtc(), elapsed.toSeconds(), c.message() == null ? ""
                                : "; " + c.message());
                System.out.println("  MS: " + (c.selection().isEmpty() ? "every MS of the lake" : c.selection()));
                if (c.state() != CampaignRecord.State.DROPPED) {
                    Campaigns.Progress p = Campaigns.progress(lake, conf, c.name());
                    System.out.printf(Locale.ROOT, "  calibrated %d of %d MS converted; %d failed to convert%n",
                            p.finished(), p.converted(), p.failed().size());
                    p.failed().stream().limit(FAILURES_SHOWN).forEach(f -> System.out.println("    " + f));
                    if (p.failed().size() > FAILURES_SHOWN) {
                        System.out.printf(Locale.ROOT, "    ... %d more (sql: SELECT uri, error FROM ms WHERE status"
                                + " = 'failed')%n", p.failed().size() - FAILURES_SHOWN);
                    }
                }
                if (!c.stages().isEmpty()) {
                    System.out.println(c.state() == CampaignRecord.State.RUNNING ? "  stages (if its process is gone,"
                            + " run the campaign again to resume):" : "  stages of its last run:");
                    c.stages().forEach(line -> System.out.println("    " + line));
                }
                if (c.progress() != null) {
                    System.out.println("  progress as of " + c.recordedUtc() + ": " + c.progress());
                }
                System.out.println("  vispark " + c.visparkVersion() + ", calibrator catalogue SHA-256 "
                        + c.catalogueSha256());
                c.settings().forEach(line -> System.out.println("  " + line));
            }
        }
    }

    /** {@code campaign compare --lake LAKE A B [--report DIR]}. */
    @Command(name = "compare", description = "Two campaigns side by side: verdicts per MS, gain differences per table.")
    static final class Compare extends WithoutSpark {
        @Parameters(index = "0", paramLabel = "A")
        String a;

        @Parameters(index = "1", paramLabel = "B")
        String b;

        @Option(names = "--report", paramLabel = "DIR", description = "also an HTML page with plots, DIR/index.html")
        Path report;

        @Override
        String command() {
            return "compare";
        }

        @Override
        void run(Lake lake, Configuration conf) throws Exception {
            CampaignComparison.compare(lake, conf, a, b, report, System.out);
        }
    }

    /** {@code campaign publish --lake LAKE NAME [--force]}. */
    @Command(name = "publish", description = "Make campaign NAME what everyone reads: main becomes its branch.")
    static final class Publish extends WithoutSpark {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--force", description = "publish even when main changed since the campaign started")
        boolean force;

        @Override
        String command() {
            return "publish";
        }

        @Override
        void run(Lake lake, Configuration conf) throws Exception {
            CampaignJob.publish(lake, conf, name, force, System.out);
        }
    }

    /** {@code campaign drop --lake LAKE NAME}. */
    @Command(name = "drop", description = "Drop campaign NAME: its branch goes (lake maintain deletes its files).")
    static final class Drop extends WithoutSpark {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        String command() {
            return "drop";
        }

        @Override
        void run(Lake lake, Configuration conf) throws Exception {
            CampaignJob.drop(lake, conf, name, System.out);
        }
    }
}
