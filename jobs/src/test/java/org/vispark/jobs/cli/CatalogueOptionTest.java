package org.vispark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import picocli.CommandLine;

/**
 * One spelling for the calibrator catalogue: every command that reads it documents {@code --catalogue FILE} and
 * accepts {@code --catalog FILE} as the same option, not shown in the help.
 */
class CatalogueOptionTest {
    private static final Path FILE = Path.of("cat.csv");

    @Test
    void bothSpellingsNameTheSameFileInEveryCommand() {
        for (String spelling : List.of("--catalogue", "--catalog")) {
            PredictCommand p = new PredictCommand();
            new CommandLine(p).parseArgs("--lake", "L", spelling, FILE.toString());
            assertEquals(FILE, p.catalogue.given(), "predict " + spelling);
            PredictCommand withCalibrator = new PredictCommand();
            new CommandLine(withCalibrator).parseArgs("--lake", "L", "--calibrator", "0834+555", spelling, FILE.toString());
            assertEquals(FILE, withCalibrator.catalogue.given(), "predict --calibrator with " + spelling);
            DiagnoseCommand d = new DiagnoseCommand();
            new CommandLine(d).parseArgs("--lake", "L", spelling, FILE.toString());
            assertEquals(FILE, d.catalogue.given(), "diagnose " + spelling);
            RephaseCommand r = new RephaseCommand();
            new CommandLine(r).parseArgs("--lake", "L", "--to-calibrator", "0834+555", spelling, FILE.toString());
            assertEquals(FILE, r.catalogue.given(), "rephase " + spelling);
        }
    }

    @Test
    void helpDocumentsOnlyCatalogue() {
        for (Object command : List.of(new PredictCommand(), new DiagnoseCommand(), new RephaseCommand())) {
            String usage = new CommandLine(command).getUsageMessage();
            assertTrue(usage.contains("--catalogue=FILE") && !usage.contains("--catalog="), usage);
        }
    }

    @Test
    void predictWithoutAModelIsRefused() {
        Result r = Cli.run("predict", "--lake", "L");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--catalogue FILE"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void givingBothSpellingsIsRefused() {
        Result r = Cli.run("predict", "--lake", "L", "--catalogue", "a.csv", "--catalog", "b.csv");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("given twice") && r.err().contains("b.csv"), r.err());
    }
}
