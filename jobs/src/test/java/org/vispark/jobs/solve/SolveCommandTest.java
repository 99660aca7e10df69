package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Issue 8's acceptance tests through the command line on casacore-written MS (make_ms.py): G against the injected
 * gains at the thermal limit and CORRECTED/MODEL after apply; the incident's bandpass before and after rephase +
 * predict with K and G p pre-applied; exported calibration tables against CASA-written ones and the lake's values.
 */
class SolveCommandTest {
    private static final double FLUX_JY = 2.5;
    private static final String CATALOGUE = "../conf/calibrators.csv";
    private static final Path COMPARE_CALTABLE = Path.of("../formats/src/test/resources/caltable/compare_caltable.py");
    private static final Path TRUTH_GAINS = Path.of("../udfs/src/test/resources/solve/truth_gains.py");

    @AfterAll
    static void stop() {
        TestData.spark("SolveCommandTest").stop();
    }

    static SparkSession lakeSession(Path lake) throws Exception {
        SparkSession spark = TestData.spark("SolveCommandTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark;
    }

    /**
     * G ap, solint int, refant 0: every solution within 3 sigma of make_ms.py's gain. Thermal limit per antenna k
     * (noise sigma per complex value, model S over N channels, P = N S^2, D_k = sum_{j != k} P |g_j|^2): complex
     * error variance sigma^2 / D_k plus the reference antenna's phase error carried over,
     * |g_k|^2 sigma^2 / (2 |g_0|^2 D_0); for antenna 0 itself sigma^2 / (2 D_0) (amplitude only).
     */
    @Test
    void gainsAgreeWithTheTruthAndCorrectedOverModelIsOne(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/cal.ms"), "--nant", "12", "--nchan", "64", "--ntime", "8", "--seed",
                "3", "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,2.5", "--model", "true", "--delay",
                "0", "--ripple", "0");
        Truth truth = Truth.read(Path.of(ms + ".truth.json"));
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Path plots = tmp.resolve("plots");
        Result r = Cli.run("solve", "--lake", lake.toString(), "--table", "G0", "--gaintype", "G", "--calmode", "ap",
                "--solint", "int", "--refant", "0", "--plots", plots.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(Files.size(plots.resolve("G0-amp-time.png")) > 1000 && Files.size(plots.resolve("G0-kept.png")) > 1000);

        SparkSession spark = lakeSession(lake);
        List<Row> gains = spark.sql("SELECT time, antenna, pol, gain_re, gain_im, flagged, channel FROM gains"
                + " WHERE table_name = 'G0'").collectAsList();
        assertEquals(truth.times.length * truth.nant * truth.npol, gains.size());
        double sigma = truth.noise;
        double p = truth.nchan * FLUX_JY * FLUX_JY;
        double worst = 0;
        Map<String, Double> relVar = new HashMap<>();
        for (Row g : gains) {
            int t = truth.timeIndex(g.getDouble(0));
            int a = g.getInt(1);
            int pol = g.getInt(2);
            assertTrue(!g.getBoolean(5) && g.getInt(6) == -1, g.toString());
            double[] d = new double[truth.nant];
            for (int k = 0; k < truth.nant; k++) {
                for (int j = 0; j < truth.nant; j++) {
                    if (j != k) {
                        d[k] += p * truth.abs2(t, j, pol);
                    }
                }
            }
            double var = a == 0 ? sigma * sigma / (2 * d[0])
                    : sigma * sigma / d[a] + truth.abs2(t, a, pol) * sigma * sigma / (2 * truth.abs2(t, 0, pol) * d[0]);
            double err = Math.hypot(g.getDouble(3) - truth.re(t, a, pol), g.getDouble(4) - truth.im(t, a, pol));
            worst = Math.max(worst, err / Math.sqrt(var));
            relVar.put(t + "/" + a + "/" + pol, var / truth.abs2(t, a, pol));
            assertTrue(err <= 3 * Math.sqrt(var), "antenna " + a + " pol " + pol + " time " + t + ": error " + err
                    + " > 3 sigma = " + 3 * Math.sqrt(var));
        }
        System.out.printf("G ap: %d solutions, worst error %.2f sigma of the thermal limit%n", gains.size(), worst);

        Result apply = Cli.run("apply", "--lake", lake.toString(), "--tables", "G0", "--interp", "nearest");
        assertEquals(0, apply.status(), apply.out() + apply.err());
        spark = lakeSession(lake);
        // per baseline and polarization: the mean of CORRECTED / MODEL over times and channels
        Map<String, double[]> sums = new HashMap<>();
        for (Row v : spark.sql("SELECT antenna1, antenna2, time, vis_floats(corrected_data), vis_floats(model_data)"
                + " FROM visibilities WHERE antenna1 != antenna2").collectAsList()) {
            List<Float> c = v.getList(3);
            List<Float> m = v.getList(4);
            for (int k = 0; k < c.size() / 2; k++) {
                double mr = m.get(2 * k);
                double mi = m.get(2 * k + 1);
                double m2 = mr * mr + mi * mi;
                double qr = (c.get(2 * k) * mr + c.get(2 * k + 1) * mi) / m2;
                double qi = (c.get(2 * k + 1) * mr - c.get(2 * k) * mi) / m2;
                double[] s = sums.computeIfAbsent(v.getInt(0) + "-" + v.getInt(1) + "/" + (k % truth.npol),
                        x -> new double[3]);
                s[0] += qr;
                s[1] += qi;
                s[2]++;
            }
        }
        double meanAmp = 0;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            double amp = Math.hypot(s[0], s[1]) / s[2];
            meanAmp += amp / sums.size();
            String[] key = e.getKey().split("[-/]");
            int i = Integer.parseInt(key[0]);
            int j = Integer.parseInt(key[1]);
            int pol = Integer.parseInt(key[2]);
            double rel = 0;
            for (int t = 0; t < truth.times.length; t++) {
                rel += (relVar.get(t + "/" + i + "/" + pol) + relVar.get(t + "/" + j + "/" + pol)) / truth.times.length;
            }
            double noise = sigma * sigma / (FLUX_JY * FLUX_JY * s[2] * truth.abs2(0, i, pol) * truth.abs2(0, j, pol));
            double tol = 5 * Math.sqrt(rel + noise);
            assertEquals(1, amp, tol, "baseline " + e.getKey() + ": |mean CORRECTED/MODEL|");
        }
        System.out.printf("after apply: mean over %d baseline-polarizations of |CORRECTED/MODEL| = %.5f%n", sums.size(),
                meanAmp);
        assertEquals(1, meanAmp, 0.005);

        // the exported G table: CASA's structure (sma.ms.amp.gcal), the lake's values
        exportAndCompare(spark, lake, "G0", "G Jones", TestData.shared().resolve("data/caltables/sma.ms.amp.gcal"),
                tmp.resolve("cal.G0"), tmp);
    }

