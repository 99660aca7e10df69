package org.vispark.jobs.rephase;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.LakeMaintenance;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.SelectedMs;
import org.vispark.jobs.predict.ModelSpec;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;

/**
 * {@code vispark rephase}: moves the visibilities of selected MS of a lake to a new J2000 phase centre.
 *
 * <p>For every selected MS it prints the separation between the phase centre recorded (FIELD.PHASE_DIR) for
 * the fields its rows use and the target; MS whose fields all lie within the tolerance are left alone. The
 * others are rewritten by Spark tasks ({@link MsRephaser}) as a new conversion of the MS, with UVW rotated,
 * the chosen complex columns multiplied by the phase factor, and the used fields' PHASE_DIR set to the
 * target (with {@link RephaseOptions#model()}, MODEL_DATA is predicted at the target in the same pass instead); each MS commits atomically through the catalogue ({@link BatchCommitter}), so readers see the old
 * version until the new one is complete. Superseded files are removed by the next {@code vispark convert}.
 * Only J2000 (and ICRS) phase centres are rephased; others are reported as failures. One writer at a time
 * per lake.
 */
public final class RephaseJob {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RephaseJob() {}

    public static RephaseSummary run(SparkSession spark, RephaseOptions o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        SelectedMs ms = SelectedMs.select(spark, o.lake(), o.where(), true);
        console.printf(Locale.ROOT, "rephase: %d MS selected; target %s = J2000 %.6f %+.6f deg%n", ms.ids().size(),
                o.targetLabel(), o.target().raDeg(), o.target().decDeg());
        List<String> failures = new ArrayList<>();
        if (ms.ids().isEmpty()) {
            return new RephaseSummary(0, 0, List.of(), failures, 0, seconds(t0));
        }
        Map<Long, Set<Integer>> usedFields = usedFields(spark, ms.ids());
        SelectedMs.Current current = ms.current();

        List<RephaseTask> tasks = new ArrayList<>();
        List<Long> within = new ArrayList<>();
        List<String> columns = o.model() == null ? o.columns()
                : o.columns().stream().filter(c -> !c.equals("model_data")).toList();
        for (long id : ms.ids()) {
            CatalogueEntry e = ms.catalogue().get(id);
            Map<LakeTable, List<GenericRecord>> tables = current.subtables(id);
            Map<Integer, GenericRecord> fields = MsVersions.byId(tables.get(LakeTable.FIELDS), "field_id");
            console.println("  " + e.uri());
            Map<Integer, double[]> centres = new TreeMap<>();
            double maxSep_arcmin = 0;
            String problem = null;
            for (int f : usedFields.getOrDefault(id, Set.of())) {
                GenericRecord field = fields.get(f);
                if (field == null) {
                    problem = "its rows use FIELD_ID " + f + ", which its FIELD table does not hold";
                    break;
                }
                String frame = field.get("phase_dir_frame").toString();
                double ra = (Double) field.get("phase_dir_lon_rad");
                double dec = (Double) field.get("phase_dir_lat_rad");
                double sep_arcmin = Math.toDegrees(Spherical.separation_rad(ra, dec, o.target().ra_rad(),
                        o.target().dec_rad())) * 60;
                console.printf(Locale.ROOT, "    field %d %-12s phase centre %s %11.6f %+10.6f deg: %.3f arcmin from"
                        + " the target%n", f, field.get("name"), frame, Math.toDegrees(ra), Math.toDegrees(dec), sep_arcmin);
                if (!frame.equals(RaDec.J2000) && !frame.equals("ICRS")) {
                    problem = "field " + f + " has its phase centre in frame " + frame + "; only J2000 (or ICRS)"
                            + " phase centres can be rephased";
                    break;
                }
                centres.put(f, new double[] {ra, dec});
                maxSep_arcmin = Math.max(maxSep_arcmin, sep_arcmin);
            }
            if (problem == null && centres.isEmpty()) {
                problem = "no visibility rows";
            }
            if (problem != null) {
                console.println("    -> not rephased: " + problem);
                failures.add(e.uri() + ": " + problem);
            } else if (maxSep_arcmin <= o.toleranceArcmin()) {
                console.println("    -> within " + o.toleranceArcmin() + " arcmin of the target: left as it is");
                within.add(id);
            } else {
                console.println("    -> rephasing" + (o.model() == null ? ""
                        : ", MODEL_DATA predicted at the target: " + o.model().label()));
                tasks.add(new RephaseTask(id, e.uri(), e.conversion(), RANDOM.nextLong() & Long.MAX_VALUE,
                        current.files(id), centres,
                        MsVersions.frequencies(tables.get(LakeTable.SPECTRAL_WINDOWS)),
                        new double[] {o.target().ra_rad(), o.target().dec_rad()}, columns, current.runId(),
                        ms.lake().layout(), o.codec(), o.model() == null ? null
                                : ModelSpec.forMs(o.model().components(), o.model().beam(), tables)));
            }
        }

        List<RephaseResult> done = NewVersions.run(spark, current.newVersions(ConvertJob.VERSION), tasks,
                MsRephaser::run,
                t -> (table, row) -> movePhaseCentre(table, row, t, o.target()), failures, "rephase", console);
        LakeMaintenance.compactRuns(ms.lake(), ms.conf(), current.runId());
        return new RephaseSummary(ms.ids().size(), done.size(), within, failures,
                done.stream().mapToLong(RephaseResult::rows).sum(), seconds(t0));
    }

    /** The FIELD_IDs the visibility rows of each selected MS use (reads two small columns). */
    private static Map<Long, Set<Integer>> usedFields(SparkSession spark, List<Long> ids) {
        spark.createDataset(ids, Encoders.LONG()).toDF("sel_ms_id").createOrReplaceTempView("_vispark_rephase_selection");
        Map<Long, Set<Integer>> used = new HashMap<>();
        for (Row r : spark.sql("SELECT DISTINCT v.ms_id, v.field_id FROM visibilities v LEFT SEMI JOIN"
                + " _vispark_rephase_selection s ON v.ms_id = s.sel_ms_id").collectAsList()) {
            used.computeIfAbsent(r.getLong(0), k -> new TreeSet<>()).add(r.getInt(1));
        }
        return used;
    }

    /**
     * Sets PHASE_DIR of the fields whose rows were rephased to the target; a drift scan's record of how convert chose
     * its centre gets what happened since.
     */
    private static void movePhaseCentre(LakeTable table, GenericRecord row, RephaseTask t, RaDec target) {
        if (table == LakeTable.FIELDS && t.fieldCentres_rad().containsKey((Integer) row.get("field_id"))) {
            Object choice = row.get("phase_centre_choice");
            if (choice != null) {
                row.put("phase_centre_choice", String.format(java.util.Locale.ROOT,
                        "rephased to J2000 %.6f %+.6f deg from J2000 %.6f %+.6f deg, which convert chose: %s",
                        target.raDeg(), target.decDeg(), Math.toDegrees((Double) row.get("phase_dir_lon_rad")),
                        Math.toDegrees((Double) row.get("phase_dir_lat_rad")), choice));
            }
            row.put("phase_dir_lon_rad", target.ra_rad());
            row.put("phase_dir_lat_rad", target.dec_rad());
            row.put("phase_dir_frame", RaDec.J2000);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
