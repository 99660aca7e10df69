package org.vispark.jobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.vispark.jobs.cli.Vispark;
import picocli.CommandLine;

/** Runs the {@code vispark} command line in this JVM as a user would, capturing its output and exit status. */
public final class Cli {
    private Cli() {}

    /** What a command printed and its exit status. */
    public record Result(int status, String out, String err) {}

    /** Runs {@code vispark args...}; one at a time, since it swaps System.out and System.err. */
    public static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = new CommandLine(new Vispark()).execute(args);
            return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
