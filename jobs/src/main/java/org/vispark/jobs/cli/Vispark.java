package org.vispark.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vispark} command line: one subcommand per job. */
@Command(name = "vispark", mixinStandardHelpOptions = true, version = "vispark 0.1.0",
        description = "Radio-interferometric calibration at archive scale on Apache Spark.",
        subcommands = {InspectCommand.class, ConvertCommand.class, SqlCommand.class, RephaseCommand.class,
            PredictCommand.class, ExportMsCommand.class, DiagnoseCommand.class,
            SolveCommand.class, ApplyCommand.class, FlagCommand.class, ExportCaltableCommand.class, PipelineCommand.class,
            CampaignCommand.class, DemoCommand.class, LakeCommand.class})
public final class Vispark implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Vispark()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
