package org.vispark.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --catalogue FILE}, the calibrator catalogue (the format of {@code conf/calibrators.csv}), spelled the same in
 * every command that reads one. {@code --catalog FILE} is accepted as the same option and not shown in the help;
 * giving the file twice is an error.
 */
final class CatalogueOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Path file;

    @Option(names = "--catalogue", paramLabel = "FILE",
            description = "calibrator catalogue (default: conf/calibrators.csv of the installation)")
    void catalogue(Path f) {
        set(f);
    }

    @Option(names = "--catalog", paramLabel = "FILE", hidden = true, description = "the same as --catalogue")
    void catalog(Path f) {
        set(f);
    }

    private void set(Path f) {
        if (file != null) {
            throw new ParameterException(spec.commandLine(), "the catalogue is given twice (--catalogue and --catalog"
                    + " are one option): " + file + " and " + f);
        }
        file = f;
    }

    /** The file given, or null. */
    Path given() {
        return file;
    }

    /** The file given, else the installation's {@code conf/calibrators.csv}. */
    Path orDefault() {
        return file != null ? file : Installation.conf().resolve("calibrators.csv");
    }
}
