package org.vispark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.demo.DemoArchive;
import org.vispark.jobs.demo.DemoGains;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.LakeFiles;
import org.vispark.jobs.testing.TestData;

/**
 * Soak of a campaign on a Spark standalone cluster ({@link StandaloneCluster}, two workers of one core): 300 simulated
 * MS and three corrupt ones; a worker killed while converting and the other while solving (each started again, as a
 * rebooted machine), and the driver killed (SIGKILL to spark-submit's process group) while applying; then the campaign
 * submitted again under its name. Every good MS must be calibrated exactly once, every corrupt one recorded with its
 * reason, and the results equal those of an uninterrupted local campaign over the same MS; after {@code lake
 * maintain}, no file of the lake is unreferenced.
 */
class CampaignSoakIT {
    private static final DemoArchive.Size SIZE = new DemoArchive.Size(100, 2, 8, 16, 4);
    private static final String NAME = "soak";
    private static final long WAIT_SECONDS = 1800;
    /** A progress line of convert before its end: "convert: 60/302 MS done, ...". */
    private static final Pattern CONVERTING = Pattern.compile("convert: (\\d+)/(?!\\1 )\\d+ MS done");

    @TempDir
    Path tmp;

    /** What is compared between the cluster's and the local campaign, by MS path (each lake draws its own ids). */
    private static final Map<String, String> RESULTS = new LinkedHashMap<>();

    static {
        RESULTS.put("visibilities", "SELECT count(*) AS n, bit_xor(xxhash64(ms.uri, v.row, v.uvw, v.data, v.model_data,"
                + " v.corrected_data, v.flag, v.weight)) AS h FROM visibilities v JOIN ms ON v.ms_id = ms.ms_id");
        RESULTS.put("gains", "SELECT count(*) AS n, bit_xor(xxhash64(ms.uri, g.table_name, g.antenna, g.pol, g.spw,"
                + " g.channel, g.time, g.gain_re, g.gain_im, g.delay_ns, g.snr, g.flagged)) AS h FROM gains g JOIN ms"
                + " ON g.ms_id = ms.ms_id");
        RESULTS.put("diagnostics", "SELECT count(*) AS n, bit_xor(xxhash64(ms.uri, d.field_id, d.verdict, d.reasons,"
                + " d.separation_arcmin, d.phase_diff_scatter_deg, d.amp_ratio, d.flagged_fraction)) AS h"
                + " FROM diagnostics d JOIN ms ON d.ms_id = ms.ms_id");
        RESULTS.put("pipeline", "SELECT p.role, p.verdict, count(*) AS n, count(DISTINCT p.ms_id) AS distinct_ms,"
                + " bit_xor(xxhash64(ms.uri, p.gain_tables)) AS h FROM pipeline p JOIN ms ON p.ms_id = ms.ms_id"
                + " GROUP BY p.role, p.verdict ORDER BY p.role, p.verdict");
        RESULTS.put("flag_stats", "SELECT count(*) AS n, count(DISTINCT ms_id) AS distinct_ms FROM flag_stats");
        RESULTS.put("failed", "SELECT uri, error FROM ms WHERE status != 'converted' ORDER BY uri");
        RESULTS.put("duplicates", "SELECT (SELECT count(*) FROM visibilities) - (SELECT count(*) FROM (SELECT DISTINCT"
                + " ms_id, row FROM visibilities)) AS rows, (SELECT count(*) FROM gains) - (SELECT count(*) FROM"
                + " (SELECT DISTINCT ms_id, table_name, antenna, pol, spw, channel, time FROM gains)) AS gains,"
                + " (SELECT count(*) FROM pipeline) - (SELECT count(DISTINCT ms_id) FROM pipeline) AS pipeline");
    }