    /**
     * The incident's geometry (make_ms.py's defaults: phase centre 54.7 arcmin from the calibrator, MODEL_DATA at the
     * phase centre) with two changes that bring its decorrelation and noise closer to DSA-110's: integrations of
     * 60 s (a 24 minute track, so the offset source's fringe winds further on make_ms.py's compact array; the
     * incident's DSA-110 baselines of up to 2.5 km decorrelated it to an amplitude ratio of 0.04, make_ms.py's
     * default 5 minutes only to 0.3) and a noise of 4 Jy per visibility (DSA-110's: SEFD of order 10^4 Jy, 244 kHz,
     * 12.9 s) instead of 0.05 Jy.
     */
    @Test
    void theIncidentBandpassIsMostlyFlaggedBeforeRephasingAndKeptAfter(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"), "--noise", "4", "--tint", "60");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Result before = Cli.run("solve", "--lake", lake.toString(), "--table", "B_before", "--gaintype", "B",
                "--solint", "inf", "--minsnr", "3");
        assertEquals(0, before.status(), before.out() + before.err());
        double keptBefore = kept(lake, "B_before");

        Path model = tmp.resolve("model.csv");
        Files.writeString(model, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "0834+555,,08h34m54.90s,+55d34m21.00s,2.5,1400,0,the flux make_ms.py simulates\n");
        assertEquals(0, Cli.run("rephase", "--lake", lake.toString(), "--to-calibrator", "0834+555", "--catalogue",
                CATALOGUE).status());
        assertEquals(0, Cli.run("predict", "--lake", lake.toString(), "--catalog", model.toString()).status());
        for (String[] step : List.of(
                new String[] {"--table", "K", "--gaintype", "K", "--solint", "inf"},
                new String[] {"--table", "Gp", "--gaintype", "G", "--calmode", "p", "--solint", "int", "--pre", "K"},
                new String[] {"--table", "B", "--gaintype", "B", "--solint", "inf", "--minsnr", "3", "--solnorm",
                    "--pre", "K,Gp"})) {
            List<String> args = new ArrayList<>(List.of("solve", "--lake", lake.toString()));
            args.addAll(List.of(step));
            Result s = Cli.run(args.toArray(String[]::new));
            assertEquals(0, s.status(), s.out() + s.err());
        }
        double keptAfter = kept(lake, "B");
        System.out.printf("incident bandpass: %.1f%% of solutions kept before rephasing, %.1f%% after rephase +"
                + " predict with K and G p pre-applied%n", 100 * keptBefore, 100 * keptAfter);
        assertTrue(keptBefore < 0.6, "before: " + keptBefore);
        assertTrue(keptAfter >= 0.95, "after: " + keptAfter);

