package org.vispark.jobs.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.cli.Vispark;
import org.vispark.jobs.testing.LakeFiles;
import org.vispark.jobs.testing.TestData;

/**
 * A campaign killed with SIGKILL (its whole process group) during each stage in turn, then run again under the same
 * name, ends with exactly the results of an uninterrupted campaign with the same settings: the same gains, verdicts,
 * diagnostics after calibration, flags, DATA, MODEL_DATA and CORRECTED_DATA of every row, and no duplicate row; after
 * {@code lake maintain}, no file in the lake that no table references, and the same results.
 */
class CampaignKillTest {
    /**
     * A line each stage prints as it starts, which occurrence of it (diagnose runs twice), and the stage as
     * {@code campaign status} names it.
     */
    private record Stage(String name, String marker, int occurrence, String listed) {}

    private static final List<Stage> STAGES = List.of(
            new Stage("flag", "flag: 2 MS selected", 1, "flag"),
            new Stage("diagnose", "diagnose: 1 MS selected", 1, "diagnose"),
            new Stage("rephase+predict", "rephase: 1 MS selected", 1, "rephase+predict"),
            new Stage("solve K", "table pipeline_K", 1, "solve pipeline_K"),
            new Stage("solve G", "table pipeline_G", 1, "solve pipeline_G"),
            new Stage("solve B", "table pipeline_B", 1, "solve pipeline_B"),
            new Stage("apply", "apply: 2 MS selected", 1, "apply"),
            new Stage("diagnose after", "diagnose: 1 MS selected", 2, "diagnose after"));

    /** What is compared between campaigns (no conversion ids or run ids: each campaign makes its own). */
    private static final Map<String, String> RESULTS = new LinkedHashMap<>();

    static {
        RESULTS.put("gains", "SELECT ms_id, table_name, antenna, pol, spw, channel, time, gain_re, gain_im, delay_ns,"
                + " snr, flagged FROM gains ORDER BY ms_id, table_name, antenna, pol, spw, channel, time");
        RESULTS.put("pipeline", "SELECT ms_id, role, calibrator, gain_tables, verdict FROM pipeline ORDER BY ms_id");
        RESULTS.put("diagnostics", "SELECT ms_id, field_id, spw, rows, separation_arcmin, phase_diff_scatter_deg,"
                + " amp_ratio, data_peak_offset_arcmin, flagged_fraction, median_snr, verdict, reasons FROM diagnostics"
                + " ORDER BY ms_id, field_id, spw");
        RESULTS.put("rows", "SELECT ms_id, row, hash(uvw, data, flag, model_data, corrected_data, weight) AS h"
                + " FROM visibilities ORDER BY ms_id, row");
        RESULTS.put("duplicates", "SELECT (SELECT count(*) FROM visibilities) - (SELECT count(*) FROM (SELECT DISTINCT"
                + " ms_id, row FROM visibilities)) AS rows, (SELECT count(*) FROM gains) - (SELECT count(*) FROM"
                + " (SELECT DISTINCT ms_id, table_name, antenna, pol, spw, channel, time FROM gains)) AS gains,"
                + " (SELECT count(*) FROM pipeline) - (SELECT count(DISTINCT ms_id) FROM pipeline) AS pipeline");
    }

    @AfterAll
    static void stop() {
        TestData.spark("CampaignKillTest").stop();
    }

    @Test
    void aCampaignKilledInEachStageResumesToTheResultsOfAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        DemoLake demo = DemoLake.convert(tmp);
        String lake = demo.lake();
        run("campaign", "run", "--lake", lake, "--name", "uninterrupted");
        Map<String, String> reference = results(lake, "uninterrupted");
        assertTrue(reference.get("gains").lines().count() > 100, reference.get("gains"));
        assertEquals("rows,gains,pipeline\n0,0,0", reference.get("duplicates"));

        for (int i = 0; i < STAGES.size(); i++) {
            Stage stage = STAGES.get(i);
            String name = "killed_" + i;
            Path log = tmp.resolve(name + ".log");
            Process child = startCampaign(lake, name, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (occurrences(log, stage.marker()) < stage.occurrence() && child.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(child.isAlive(), stage.name() + ": the run ended before it could be killed: "
                    + Files.readString(log));
            new ProcessBuilder("kill", "-KILL", "--", "-" + child.pid()).inheritIO().start().waitFor();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), stage.name() + ": killed by SIGKILL");
            // status, from another process, shows the stage it was killed in as running, those before it done
            String status = run("campaign", "status", "--lake", lake, "--name", name);
            assertTrue(status.contains("campaign " + name + ": running") && status.contains("    " + stage.listed()
                    + ": running since ") && status.contains("    convert: 0 MS, 0 failed, "), status);

            String resumed = run("campaign", "run", "--lake", lake, "--name", name);
            assertTrue(resumed.contains("campaign " + name + ": resumed"), resumed);
            assertEquals(reference, results(lake, name), "killed during " + stage.name() + ", then resumed");
        }
        // what the killed runs left (staging files, uncommitted versions) goes with maintain; the results stay
        run("lake", "maintain", lake, "--older-than", "0s");
        assertEquals(List.of(), LakeFiles.unreferenced(Path.of(lake)), "files no snapshot references after maintain");
        for (int i = 0; i < STAGES.size(); i++) {
            assertEquals(reference, results(lake, "killed_" + i), "after maintain, killed during " + STAGES.get(i).name());
        }
    }

    /** {@code vispark campaign run} in a JVM of its own, the leader of a new process group, its output in a file. */
    private static Process startCampaign(String lake, String name, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")).toList());
        cmd.addAll(List.of("-Xmx2g", "-Dvispark.conf=" + System.getProperty("vispark.conf"), "-cp", System.getProperty("java.class.path"), Vispark.class.getName(), "campaign",
                "run", "--lake", lake, "--name", name));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int occurrences(Path log, String marker) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains(marker)).count();
    }

    private static Map<String, String> results(String lake, String campaign) {
        Map<String, String> out = new LinkedHashMap<>();
        RESULTS.forEach((what, query) -> out.put(what, run("sql", "--lake", lake, "--campaign", campaign, "--format",
                "csv", query)));
        return out;
    }

    private static String run(String... args) {
        return DemoLake.run(args);
    }
}
