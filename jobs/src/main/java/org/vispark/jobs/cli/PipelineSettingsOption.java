package org.vispark.jobs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vispark.jobs.pipeline.PipelineSettings;
import picocli.CommandLine.Option;

/**
 * {@code --settings FILE} and {@code --set KEY=VALUE}..., the pipeline settings of {@code pipeline} and
 * {@code campaign run}, as a picocli mixin.
 */
final class PipelineSettingsOption {
    @Option(names = "--settings", paramLabel = "FILE",
            description = "pipeline settings (default: conf/pipeline.properties of the installation)")
    private Path settings;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one setting (repeatable)")
    private List<String> overrides;

    /** The settings file's, with every {@code --set} and then {@code more} ("KEY=VALUE") applied. */
    PipelineSettings load(List<String> more) throws IOException {
        List<String> o = new ArrayList<>(overrides == null ? List.of() : overrides);
        o.addAll(more);
        return PipelineSettings.load(settings != null ? settings : Installation.conf().resolve("pipeline.properties"),
                o);
    }
}
