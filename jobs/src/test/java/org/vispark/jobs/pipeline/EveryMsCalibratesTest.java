package org.vispark.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
 * Issue 16: every MS under {@code ../shared/data/ms} (MWA, OVRO-LWA, ALMA, VLA, LWA-SV, PAPER: 1, 2 and 4
 * correlations, linear and circular), and a copy of the ALMA MS relabelled into two spectral windows and two fields
 * ({@code diagnose/two_spw_two_fields.py}), go through convert, predict (1 Jy at the phase centre of each field that
 * has rows), diagnose of DATA, solve (G ap per integration), apply and diagnose of CORRECTED_DATA in one lake. Each
 * command either succeeds on an MS or refuses it with its reason; the outcomes are recorded per MS and command,
 * printed, and checked against what each MS can give:
 * <ul>
 *   <li>the MWA MS (one autocorrelation row, flagged) has no cross-correlations to diagnose or solve;</li>
 *   <li>the ALMA MS and its copy have one baseline, which cannot be solved: solve refuses them, naming the spectral
 *       window and its 2 antennas;</li>
 *   <li>the PAPER MS holds XY only: solve and apply refuse it (no parallel hand), diagnose judges its one
 *       correlation;</li>
 *   <li>the copy of the ALMA MS gets a diagnostics row per (field, spectral window), each of its own 10 rows;</li>
 *   <li>the VLA MS (RR RL LR LL) has an amplitude ratio near 1 after calibration (1.10), judged on the parallel
 *       hands; judging its cross hands too (unpolarized model 0 there) gives 1.62.</li>
 * </ul>
 * The test leaves the MS that solve refused for want of baselines (MWA, ALMA) out of apply (apply would borrow the
 * gains of another telescope's MS, the one solved nearest in time), and records why.
 */
class EveryMsCalibratesTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";
    private static final String MWA = "1090008640_birli.ms";
    private static final String ALMA = "X5707_1spw_1scan_10chan_1time_1bl_noatm.ms";
    private static final String ALMA_TWO_SPW = "alma_two_spw_two_fields.ms";
    private static final String VLA = "day2_TDEM0003_10s_norx_1src_1spw.ms";
    private static final String PAPER = "zen.2456865.60537.xy.uvcRREAAM.ms";
    private static final List<String> COMMANDS = List.of("convert", "predict", "diagnose", "solve", "apply",
            "diagnose after");

    @AfterAll
    static void stop() {
        TestData.spark("EveryMsCalibratesTest").stop();
    }

    @Test
    void everyMsIsCalibratedOrRefusedWithItsReason(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        for (Path ms : TestData.sharedMeasurementSets()) {
            TestData.copyTree(ms, in.resolve(ms.getFileName().toString()));
        }
        Path twoSpw = in.resolve(ALMA_TWO_SPW);
        TestData.copyTree(TestData.shared().resolve("data/ms/" + ALMA), twoSpw);
        TestData.python(TestData.resource("diagnose/two_spw_two_fields.py").toString(), twoSpw.toString());
        Path lake = tmp.resolve("lake");
        Outcomes outcomes = new Outcomes();

        Result r = Cli.run("convert", "--lake", lake.toString(), in + "/*.ms");
        assertEquals(0, r.status(), r.out() + r.err());
        Map<String, Long> ids = msIds(lake);
        assertEquals(TestData.sharedMeasurementSets().size() + 1, ids.size(), ids.toString());
        ids.keySet().forEach(ms -> outcomes.ok(ms, "convert"));

        for (Map.Entry<String, List<Row>> e : fieldsWithRows(lake).entrySet()) {
            Path catalogue = tmp.resolve(e.getKey() + ".csv");
            StringBuilder csv = new StringBuilder("name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,"
                    + "reference\n");
            for (Row f : e.getValue()) {
                double ra = ((Math.toDegrees(f.getDouble(1)) % 360) + 360) % 360;
                csv.append(String.format(Locale.ROOT, "FIELD%d,,%.10fdeg,%.10fdeg,1.0,1000,0,its phase centre%n",
                        f.getInt(0), ra, Math.toDegrees(f.getDouble(2))));
            }
            Files.writeString(catalogue, csv);
            r = Cli.run("predict", "--lake", lake.toString(), "--catalogue", catalogue.toString(), "--where",
                    "ms_id = " + ids.get(e.getKey()));
            assertEquals(0, r.status(), e.getKey() + ": " + r.out() + r.err());
            outcomes.ok(e.getKey(), "predict");
        }
        assertEquals(ids.keySet(), outcomes.done("predict"));

        r = Cli.run("diagnose", "--lake", lake.toString(), "--catalogue", CATALOGUE);
        Map<String, String> failed = outcomes.record("diagnose", ids.keySet(), r);
        assertEquals(Set.of(MWA), failed.keySet(), r.out() + r.err());
        assertTrue(failed.get(MWA).contains("no unflagged cross-correlation rows"), failed.get(MWA));
        Map<String, List<Row>> before = diagnostics(lake);
        List<String> perFieldAndSpw = before.get(ALMA_TWO_SPW).stream()
                .map(d -> "field " + d.getInt(0) + " spw " + d.getInt(1) + ": " + d.getLong(2) + " rows").toList();
        assertEquals(List.of("field 1 spw 0: 10 rows", "field 1 spw 1: 10 rows", "field 2 spw 0: 10 rows",
                "field 2 spw 1: 10 rows"), perFieldAndSpw);
        assertEquals(1, before.get(PAPER).size());
        assertTrue(before.get(PAPER).get(0).isNullAt(3), "PAPER's XY has an unpolarized model of 0: no amp_ratio");

        r = Cli.run("solve", "--lake", lake.toString(), "--table", "G", "--gaintype", "G", "--calmode", "ap",
                "--solint", "int");
        failed = outcomes.record("solve", ids.keySet(), r);
        assertEquals(Set.of(MWA, ALMA, ALMA_TWO_SPW, PAPER), failed.keySet(), r.out() + r.err());
        assertTrue(failed.get(MWA).contains("no unflagged cross-correlation rows"), failed.get(MWA));
        for (String ms : List.of(ALMA, ALMA_TWO_SPW)) {
            assertTrue(failed.get(ms).contains("spectral window 0 has 2 antennas with unflagged cross-correlations")
                    && failed.get(ms).contains("one baseline cannot be solved (gains need 3 antennas)"), failed.get(ms));
        }
        assertTrue(failed.get(PAPER).contains("[XY] have no parallel hand"), failed.get(PAPER));
        Set<String> unsolvable = Set.of(MWA, ALMA, ALMA_TWO_SPW);
        for (String ms : unsolvable) {
            outcomes.refused(ms, "apply", "not solved: " + failed.get(ms));
            outcomes.refused(ms, "diagnose after", "not applied");
        }
        Set<String> applicable = notIn(ids.keySet(), unsolvable);
        String where = "ms_id IN (" + applicable.stream().map(ms -> ids.get(ms).toString())
                .collect(Collectors.joining(", ")) + ")";

        r = Cli.run("apply", "--lake", lake.toString(), "--tables", "G", "--interp", "nearest", "--where", where);
        failed = outcomes.record("apply", applicable, r);
        assertEquals(Set.of(PAPER), failed.keySet(), r.out() + r.err());
        assertTrue(failed.get(PAPER).contains("[XY] have no parallel hand"), failed.get(PAPER));
        outcomes.refused(PAPER, "diagnose after", "not applied");

        Set<String> applied = outcomes.done("apply");
        r = Cli.run("diagnose", "--lake", lake.toString(), "--catalogue", CATALOGUE, "--column", "CORRECTED_DATA",
                "--where", "ms_id IN (" + applied.stream().map(ms -> ids.get(ms).toString())
                        .collect(Collectors.joining(", ")) + ")");
        failed = outcomes.record("diagnose after", applied, r);
        assertEquals(Map.of(), failed, r.out() + r.err());
        Map<String, List<Row>> after = diagnostics(lake);
        outcomes.print(before, after);

        assertEquals(1, after.get(VLA).size());
        double vlaAmpRatio = after.get(VLA).get(0).getDouble(3);
        assertTrue(Math.abs(vlaAmpRatio - 1) < 0.2, "VLA amp_ratio after calibration, parallel hands only: "
                + vlaAmpRatio + " (with the cross hands, model 0, counted too: 1.62)");
        for (String ms : ids.keySet()) {
            for (String command : COMMANDS) {
                assertTrue(outcomes.has(ms, command), ms + " has no outcome of " + command);
            }
        }
    }

    /** What each command did with each MS: "ok" or "refused: REASON". */
    private static final class Outcomes {
        private final Map<String, Map<String, String>> byMs = new TreeMap<>();

        void ok(String ms, String command) {
            byMs.computeIfAbsent(ms, k -> new TreeMap<>()).put(command, "ok");
        }

        void refused(String ms, String command, String reason) {
            byMs.computeIfAbsent(ms, k -> new TreeMap<>()).put(command, "refused: " + reason);
        }

        boolean has(String ms, String command) {
            return byMs.getOrDefault(ms, Map.of()).containsKey(command);
        }

        Set<String> done(String command) {
            return byMs.entrySet().stream().filter(e -> "ok".equals(e.getValue().get(command))).map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /**
         * Records a command's run over {@code selected}: each MS named by a "FAILED URI: REASON" line of its output is
         * refused with that reason, the others are done. Returns the refusals, by MS.
         */
        Map<String, String> record(String command, Set<String> selected, Result r) {
            Map<String, String> failed = new TreeMap<>();
            for (String line : r.err().lines().filter(l -> l.startsWith("FAILED ")).toList()) {
                String ms = selected.stream().filter(m -> line.contains("/" + m + ":")).findFirst()
                        .orElseThrow(() -> new AssertionError(command + " failed an MS not selected: " + line));
                failed.put(ms, line.substring(line.indexOf("/" + ms + ":") + ms.length() + 3));
            }
            assertEquals(failed.isEmpty() ? 0 : 1, r.status(), command + ": " + r.out() + r.err());
            for (String ms : selected) {
                if (failed.containsKey(ms)) {
                    refused(ms, command, failed.get(ms));
                } else {
                    ok(ms, command);
                }
            }
            return failed;
        }

        void print(Map<String, List<Row>> before, Map<String, List<Row>> after) {
            for (Map.Entry<String, Map<String, String>> e : byMs.entrySet()) {
                System.out.println(e.getKey());
                for (String command : COMMANDS) {
                    System.out.println("  " + command + ": " + e.getValue().get(command));
                }
                for (Row d : before.getOrDefault(e.getKey(), List.of())) {
                    System.out.println("  diagnostics of DATA: " + d);
                }
                if ("ok".equals(e.getValue().get("diagnose after"))) {
                    for (Row d : after.getOrDefault(e.getKey(), List.of())) {
                        System.out.println("  diagnostics of CORRECTED_DATA: " + d);
                    }
                }
            }
        }
    }

    private static Set<String> notIn(Set<String> all, Set<String> some) {
        Set<String> out = new TreeSet<>(all);
        out.removeAll(some);
        return out;
    }

    private static SparkSession session(Path lake) throws Exception {
        SparkSession spark = TestData.spark("EveryMsCalibratesTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark;
    }

    private static final String NAME = "regexp_extract(ms.uri, '[^/]+$', 0)";

    private static Map<String, Long> msIds(Path lake) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : session(lake).sql("SELECT " + NAME + ", ms_id FROM ms").collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /** Per MS, the fields that have rows: field_id, J2000 PHASE_DIR (rad). */
    private static Map<String, List<Row>> fieldsWithRows(Path lake) throws Exception {
        Map<String, List<Row>> out = new TreeMap<>();
        for (Row r : session(lake).sql("SELECT " + NAME + ", f.field_id, f.phase_dir_lon_rad, f.phase_dir_lat_rad"
                + " FROM ms JOIN fields f ON f.ms_id = ms.ms_id"
                + " JOIN (SELECT DISTINCT ms_id, field_id FROM visibilities) v"
                + " ON v.ms_id = f.ms_id AND v.field_id = f.field_id ORDER BY 1, 2").collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                    .add(RowFactory.create(r.getInt(1), r.getDouble(2), r.getDouble(3)));
        }
        return out;
    }

    /**
     * Per MS, the diagnostics rows of its newest run: field_id, spw, rows, amp_ratio, phase_diff_scatter_deg, verdict,
     * reasons.
     */
    private static Map<String, List<Row>> diagnostics(Path lake) throws Exception {
        Map<String, List<Row>> out = new TreeMap<>();
        for (Row r : session(lake).sql("SELECT " + NAME + ", d.field_id, d.spw, d.rows, d.amp_ratio,"
                + " d.phase_diff_scatter_deg, d.verdict, d.reasons FROM diagnostics d JOIN ms ON d.ms_id = ms.ms_id"
                + " ORDER BY 1, 2, 3").collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(RowFactory.create(
                    r.getInt(1), r.getInt(2), r.getLong(3), r.isNullAt(4) ? null : r.getDouble(4),
                    r.isNullAt(5) ? null : r.getDouble(5), r.getString(6), r.getString(7)));
        }
        return out;
    }
}
