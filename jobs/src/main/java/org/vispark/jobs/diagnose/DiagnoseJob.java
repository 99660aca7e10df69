package org.vispark.jobs.diagnose;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeMaintenance;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.MsSelection;
import org.vispark.jobs.lake.MsTasks;
import org.vispark.jobs.lake.TimeLeft;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.sky.CalibratorChoice;
import org.vispark.udfs.diagnostics.AntennaDiagnostics;
import org.vispark.udfs.diagnostics.DataPeakSearch;
import org.vispark.udfs.diagnostics.FieldDiagnostics;
import org.vispark.udfs.diagnostics.Thresholds;
import org.vispark.udfs.diagnostics.Verdict;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * {@code vispark diagnose}: calibration diagnostics of the current version of every selected MS, from the data
 * themselves ({@link MsDiagnoser}, one Spark task per MS), written to the lake's {@code diagnostics} and
 * {@code diagnostics_antennas} tables (a row per field and spectral window, and per antenna of each; one file each per
 * batch of MS, {@link ResultTables}) and optionally an HTML report ({@link DiagnosticsReport}).
 *
 * <p>The calibrator of a field is the one named ({@code --calibrator}) or, with {@code --auto}, the catalogue source
 * nearest the field's J2000 PHASE_DIR within half the primary-beam FWHM ({@link CalibratorChoice}); a field with none
 * gets no separation, model or peak judgement (calibrator NULL). An MS that cannot be diagnosed is reported by URI
 * with the reason; the others go on.
 */
public final class DiagnoseJob {
    private DiagnoseJob() {}

    /**
     * @param calibrator  the calibrator every field is judged against, or null for automatic choice
     * @param report      directory of the HTML report, or null for none
     */
    public record Options(String lake, String calibrator, CalibratorCatalogue catalogue, Thresholds thresholds,
            PrimaryBeam beam, DiagnoseSettings settings, String where, Path report) {}

    /** MS selected, diagnosed fields (worst first), failures with reasons. */
    public record Summary(int selected, List<FieldOutcome> fields, List<String> failures, double seconds) {
        /** Fields of each verdict level. */
        public Map<Verdict.Level, Integer> counts() {
            Map<Verdict.Level, Integer> c = new EnumMap<>(Verdict.Level.class);
            for (Verdict.Level l : Verdict.Level.values()) {
                c.put(l, 0);
            }
            fields.forEach(f -> c.merge(f.verdict().level(), 1, Integer::sum));
            return c;
        }
    }

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(o.lake(), conf);
        LakeViews.register(spark, lake);
        Catalogue catalogue = Catalogue.read(lake, conf);
        List<Long> ids = MsSelection.converted(spark, catalogue, o.where());
        if (o.calibrator() != null) {
            o.catalogue().get(o.calibrator());
        }
        console.printf(Locale.ROOT, "diagnose: %d MS selected; calibrator %s%n", ids.size(),
                o.calibrator() == null ? "chosen per field from the catalogue (within FWHM/2 of the phase centre)"
                        : o.calibrator());
        Map<Long, Map<LakeTable, List<GenericRecord>>> subtables =
                MsVersions.currentSubtables(lake, conf, catalogue, Set.copyOf(ids));
        Map<Long, List<String>> files = MsVersions.visibilityFiles(lake, conf, catalogue);
        List<DiagnoseTask> tasks = new ArrayList<>();
        for (long id : ids) {
            CatalogueEntry e = catalogue.get(id);
            Map<LakeTable, List<GenericRecord>> tables = subtables.getOrDefault(id, Map.of());
            Map<Integer, double[]> freqs = MsVersions.frequencies(tables.get(LakeTable.SPECTRAL_WINDOWS));
            double meanFreq = freqs.values().stream().flatMapToDouble(Arrays::stream).average().orElse(1.4e9);
            Map<Integer, DiagnoseTask.FieldTarget> fields = new HashMap<>();
            for (GenericRecord f : tables.getOrDefault(LakeTable.FIELDS, List.of())) {
                fields.put((Integer) f.get("field_id"), target(f, o, meanFreq));
            }
            Map<Integer, String> names = new HashMap<>();
            List<double[]> positions = new ArrayList<>();
            for (GenericRecord a : tables.getOrDefault(LakeTable.ANTENNAS, List.of())) {
                names.put((Integer) a.get("antenna_id"), String.valueOf(a.get("name")));
                positions.add(MsVersions.doubles(a.get("position_itrf_m")));
            }
            tasks.add(new DiagnoseTask(id, e.uri(), e.conversion(), files.getOrDefault(id, List.of()), fields, freqs,
                    MsVersions.corrTypes(tables.get(LakeTable.POLARIZATIONS)), names,
                    DataPeakSearch.coarseBaselineLimit_m(positions.toArray(double[][]::new)), o.thresholds(), o.beam(),
                    o.settings(), lake.layout()));
        }