    @Test
    void aCampaignOn300MsSurvivesTwoLostWorkersAndAKilledDriver() throws Exception {
        Path in = tmp.resolve("in");
        List<Path> good = DemoArchive.write(in, SIZE, DemoGains.Spec.typical(), 7,
                new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(300, good.size());
        Map<String, String> corrupt = corrupt(good.get(0), in);
        String inputs = in + "/*.ms";
        Path clusterLake = tmp.resolve("cluster-lake");
        List<String> campaign = List.of("campaign", "run", "--lake", clusterLake.toString(), "--name", NAME, inputs);

        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2)) {
            Path log = cluster.log("submit");
            Process driver = cluster.submit("submit", campaign);
            // worker 1 goes while the MS are converted (after convert's first progress line), worker 2 while G is
            // solved
            await(driver, log, "convert's first progress line", () -> CONVERTING.matcher(readFrom(log, 0)).find());
            loseWorker(cluster, 0, driver, 1);
            await(driver, log, "solve G", () -> logHas(log, "table pipeline_G"));
            loseWorker(cluster, 1, driver, 2);
            await(driver, log, "apply", () -> logHas(log, "apply: "));
            StandaloneCluster.killGroup(driver);
            assertEquals(137, driver.exitValue(), "spark-submit killed by SIGKILL");
            String killed = run("campaign", "status", "--lake", clusterLake.toString(), "--name", NAME);
            assertTrue(killed.contains("    apply: running since ") && killed.contains("    convert: 303 MS, 3 failed, ")
                    && killed.contains("    solve pipeline_G: 100 MS, 0 failed, "), killed);

            Process resumed = cluster.submit("resumed", campaign);
            assertTrue(resumed.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the resumed campaign did not finish");
            String resumedLog = Files.readString(cluster.log("resumed"));
            assertEquals(1, resumed.exitValue(), "3 corrupt MS fail, the rest calibrate:\n" + resumedLog);
            assertTrue(resumedLog.contains("campaign " + NAME + ": resumed"), resumedLog);
        }

        String status = run("campaign", "status", "--lake", clusterLake.toString(), "--name", NAME);
        assertTrue(status.contains("300 of 300 MS calibrated"), status);
        Map<String, String> onCluster = results(clusterLake);
        assertEquals("rows,gains,pipeline\n0,0,0", onCluster.get("duplicates"));
        assertTrue(onCluster.get("flag_stats").endsWith(",300"), "every good MS flagged: "
                + onCluster.get("flag_stats"));
        List<String> failed = onCluster.get("failed").lines().skip(1).toList();
        assertEquals(corrupt.size(), failed.size(), onCluster.get("failed"));
        corrupt.forEach((ms, reason) -> assertTrue(failed.stream().anyMatch(l -> l.contains(ms + ".ms")
                && l.contains(reason)), ms + " recorded failed, naming " + reason + ":\n" + onCluster.get("failed")));
        long calibrated = onCluster.get("pipeline").lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[2]))
                .sum();
        assertEquals(300, calibrated, onCluster.get("pipeline"));

        Path localLake = tmp.resolve("local-lake");
        Cli.Result local = Cli.run("campaign", "run", "--lake", localLake.toString(), "--name", NAME, inputs);
        assertEquals(1, local.status(), local.out() + local.err());
        assertEquals(results(localLake), onCluster);

        run("lake", "maintain", clusterLake.toString(), "--older-than", "0s");
        assertEquals(List.of(), LakeFiles.unreferenced(clusterLake), "files no snapshot references after maintain");
        assertEquals(onCluster, results(clusterLake), "maintain changed the campaign's results");
    }

    /**
     * Three corrupt MS beside the good ones, copies of {@code base}: DATA's storage file cut in half, no ANTENNA
     * subtable, a table.dat of zeros. Their names, with what their recorded error must mention.
     */
    private static Map<String, String> corrupt(Path base, Path in) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path truncated = in.resolve("zz_truncated.ms");
        TestData.copyTree(base, truncated);
        Path biggest;
        try (Stream<Path> s = Files.list(truncated)) {
            biggest = s.filter(p -> p.getFileName().toString().startsWith("table.f"))
                    .max(Comparator.comparingLong(CampaignSoakIT::size)).orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(biggest, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        out.put("zz_truncated", biggest.getFileName().toString());
        Path noAntenna = in.resolve("zz_no_antenna.ms");
        TestData.copyTree(base, noAntenna);
        TestData.deleteTree(noAntenna.resolve("ANTENNA"));
        out.put("zz_no_antenna", "ANTENNA");
        Path zeros = in.resolve("zz_zeroed.ms");
        TestData.copyTree(base, zeros);
        Files.write(zeros.resolve("table.dat"), new byte[(int) size(zeros.resolve("table.dat"))]);
        out.put("zz_zeroed", "table.dat");
        return out;
    }

    /**
     * Kills worker {@code w}, waits until the master has removed it and told the application of its lost executor
     * (the {@code lost}-th time), and starts it again.
     */
    private static void loseWorker(StandaloneCluster cluster, int w, Process driver, int lost) throws Exception {
        cluster.killWorker(w);
        Path master = cluster.log("master");
        await(driver, master, "the master losing worker " + (w + 1), () -> occurrences(readFrom(master, 0),
                "Telling app of lost executor") >= lost);
        cluster.startWorker(w);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until {@code condition} holds while the driver runs; an error naming {@code what} when it ends first. */
    private static void await(Process driver, Path log, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(driver.isAlive(), "the campaign ended before " + what + ":\n" + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "no " + what + " after " + WAIT_SECONDS + " s");
            Thread.sleep(20);
        }
    }

    private static boolean logHas(Path log, String text) {
        return readFrom(log, 0).contains(text);
    }

    private static String readFrom(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> results(Path lake) {
        Map<String, String> out = new LinkedHashMap<>();
        RESULTS.forEach((what, query) -> out.put(what, run("sql", "--lake", lake.toString(), "--campaign", NAME,
                "--format", "csv", query)));
        return out;
    }

    private static String run(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.out() + r.err());
        return r.out().strip();
    }
}
