package org.vispark.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.predict.PredictJob;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark predict --lake LAKE (--calibrator NAME | --auto) [--catalogue FILE] [--beam] [--where SQL]} or
 * {@code vispark predict --lake LAKE --catalogue FILE ...}: fills MODEL_DATA with one calibrator of the catalogue, the
 * catalogue sources in each MS's beam, or (given neither) every source of the catalogue file named. {@code --catalog}
 * is an alias of {@code --catalogue} (the spelling of every command). Exit status 0 when every selected MS got its
 * model, 1 when some failed, 2 for a failed run or bad options.
 */
@Command(name = "predict", description = "Fill MODEL_DATA of MS in a lake with a sky model, for each row's own phase"
        + " centre, as a new version of each MS: --calibrator NAME (one source of the catalogue), --auto (the"
        + " catalogue's sources in each MS's beam) or, given neither, every source of --catalogue FILE.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    RewriteOptions rewrite;

    static final class Model {
        @Option(names = "--calibrator", paramLabel = "NAME", description = "one calibrator of the catalogue")
        String calibrator;

        @Option(names = "--auto", description = "per MS, the sources of the calibrator catalogue (--catalogue) within"
                + " half the primary-beam FWHM of its pointing")
        boolean auto;
    }

    @ArgGroup(exclusive = true)
    Model model;

    @Mixin
    CatalogueOption catalogue;

    @Option(names = "--beam", description = "attenuate by a Gaussian primary beam about each field's REFERENCE_DIR")
    boolean beam;

    @Mixin
    DishOption dish;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        PredictJob.Options o;
        try {
            List<SkyComponent> components = null;
            CalibratorCatalogue auto = null;
            String label;
            Path file = catalogue.orDefault();
            if (model == null && catalogue.given() == null) {
                throw new IllegalArgumentException("choose the model: --calibrator NAME, --auto, or --catalogue FILE"
                        + " (every source of the file)");
            } else if (model != null && model.calibrator != null) {
                components = List.of(CalibratorCatalogue.read(file).get(model.calibrator).component());
                label = "calibrator " + model.calibrator;
            } else if (model != null && model.auto) {
                auto = CalibratorCatalogue.read(file);
                label = "catalogue " + file;
            } else {
                components = CalibratorCatalogue.read(file).calibrators().stream()
                        .map(CalibratorCatalogue.Calibrator::component).toList();
                label = "catalogue " + file;
            }
            PrimaryBeam b = beam ? dish.beam() : null;
            o = new PredictJob.Options(rewrite.lake(), components, auto, label, b, rewrite.where(), rewrite.codec());
        } catch (Exception e) {
            System.err.println("predict: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("predict", spark -> {
            PredictJob.Summary s = PredictJob.run(spark, o, System.out);
            System.out.printf(Locale.ROOT, "predict: %d MS selected: %d given a model, %d failed; %d rows, %.1f s%n",
                    s.selected(), s.predicted(), s.failures().size(), s.rows(), s.seconds());
            s.failures().forEach(f -> System.err.println("FAILED " + f));
            return s.failures().isEmpty() ? 0 : 1;
        });
    }
}
