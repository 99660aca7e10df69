package org.vispark.jobs.predict;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.SelectedMs;
import org.vispark.jobs.sky.CalibratorChoice;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * {@code vispark predict}: fills MODEL_DATA of the selected MS of a lake with the visibilities of a sky model
 * (point and Gaussian components, optionally attenuated by the primary beam about each field's REFERENCE_DIR), for
 * each row's own phase centre. Each MS becomes a new version committed atomically ({@link BatchCommitter}); readers
 * see the old one until then. Fields whose phase centre is not J2000 (or ICRS) make the MS fail with the reason.
 */
public final class PredictJob {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PredictJob() {}

    /**
     * @param components the sky model, or null to choose it per MS from {@code auto}
     * @param auto       with {@code components} null: each MS's model is the sources of this catalogue within half the
     *                   primary-beam FWHM of its first field's pointing ({@link CalibratorChoice}); else null
     * @param beam       the primary beam, or null for none
     * @param where      SQL condition on the ms table, or null for all converted MS
     */
    public record Options(String lake, List<SkyComponent> components, CalibratorCatalogue auto, String modelLabel,
            PrimaryBeam beam, String where, String codec) {
        public Options {
            if ((components == null) == (auto == null)) {
                throw new IllegalArgumentException("predict needs either a sky model or a catalogue to choose from");
            }
        }
    }

    /** MS selected, MS given a model, failures with reasons, rows written. */
    public record Summary(int selected, int predicted, List<String> failures, long rows, double seconds) {}

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        SelectedMs ms = SelectedMs.select(spark, o.lake(), o.where(), false);
        console.printf(Locale.ROOT, "predict: %d MS selected; model %s (%s), %s%n", ms.ids().size(),
                o.modelLabel(), o.components() == null ? "sources within FWHM/2 of each MS's pointing"
                        : o.components().size() + " component(s)", o.beam() == null ? "no primary beam"
                        : String.format(Locale.ROOT, "primary beam of a %.2f m dish", o.beam().dishDiameter_m()));
        SelectedMs.Current current = ms.current();
        List<String> failures = new ArrayList<>();
        List<PredictTask> tasks = new ArrayList<>();
        for (long id : ms.ids()) {
            CatalogueEntry e = ms.catalogue().get(id);
            Map<LakeTable, List<GenericRecord>> tables = current.subtables(id);
            List<GenericRecord> fields = tables.getOrDefault(LakeTable.FIELDS, List.of());
            Map<Integer, double[]> centres = ModelSpec.j2000Directions(fields, "phase_dir");
            Map<Integer, double[]> pointings = ModelSpec.j2000Directions(fields, "reference_dir");
            Map<Integer, double[]> freqs = MsVersions.frequencies(tables.get(LakeTable.SPECTRAL_WINDOWS));
            List<SkyComponent> model = o.components();
            if (model == null) {
                model = inBeam(o.auto(), o.beam() != null ? o.beam() : PrimaryBeam.dsa110(), pointings, centres, freqs);
                if (model.isEmpty()) {
                    failures.add(e.uri() + ": no source of the catalogue within half the primary-beam FWHM of its"
                            + " pointing; not predicted");
                    continue;
                }
                console.printf("predict: %s: %s%n", e.uri(), model.stream().map(SkyComponent::name).toList());
            }
            tasks.add(new PredictTask(id, e.uri(), e.conversion(), RANDOM.nextLong() & Long.MAX_VALUE,
                    current.files(id), centres, freqs, ModelSpec.forMs(model, o.beam(), tables), current.runId(),
                    ms.lake().layout(), o.codec()));
        }

        List<MsPredictor.Result> done = NewVersions.run(spark, current.newVersions(ConvertJob.VERSION), tasks,
                MsPredictor::run, t -> (table, row) -> { }, failures, "predict", console);
        return new Summary(ms.ids().size(), done.size(), failures,
                done.stream().mapToLong(MsPredictor.Result::rows).sum(), (System.nanoTime() - t0) / 1e9);
    }

    /** The catalogue sources within FWHM/2 of the lowest field's pointing (else phase centre) at the mean frequency. */
    private static List<SkyComponent> inBeam(CalibratorCatalogue catalogue, PrimaryBeam beam,
            Map<Integer, double[]> pointings, Map<Integer, double[]> centres, Map<Integer, double[]> freqs) {
        Map<Integer, double[]> where = pointings.isEmpty() ? centres : pointings;
        if (where.isEmpty()) {
            return List.of();
        }
        double[] p = where.get(new TreeMap<>(where).firstKey());
        double f = freqs.values().stream().flatMapToDouble(Arrays::stream).average().orElse(1.4e9);
        return CalibratorChoice.inBeam(catalogue, beam, p[0], p[1], f).stream()
                .map(CalibratorCatalogue.Calibrator::component).toList();
    }
}
