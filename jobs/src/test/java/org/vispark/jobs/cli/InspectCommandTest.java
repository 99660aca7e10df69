package org.vispark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/** {@code vispark inspect} against what python-casacore says about the same MS. */
class InspectCommandTest {
    @TempDir
    static Path tmp;

    static Result inspect(String... paths) {
        List<String> args = new ArrayList<>(List.of("inspect"));
        args.addAll(List.of(paths));
        return Cli.run(args.toArray(String[]::new));
    }

    static Stream<Path> measurementSets() throws Exception {
        List<Path> all = new ArrayList<>(TestData.sharedMeasurementSets());
        all.add(TestData.makeMs(tmp.resolve("dsa.ms"), "--nant", "6", "--nchan", "8", "--ntime", "3"));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("measurementSets")
    void printsWhatCasacoreSees(Path ms) throws Exception {
        Result r = inspect(ms.toString());
        String ref = TestData.python(TestData.resource("cli/inspect_reference.py").toString(), ms.toString());
        int checked = 0;
        for (String line : ref.split("\n")) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "rows" -> assertContains(r.out(), "  rows: " + f[1] + "\n");
                case "antennas" -> assertContains(r.out(), "  antennas: " + f[1]);
                case "time" -> {
                    Matcher m = Pattern.compile("time range: (\\S+) \\.\\. (\\S+) UTC").matcher(r.out());
                    assertTrue(m.find(), r.out());
                    Instant printed = Instant.parse(m.group(f[1].equals("start") ? 1 : 2));
                    long apart_ms = Math.abs(Duration.between(Instant.parse(f[2]), printed).toMillis());
                    assertTrue(apart_ms <= 1, "time " + f[1] + " " + f[2] + " printed as " + printed);
                }
                case "column" -> assertTrue(Pattern.compile("(?m)^    " + Pattern.quote(f[1]) + " +\\S+ +.+ "
                        + Pattern.quote(f[2]) + "$").matcher(r.out()).find(), "column " + f[1] + " " + f[2] + " not in\n" + r.out());
                case "field" -> {
                    Matcher m = Pattern.compile("field " + f[1] + " .* phase centre (\\S+) +(\\S+) +(\\S+) deg = \\d\\dh\\d\\dm")
                            .matcher(r.out());
                    assertTrue(m.find(), "field " + f[1] + " not in\n" + r.out());
                    assertEquals(f[4], m.group(1));
                    assertEquals(Double.parseDouble(f[2]), Double.parseDouble(m.group(2)), 1.5e-6);
                    assertEquals(Double.parseDouble(f[3]), Double.parseDouble(m.group(3)), 1.5e-6);
                }
                case "spw" -> assertTrue(Pattern.compile("spw " + f[1] + " .* " + f[2] + " channels +" + Pattern.quote(f[3])
                        + " \\.\\. " + Pattern.quote(f[4]) + " MHz").matcher(r.out()).find(), "spw " + line + " not in\n" + r.out());
                default -> throw new IllegalStateException("unexpected reference line " + line);
            }
            checked++;
        }
        assertTrue(checked > 5, ref);
    }

    @Test
    void aBrokenMsIsReportedAndTheOthersStillInspected() throws Exception {
        Path good = TestData.makeMs(tmp.resolve("good.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2");
        Path noField = tmp.resolve("no_field.ms");
        TestData.copyTree(good, noField);
        TestData.deleteTree(noField.resolve("FIELD"));
        Path missing = tmp.resolve("missing.ms");

        Result r = inspect(noField.toString(), missing.toString(), good.toString());

        assertEquals(1, r.status());
        String[] parts = r.out().split("(?m)^== ");
        assertEquals(4, parts.length, r.out());
        assertTrue(parts[1].contains("ERROR (FIELD)") && parts[1].contains(noField.resolve("FIELD").toString()), parts[1]);
        assertTrue(parts[1].contains("antennas: 4") && parts[1].contains("DATA"), parts[1]);
        assertTrue(parts[2].contains("ERROR") && parts[2].contains(missing.toString()), parts[2]);
        assertTrue(!parts[3].contains("ERROR") && parts[3].contains("fields: 1"), parts[3]);
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "'" + part + "' not in\n" + text);
    }
}
