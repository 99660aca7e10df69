package org.vispark.jobs.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.vispark.jobs.testing.Cli;

/** The campaign tests' lake: one simulated day (a transit of 0834+555 phased 54.7 arcmin off it, one target). */
record DemoLake(String lake, String inputs) {
    /** Writes the day's two MS below {@code tmp} and converts them into a new lake there. */
    static DemoLake convert(Path tmp) {
        Path dir = tmp.resolve("demo");
        run("demo", dir.toString(), "--generate-only", "--days", "1", "--targets-per-day", "1", "--antennas", "10",
                "--channels", "8", "--integrations", "6");
        DemoLake d = new DemoLake(tmp.resolve("lake").toString(), dir.resolve("ms") + "/*.ms");
        run("convert", "--lake", d.lake(), d.inputs());
        return d;
    }

    /** Runs a command that must succeed; what it printed. */
    static String run(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.out() + r.err());
        return r.out().strip();
    }
}