        exportAndCompare(lakeSession(lake), lake, "B", "B Jones", TestData.shared().resolve("data/caltables/sma.ms.bcal"),
                tmp.resolve("cal.B"), tmp);
        Result k = Cli.run("export-caltable", "--lake", lake.toString(), "--table", "K", "--output",
                tmp.resolve("cal.K").toString());
        assertEquals(0, k.status(), k.err());
        Result again = Cli.run("export-caltable", "--lake", lake.toString(), "--table", "K", "--output",
                tmp.resolve("cal.K").toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("already exists"), again.err());
        Result unknown = Cli.run("export-caltable", "--lake", lake.toString(), "--table", "nope", "--output",
                tmp.resolve("cal.nope").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("nope is not in the lake"), unknown.err());
    }

    private static double kept(Path lake, String table) throws Exception {
        Row r = lakeSession(lake).sql("SELECT avg(CASE WHEN flagged THEN 0D ELSE 1D END), count(*) FROM gains"
                + " WHERE table_name = '" + table + "'").first();
        assertTrue(r.getLong(1) > 0);
        return r.getDouble(0);
    }

    /**
     * Exports {@code table} and runs formats' compare_caltable.py against CASA's table of the same type, with the
     * lake's gains (ordered as export-caltable orders rows: time, spectral window, antenna) as the expected values.
     */
    private static void exportAndCompare(SparkSession spark, Path lake, String table, String visCal, Path casa,
            Path out, Path tmp) throws Exception {
        List<Row> gains = spark.sql("SELECT time, spw, antenna, pol, greatest(channel, 0), gain_re, gain_im, flagged,"
                + " snr FROM gains WHERE table_name = '" + table + "' ORDER BY time, spw, antenna, channel, pol")
                .collectAsList();
        Result e = Cli.run("export-caltable", "--lake", lake.toString(), "--table", table, "--output", out.toString());
        assertEquals(0, e.status(), e.out() + e.err());
        List<Double> time = new ArrayList<>();
        List<Integer> antenna = new ArrayList<>();
        List<List<Float>> cparam = new ArrayList<>();
        List<List<Boolean>> flag = new ArrayList<>();
        List<List<Float>> snr = new ArrayList<>();
        String last = null;
        for (Row g : gains) {
            String key = g.getDouble(0) + "/" + g.getInt(1) + "/" + g.getInt(2);
            if (!key.equals(last)) {
                time.add(g.getDouble(0));
                antenna.add(g.getInt(2));
                cparam.add(new ArrayList<>());
                flag.add(new ArrayList<>());
                snr.add(new ArrayList<>());
                last = key;
            }
            cparam.get(cparam.size() - 1).addAll(List.of((float) g.getDouble(5), (float) g.getDouble(6)));
            flag.get(flag.size() - 1).add(g.getBoolean(7));
            snr.get(snr.size() - 1).add((float) g.getDouble(8));
        }
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("TIME", time);
        main.put("ANTENNA1", antenna);
        main.put("CPARAM", cparam);
        main.put("FLAG", flag);
        main.put("SNR", snr);
        Map<String, Object> expected = Map.of("keywords", Map.of("VisCal", visCal, "ParType", "Complex"),
                "info", Map.of("type", "Calibration", "subType", visCal), "values", Map.of("MAIN", main));
        Path json = tmp.resolve(table + ".expected.json");
        new ObjectMapper().writeValue(json.toFile(), expected);
        String report = TestData.python(COMPARE_CALTABLE.toString(), out.toString(), casa.toString(), json.toString());
        System.out.println(table + " vs " + casa.getFileName() + ": " + report.strip());
        Map<?, ?> diff = new ObjectMapper().readValue(report.strip(), Map.class);
        for (String k : List.of("missingKeywords", "keywordValues", "missingSubtables", "columnDiffs",
                "columnKeywordDiffs", "subtableColumnDiffs", "valueMismatches")) {
            assertEquals(List.of(), diff.get(k), k + ": " + report);
        }
    }

    /** make_ms.py's injected gains (via udfs' truth_gains.py). */
    record Truth(int nant, int npol, int nchan, double noise, double[] times, double[][][][] re,
            double[][][][] im) {
        static Truth read(Path json) throws Exception {
            String[] lines = TestData.python(TRUTH_GAINS.toString(), json.toString()).split("\n");
            String[] head = lines[0].trim().split(" ");
            int nt = Integer.parseInt(head[0]);
            int na = Integer.parseInt(head[1]);
            int np = Integer.parseInt(head[2]);
            int nc = Integer.parseInt(head[3]);
            double[] times = java.util.Arrays.stream(lines[2].trim().split(" ")).mapToDouble(Double::parseDouble)
                    .toArray();
            double[][][][] re = new double[nt][na][np][nc];
            double[][][][] im = new double[nt][na][np][nc];
            int line = 3;
            for (int t = 0; t < nt; t++) {
                for (int a = 0; a < na; a++) {
                    for (int p = 0; p < np; p++) {
                        String[] v = lines[line++].trim().split(" ");
                        for (int c = 0; c < nc; c++) {
                            re[t][a][p][c] = Double.parseDouble(v[2 * c]);
                            im[t][a][p][c] = Double.parseDouble(v[2 * c + 1]);
                        }
                    }
                }
            }
            return new Truth(na, np, nc, Double.parseDouble(head[4]), times, re, im);
        }

        int timeIndex(double time) {
            for (int t = 0; t < times.length; t++) {
                if (Math.abs(times[t] - time) < 1) {
                    return t;
                }
            }
            throw new AssertionError("no injected gain at time " + time);
        }

        /** Channel 0: make_ms.py's gains are constant over the band with --delay 0 --ripple 0. */
        double re(int t, int a, int p) {
            return re[t][a][p][0];
        }

        double im(int t, int a, int p) {
            return im[t][a][p][0];
        }

        double abs2(int t, int a, int p) {
            return re(t, a, p) * re(t, a, p) + im(t, a, p) * im(t, a, p);
        }
    }
}
