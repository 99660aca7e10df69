package org.vispark.jobs.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * Issue 7's acceptance tests on casacore-written MS (make_ms.py): the 0834+555 incident (FAIL at 54.7 arcmin, then
 * PASS after rephase and predict) and an MS whose FIELD table lies about the phase centre; a field and spectral window
 * with two correlation layouts is refused.
 */
class DiagnoseCommandTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";

    @AfterAll
    static void stop() {
        TestData.spark("DiagnoseCommandTest").stop();
    }

    /** The diagnostics rows (newest run) of a lake, in field order. */
    static List<Row> diagnostics(Path lake) throws Exception {
        SparkSession spark = TestData.spark("DiagnoseCommandTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark.sql("SELECT separation_arcmin, phase_diff_scatter_deg, amp_ratio, data_peak_offset_arcmin,"
                + " verdict, reasons, model_phase_scatter_deg, amp_ratio_scalar, median_snr, flagged_fraction,"
                + " (SELECT count(*) FROM diagnostics_antennas) FROM diagnostics ORDER BY ms_id, field_id").collectAsList();
    }

    @Test
    void theIncidentFailsAtItsSeparationAndPassesAfterRephaseAndPredict(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"));
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Path report = tmp.resolve("report");
        Result r = Cli.run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue", CATALOGUE,
                "--report", report.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        System.out.print(r.out());
        Row before = diagnostics(lake).get(0);
        System.out.println("before: " + before);
        assertEquals(54.7, before.getDouble(0), 0.2);
        assertEquals("FAIL", before.getString(4));
        String reasons = before.getString(5);
        assertTrue(reasons.contains("separation_arcmin") && reasons.contains("phase_diff_scatter_deg")
                && reasons.contains("amp_ratio"), reasons);
        assertTrue(before.getDouble(1) >= 30 && before.getDouble(2) <= 0.5, before.toString());
        assertEquals(0, before.getDouble(6), 1e-3, "MODEL_DATA of make_ms.py is a source at the phase centre");
        assertTrue(before.getDouble(3) < 2, "the data put the source at the calibrator: " + before);
        assertTrue(before.getLong(10) >= 24, "per-antenna rows");
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("FAIL") && html.contains("incident.ms"), "report names the MS and its verdict");
        for (String png : List.of("sky.png", "f0-amp.png", "f0-phase.png", "f0-snr.png")) {
            assertTrue(Files.size(report.resolve(png)) > 1000, png);
        }

        // the model make_ms.py simulated: 0834+555 at its catalogue position with make_ms.py's 2.5 Jy
        Path model = tmp.resolve("model.csv");
        Files.writeString(model, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "0834+555,,08h34m54.90s,+55d34m21.00s,2.5,1400,0,the flux make_ms.py simulates\n");
        Result rephase = Cli.run("rephase", "--lake", lake.toString(), "--to-calibrator", "0834+555", "--catalogue",
                CATALOGUE);
        assertEquals(0, rephase.status(), rephase.err());
        // --auto: the catalogue's sources within the primary beam of the MS (here 0834+555, 54.7 arcmin off the pointing)
        Result predict = Cli.run("predict", "--lake", lake.toString(), "--auto", "--catalogue", model.toString());
        assertEquals(0, predict.status(), predict.err());
        assertTrue(predict.out().contains("incident.ms: [0834+555]"), predict.out());
        Result again = Cli.run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue",
                CATALOGUE);
        assertEquals(0, again.status(), again.err());
        List<Row> rows = diagnostics(lake);
        assertEquals(1, rows.size(), "the view shows the current version's newest run only");
        Row after = rows.get(0);
        System.out.println("after rephase + predict: " + after);
        assertTrue(after.getDouble(0) < 0.1, after.toString());
        assertTrue(after.getDouble(1) < 30, after.toString());
        assertTrue(after.getDouble(2) > 0.5, after.toString());
        assertEquals("PASS", after.getString(4), after.getString(5));
    }

    @Test
    void aFieldTableThatLiesIsCaughtByTheDataPeak(@TempDir Path tmp) throws Exception {
        // data phased 54.7 arcmin from 0834+555 (make_ms.py's default centre), no MODEL_DATA; then FIELD claims the
        // phase centre is the calibrator itself
        Path ms = TestData.makeMs(tmp.resolve("in/liar.ms"), "--model", "none");
        String trueOffset = TestData.python("-c", "import casacore.tables as t, numpy as np\n"
                + "f = t.table('" + ms.resolve("FIELD") + "', readonly=False, ack=False)\n"
                + "ra, dec = f.getcol('PHASE_DIR')[0, 0]\n"
                + "cra, cdec = np.radians(128.72875), np.radians(55.5725)\n"
                + "d = np.sin(dec)*np.sin(cdec) + np.cos(dec)*np.cos(cdec)*np.cos(ra - cra)\n"
                + "print(np.degrees(np.arccos(min(1.0, d))) * 60)\n"
                + "for c in ('PHASE_DIR', 'DELAY_DIR', 'REFERENCE_DIR'):\n"
                + "    f.putcell(c, 0, np.array([[cra, cdec]]))\n"
                + "f.close()\n").strip();
        double offset = Double.parseDouble(trueOffset.lines().reduce((a, b) -> b).orElseThrow());
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Result r = Cli.run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue", CATALOGUE);
        assertEquals(0, r.status(), r.out() + r.err());
        Row row = diagnostics(lake).get(0);
        System.out.println("lying FIELD: true offset " + offset + " arcmin; " + row);
        assertTrue(row.getDouble(0) < 0.01, "FIELD claims the calibrator: " + row);
        assertTrue(row.isNullAt(1) && row.isNullAt(2), "no MODEL_DATA, no model statistics: " + row);
        assertEquals("FAIL", row.getString(4));
        assertTrue(row.getString(5).contains("data_peak_offset_arcmin"), row.getString(5));
        assertEquals(offset, row.getDouble(3), 1.0);
        assertFalse(row.getString(5).contains("separation_arcmin"), row.getString(5));
    }

    @Test
    void aFieldAndWindowWithTwoCorrelationLayoutsIsRefusedByName(@TempDir Path tmp) throws Exception {
        // a copy of the ALMA MS (XX YY, every row field 2, spw 0) whose odd rows point at a new POLARIZATION row 2 of
        // YY XX through a new DATA_DESCRIPTION row 1 of the same window: one (field, spw), two correlation layouts
        Path ms = tmp.resolve("in/alma_two_layouts.ms");
        TestData.copyTree(TestData.shared().resolve("data/ms/X5707_1spw_1scan_10chan_1time_1bl_noatm.ms"), ms);
        TestData.python("-c", "import numpy as np; from casacore import tables as pt\n"
                + "p = pt.table('" + ms.resolve("POLARIZATION") + "', readonly=False, ack=False)\n"
                + "p.addrows(1)\n"
                + "for c in p.colnames(): p.putcell(c, 2, p.getcell(c, 0))\n"
                + "p.putcell('CORR_TYPE', 2, p.getcell('CORR_TYPE', 0)[::-1].copy())\n"
                + "p.putcell('CORR_PRODUCT', 2, p.getcell('CORR_PRODUCT', 0)[:, ::-1].copy())\n"
                + "p.close()\n"
                + "d = pt.table('" + ms.resolve("DATA_DESCRIPTION") + "', readonly=False, ack=False)\n"
                + "d.addrows(1)\n"
                + "for c in d.colnames(): d.putcell(c, 1, d.getcell(c, 0))\n"
                + "d.putcell('POLARIZATION_ID', 1, 2)\n"
                + "d.close()\n"
                + "t = pt.table('" + ms + "', readonly=False, ack=False)\n"
                + "t.putcol('DATA_DESC_ID', (np.arange(t.nrows()) % 2).astype(np.int32))\n"
                + "t.close()\n");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Result r = Cli.run("diagnose", "--lake", lake.toString(), "--catalogue", CATALOGUE);
        assertEquals(1, r.status(), r.out() + r.err());
        String failed = r.err().lines().filter(l -> l.startsWith("FAILED ")).findFirst().orElse("");
        assertTrue(failed.contains("/alma_two_layouts.ms: ") && failed.contains("field 2, spectral window 0 has rows of"
                + " POLARIZATION_ID 0 [XX, YY] and 2 [YY, XX]"), r.err());
    }
}
