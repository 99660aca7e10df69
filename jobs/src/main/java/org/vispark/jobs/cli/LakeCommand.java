package org.vispark.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.IcebergMaintenance;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeRelocate;
import org.vispark.jobs.lake.LakeUpgrade;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vispark lake maintain|upgrade|relocate LAKE}: housekeeping of a lake's table state. */
@Command(name = "lake", description = "Maintain, upgrade or relocate a visibility lake's tables.",
        subcommands = {LakeCommand.Maintain.class, LakeCommand.Upgrade.class, LakeCommand.Relocate.class})
final class LakeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a lake command: maintain, upgrade or relocate");
    }

    /** {@code vispark lake maintain LAKE}: compaction, snapshot expiry and orphan removal ({@link IcebergMaintenance}). */
    @Command(name = "maintain", description = "Compact the Iceberg tables' small files, expire old snapshots and "
            + "delete orphan files.")
    static final class Maintain implements Callable<Integer> {
        private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

        @Parameters(index = "0", paramLabel = "LAKE", description = "lake root")
        String root;

        @Option(names = "--older-than", defaultValue = "7d", paramLabel = "AGE",
                description = "expire snapshots and delete orphan files older than AGE: a number and s, m, h or d"
                        + " (default ${DEFAULT-VALUE}); time travel reaches back this far")
        String olderThan;

        @Option(names = "--retain-last", defaultValue = "5", paramLabel = "N",
                description = "keep the newest N snapshots of each table whatever their age (default ${DEFAULT-VALUE})")
        int retainLast;

        @Mixin
        SparkSessions sparkOptions;

        @Override
        public Integer call() {
            IcebergMaintenance.Policy policy;
            try {
                policy = new IcebergMaintenance.Policy(age(olderThan).toMillis(), retainLast);
            } catch (IllegalArgumentException e) {
                System.err.println("lake maintain: " + e.getMessage());
                return 2;
            }
            return sparkOptions.run("lake maintain", spark -> {
                Configuration conf = spark.sparkContext().hadoopConfiguration();
                IcebergMaintenance.run(spark, Lake.open(root, conf), conf, policy, BatchCommitter.newRunId(),
                        System.out);
                return 0;
            });
        }

        /** An age such as {@code 7d}, {@code 12h}, {@code 30m} or {@code 0s}. */
        static Duration age(String text) {
            Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("--older-than '" + text + "' is not an age such as 7d, 12h, 30m"
                        + " or 0s");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }

    /** The work of a lake command that needs no Spark. */
    @FunctionalInterface
    interface LakeWork {
        void run(String root, Configuration conf, PrintStream console) throws Exception;
    }

    /** A lake command that works on the lake's files alone, without Spark: exit status 0, or 2 with the reason. */
    abstract static class WithoutSpark implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LAKE", description = "lake root")
        String root;

        private final String name;
        private final LakeWork work;

        WithoutSpark(String name, LakeWork work) {
            this.name = name;
            this.work = work;
        }

        @Override
        public Integer call() {
            try {
                work.run(root, SparkSessions.hadoopConf(), System.out);
                return 0;
            } catch (Exception e) {
                System.err.println(name + ": " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code vispark lake upgrade LAKE} ({@link LakeUpgrade}). */
    @Command(name = "upgrade", description = "Turn a lake written by an older vispark into the current format, in"
            + " place, without rewriting its data files.")
    static final class Upgrade extends WithoutSpark {
        Upgrade() {
            super("lake upgrade", LakeUpgrade::upgrade);
        }
    }

    /** {@code vispark lake relocate LAKE} ({@link LakeRelocate}). */
    @Command(name = "relocate", description = "Make a copied lake its own: its Iceberg tables name the copy's files"
            + " instead of the original's (time travel starts anew).")
    static final class Relocate extends WithoutSpark {
        Relocate() {
            super("lake relocate", LakeRelocate::relocate);
        }
    }
}
