package org.vispark.jobs.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * Campaigns (issue 18): two campaigns with different settings over the same MS coexist on branches of their own,
 * main untouched; their results differ where the settings make them differ (G phase-only against amplitude and
 * phase) and are equal elsewhere (K); running one again resumes it without duplicating anything, and with other
 * settings is refused with the differences; compare, publish (which changes what {@code sql} reads by default, and is
 * refused when main moved unless forced) and drop (whose files {@code lake maintain} then deletes).
 */
class CampaignTest {
    @AfterAll
    static void stop() {
        TestData.spark("CampaignTest").stop();
    }

    @Test
    void twoCampaignsCoexistAndOneIsPublished(@TempDir Path tmp) throws Exception {
        DemoLake demo = DemoLake.convert(tmp);
        String lake = demo.lake();
        String inputs = demo.inputs();

        String started = run("campaign", "run", "--lake", lake, "--name", "phase_only", "--set", "g.calmode=p", inputs);
        assertTrue(started.contains("campaign phase_only: started") && started.contains("2 calibrated, 0 failed"),
                started);
        run("campaign", "run", "--lake", lake, "--name", "amp_phase", "--set", "g.calmode=ap", inputs);

        // main is as convert left it; each campaign's branch holds its own calibration
        assertEquals("n\n0", sql(lake, null, "SELECT count(*) AS n FROM gains"));
        assertEquals("n\n0", sql(lake, null, "SELECT count(*) AS n FROM visibilities WHERE corrected_data IS NOT NULL"));
        for (String c : List.of("phase_only", "amp_phase")) {
            assertEquals("n\n2", sql(lake, c, "SELECT count(*) AS n FROM pipeline"), c);
            assertEquals("n\n2", sql(lake, c, "SELECT count(DISTINCT ms_id) AS n FROM flag_stats"), c + ": flagged");
            assertEquals("n\n0", sql(lake, c, "SELECT count(*) AS n FROM visibilities WHERE corrected_data IS NULL"), c);
        }
        // every result row names its campaign: SQL over both branches tells them apart
        for (String table : List.of("gains", "diagnostics", "diagnostics_antennas", "pipeline", "flag_stats")) {
            assertEquals("campaign\nphase_only", sql(lake, "phase_only", "SELECT DISTINCT campaign FROM " + table),
                    table);
        }
        assertEquals("campaign,solutions\namp_phase,true\nphase_only,true", sql(lake, null, "SELECT campaign,"
                + " count(*) > 0 AS solutions FROM (SELECT campaign FROM lake.gains.branch_phase_only UNION ALL"
                + " SELECT campaign FROM lake.gains.branch_amp_phase) GROUP BY campaign ORDER BY campaign"));
        String k = "SELECT ms_id, antenna, pol, time, gain_re, gain_im, delay_ns FROM gains"
                + " WHERE table_name = 'pipeline_K' ORDER BY ms_id, antenna, pol, time";
        String kPhaseOnly = sql(lake, "phase_only", k);
        assertTrue(kPhaseOnly.lines().count() > 10, kPhaseOnly);
        assertEquals(kPhaseOnly, sql(lake, "amp_phase", k), "K solved with the same settings: the same delays");
        String gAmplitude = "SELECT round(max(abs(sqrt(gain_re * gain_re + gain_im * gain_im) - 1)), 9) AS d"
                + " FROM gains WHERE table_name = 'pipeline_G' AND NOT flagged";
        assertEquals("d\n0.0", sql(lake, "phase_only", gAmplitude), "phase-only G: unit amplitudes");
        assertNotEquals("d\n0.0", sql(lake, "amp_phase", gAmplitude), "amplitude and phase G: not all unit");

        // run again: resumed, nothing redone or duplicated; with other settings: refused, the difference named
        String gains = "SELECT count(*) AS n FROM lake.gains.branch_phase_only";
        String before = sql(lake, null, gains);
        String again = run("campaign", "run", "--lake", lake, "--name", "phase_only", "--set", "g.calmode=p", inputs);
        assertTrue(again.contains("resumed") && again.contains("0 MS to calibrate"), again);
        assertEquals(before, sql(lake, null, gains), "no row added by the resumed run");
        Cli.Result other = Cli.run("campaign", "run", "--lake", lake, "--name", "phase_only", "--set", "g.calmode=ap");
        assertEquals(2, other.status(), other.out());
        assertTrue(other.err().contains("g.calmode: p -> ap"), other.err());

        String list = run("campaign", "list", "--lake", lake);
        assertEquals(2, list.lines().filter(l -> l.contains(" finished ") && l.contains("2 of 2 MS calibrated"))
                .count(), "outcomes of both, phase_only's after its resumed run: " + list);
        Path report = tmp.resolve("compare");
        String compare = run("campaign", "compare", "--lake", lake, "phase_only", "amp_phase", "--report",
                report.toString());
        assertTrue(compare.contains("largest |g_phase_only - g_amp_phase| 0.00 over")
                && compare.contains("compare phase_only amp_phase: 0 MS better in amp_phase, 0 worse, 1 the same"),
                compare);
        assertTrue(compare.lines().anyMatch(l -> l.startsWith("gains pipeline_G:") && !l.contains("| 0.00 over")),
                "G differs: " + compare);
        assertTrue(Files.readString(report.resolve("index.html")).contains("pipeline_G")
                && Files.size(report.resolve("pipeline_G-difference.png")) > 1000);
        String status = run("campaign", "status", "--lake", lake, "--name", "amp_phase");
        assertTrue(status.contains("g.calmode=ap") && status.contains("finished")
                && status.contains("calibrated 2 of 2 MS converted; 0 failed to convert"), status);
        // every stage of its run, MS and failures counted
        for (String stage : List.of("convert: 2 MS, 0 failed", "flag: 2 MS, 0 failed", "diagnose: 1 MS, 0 failed",
                "rephase+predict: 1 MS, 0 failed", "solve pipeline_K: 1 MS, 0 failed", "solve pipeline_G: 1 MS, 0"
                + " failed", "solve pipeline_B: 1 MS, 0 failed", "apply: 2 MS, 0 failed",
                "diagnose after: 1 MS, 0 failed")) {
            assertTrue(status.contains("\n    " + stage + ", "), stage + " in\n" + status);
        }
        assertFalse(status.contains("running since"), status);

        // a campaign over the MS a condition selects; another condition under its name is refused
        String calibratorOnly = run("campaign", "run", "--lake", lake, "--name", "calibrator_only", "--where",
                "uri LIKE '%0834+555%'");
        assertTrue(calibratorOnly.contains("1 calibrated, 0 failed"), calibratorOnly);
        assertEquals("n\n1", sql(lake, "calibrator_only", "SELECT count(*) AS n FROM pipeline"));
        Cli.Result otherWhere = Cli.run("campaign", "run", "--lake", lake, "--name", "calibrator_only", "--where",
                "true");
        assertEquals(2, otherWhere.status(), otherWhere.out());
        assertTrue(otherWhere.err().contains("where: uri LIKE '%0834+555%'"), otherWhere.err());

        // --campaign newest: the campaign that ran to its end last
        assertEquals("n\n1", sql(lake, "newest", "SELECT count(*) AS n FROM pipeline"));
        // the exports read a campaign's branch: its G as a CASA table, its CORRECTED_DATA in an MS
        Cli.Result noGains = Cli.run("export-caltable", "--lake", lake, "--table", "pipeline_G", "--output",
                tmp.resolve("main.G").toString());
        assertEquals(2, noGains.status(), "main holds no gains yet: " + noGains.out());
        for (String c : List.of("phase_only", "amp_phase")) {
            run("export-caltable", "--lake", lake, "--campaign", c, "--table", "pipeline_G", "--output",
                    tmp.resolve(c + ".G").toString());
        }
        String amplitudes = "import sys, numpy as np, casacore.tables as t\n"
                + "c = t.table(sys.argv[1], ack=False)\n"
                + "g = c.getcol('CPARAM')[~c.getcol('FLAG')]\n"
                + "print(len(g), float(np.max(np.abs(np.abs(g) - 1))))\n";
        String[] p = TestData.python("-c", amplitudes, tmp.resolve("phase_only.G").toString()).strip().split(" ");
        String[] ap = TestData.python("-c", amplitudes, tmp.resolve("amp_phase.G").toString()).strip().split(" ");
        assertTrue(Integer.parseInt(p[0]) > 10 && Double.parseDouble(p[1]) < 1e-6, "phase-only G in CASA: " + p[1]);
        assertTrue(Double.parseDouble(ap[1]) > 1e-3, "amplitude and phase G in CASA: " + ap[1]);
        Path exported = tmp.resolve("exported");
        run("export-ms", "--lake", lake, "--campaign", "amp_phase", "--where", "uri LIKE '%0834+555%'", "--output",
                exported.toString());
        String columns = TestData.python("-c", "import sys, glob, casacore.tables as t\n"
                + "print(t.table(glob.glob(sys.argv[1] + '/*.ms')[0], ack=False).colnames())", exported.toString());
        assertTrue(columns.contains("CORRECTED_DATA"), columns);

        // publish: what sql reads by default becomes the campaign's
        String g = "SELECT ms_id, antenna, pol, time, gain_re, gain_im FROM gains WHERE table_name = 'pipeline_G'"
                + " ORDER BY ms_id, antenna, pol, time";
        run("campaign", "publish", "--lake", lake, "phase_only");
        assertEquals(sql(lake, "phase_only", g), sql(lake, null, g));
        assertEquals("n\n2", sql(lake, null, "SELECT count(*) AS n FROM pipeline"));
        Cli.Result moved = Cli.run("campaign", "publish", "--lake", lake, "amp_phase");
        assertEquals(2, moved.status());
        assertTrue(moved.err().contains("main changed since campaign amp_phase started"), moved.err());
        run("campaign", "publish", "--lake", lake, "amp_phase", "--force");
        assertEquals(sql(lake, "amp_phase", g), sql(lake, null, g));

        // drop: the branch goes, and maintenance deletes the files only it held
        Configuration conf = new Configuration();
        Set<Path> onlyDropped = files(lake, conf, "phase_only");
        onlyDropped.removeAll(files(lake, conf, "amp_phase"));
        onlyDropped.removeAll(files(lake, conf, "calibrator_only"));
        assertFalse(onlyDropped.isEmpty());
        run("campaign", "drop", "--lake", lake, "phase_only");
        Cli.Result dropped = Cli.run("sql", "--lake", lake, "--campaign", "phase_only", "SELECT 1");
        assertEquals(2, dropped.status());
        run("lake", "maintain", lake, "--older-than", "0s", "--retain-last", "1");
        for (Path f : onlyDropped) {
            assertFalse(Files.exists(f), f + " was the dropped campaign's alone");
        }
        assertEquals(sql(lake, "amp_phase", g), sql(lake, null, g), "the published campaign is whole");
    }

    /** The visibility files of a campaign's branch. */
    private static Set<Path> files(String lake, Configuration conf, String campaign) throws Exception {
        Configuration c = new Configuration(conf);
        c.set(IcebergTables.BRANCH, campaign);
        Set<Path> out = new HashSet<>();
        for (org.apache.hadoop.fs.Path p : IcebergTables.of(Lake.open(lake, c), c).currentFiles(LakeTable.VISIBILITIES)) {
            out.add(Path.of(p.toUri()));
        }
        return out;
    }

    /** The CSV a query prints, over main (campaign null) or a campaign's branch. */
    private static String sql(String lake, String campaign, String query) {
        return campaign == null ? run("sql", "--lake", lake, "--format", "csv", query)
                : run("sql", "--lake", lake, "--campaign", campaign, "--format", "csv", query);
    }

    private static String run(String... args) {
        return DemoLake.run(args);
    }
}
