package org.vispark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;

/**
 * One check of {@code --codec} in every command that writes visibility files: an unknown codec is refused with exit
 * status 2 and the same message before any work, not found MS by MS.
 */
class CodecOptionTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";

    @Test
    void anUnknownCodecIsRefusedByEveryCommand() {
        List<List<String>> commands = List.of(
                List.of("convert", "x.ms"),
                List.of("apply", "--tables", "g"),
                List.of("predict", "--auto", "--catalogue", CATALOGUE),
                List.of("rephase", "--to", "J2000 128.7287deg 55.5725deg"),
                List.of("flag"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--lake", "no-lake-here", "--codec", "brotli9"));
            Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(2, r.status(), command + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith(command.get(0) + ": unknown Parquet codec 'brotli9'"), command + ": " + r.err());
        }
    }
}