        String runId = BatchCommitter.newRunId();
        ResultTables results = new ResultTables(lake, conf, runId);
        String now = Instant.now().toString();
        List<FieldOutcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            long started = System.nanoTime();
            MsTasks.run(spark, tasks, (t, c, attempt) -> MsDiagnoser.run(t, c), (part, rs, done) -> {
                List<GenericRecord> rows = new ArrayList<>();
                List<GenericRecord> antennaRows = new ArrayList<>();
                for (int i = 0; i < part.size(); i++) {
                    DiagnoseTask t = part.get(i);
                    MsDiagnoser.Result r = rs.get(i);
                    if (r.error() != null) {
                        failures.add(t.uri() + ": " + r.error());
                        continue;
                    }
                    for (FieldOutcome f : r.fields()) {
                        outcomes.add(f);
                        rows.add(record(f, runId, now));
                        for (AntennaDiagnostics a : f.stats().antennas()) {
                            antennaRows.add(antennaRecord(f, a, t.antennaNames().get(a.antenna()), runId));
                        }
                    }
                }
                results.append(LakeTable.DIAGNOSTICS, rows);
                results.append(LakeTable.DIAGNOSTICS_ANTENNAS, antennaRows);
                console.printf(Locale.ROOT, "diagnose: %d/%d MS done, %d failed%s%n", done, tasks.size(),
                        failures.size(), TimeLeft.of(done, tasks.size(), started));
            });
        } finally {
            LakeMaintenance.deleteStaging(lake, runId);
        }
        outcomes.sort(DiagnosticsReport.WORST_FIRST);
        Summary s = new Summary(ids.size(), List.copyOf(outcomes), failures, (System.nanoTime() - t0) / 1e9);
        if (o.report() != null) {
            DiagnosticsReport.write(o.report(), s, o.catalogue(), o.thresholds());
            console.println("diagnose: report " + o.report().resolve("index.html"));
        }
        return s;
    }

    private static DiagnoseTask.FieldTarget target(GenericRecord f, Options o, double meanFreq_hz) {
        int id = (Integer) f.get("field_id");
        String name = f.get("name") == null ? null : f.get("name").toString();
        Object frame = f.get("phase_dir_frame");
        if (frame == null || !(frame.toString().equals("J2000") || frame.toString().equals("ICRS"))) {
            return new DiagnoseTask.FieldTarget(id, name, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN);
        }
        double ra = (Double) f.get("phase_dir_lon_rad");
        double dec = (Double) f.get("phase_dir_lat_rad");
        CalibratorCatalogue.Calibrator c;
        if (o.calibrator() != null) {
            c = o.catalogue().get(o.calibrator());
        } else {
            List<CalibratorCatalogue.Calibrator> near = CalibratorChoice.inBeam(o.catalogue(), o.beam(), ra, dec,
                    meanFreq_hz);
            c = near.isEmpty() ? null : near.get(0);
        }
        return new DiagnoseTask.FieldTarget(id, name, ra, dec, c == null ? null : c.name(),
                c == null ? Double.NaN : c.position().ra_rad(), c == null ? Double.NaN : c.position().dec_rad());
    }

    private static GenericRecord record(FieldOutcome f, String runId, String now) {
        GenericRecord r = new GenericData.Record(LakeTable.DIAGNOSTICS.schema());
        DiagnoseTask.FieldTarget t = f.target();
        FieldDiagnostics d = f.stats();
        r.put("ms_id", f.msId());
        r.put("conversion", f.conversion());
        r.put("run_id", runId);
        r.put("field_id", t.fieldId());
        r.put("field_name", t.name());
        r.put("spw", f.spw());
        r.put("rows", f.rows());
        r.put("time_mjd_sec", f.meanTime_mjdSec());
        r.put("calibrator", t.calibrator());
        r.put("calibrator_ra_deg", deg(t.calibratorRa_rad()));
        r.put("calibrator_dec_deg", deg(t.calibratorDec_rad()));
        r.put("phase_centre_ra_deg", Math.toDegrees(t.phaseCentreRa_rad()));
        r.put("phase_centre_dec_deg", Math.toDegrees(t.phaseCentreDec_rad()));
        r.put("separation_arcmin", orNull(f.separation_arcmin()));
        r.put("separation_over_fwhm", orNull(f.separationOverFwhm()));
        r.put("model_phase_scatter_deg", orNull(d.modelPhaseScatter_deg()));
        r.put("phase_diff_scatter_deg", orNull(d.phaseDiffScatter_deg()));
        r.put("amp_ratio", orNull(d.ampRatio()));
        r.put("amp_ratio_scalar", orNull(d.ampRatioScalar()));
        if (f.peak() != null) {
            r.put("data_peak_ra_deg", Math.toDegrees(f.peak().ra_rad()));
            r.put("data_peak_dec_deg", Math.toDegrees(f.peak().dec_rad()));
            r.put("data_peak_offset_arcmin", orNull(f.peak().offset_arcmin()));
        }
        r.put("flagged_fraction", orNull(d.flaggedFraction()));
        r.put("median_snr", orNull(d.medianSnr()));
        r.put("verdict", f.verdict().level().name());
        r.put("reasons", f.verdict().reasonText());
        r.put("diagnosed_utc", now);
        return r;
    }

    private static GenericRecord antennaRecord(FieldOutcome f, AntennaDiagnostics a, String name, String runId) {
        GenericRecord r = new GenericData.Record(LakeTable.DIAGNOSTICS_ANTENNAS.schema());
        r.put("ms_id", f.msId());
        r.put("conversion", f.conversion());
        r.put("run_id", runId);
        r.put("field_id", f.target().fieldId());
        r.put("spw", f.spw());
        r.put("antenna", a.antenna());
        r.put("antenna_name", name);
        r.put("snr", orNull(a.snr()));
        r.put("flagged_fraction", orNull(a.flaggedFraction()));
        r.put("mean_amplitude", orNull(a.meanAmplitude()));
        return r;
    }

    private static Double deg(double rad) {
        return Double.isNaN(rad) ? null : Math.toDegrees(rad);
    }

    /** NaN (not measured) as NULL; infinities (noise-free data) kept. */
    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
