package org.vispark.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;

/**
 * Every Zeppelin note in notebooks/ runs against a test lake: {@code %spark.sql} paragraphs through Spark SQL,
 * {@code %spark} paragraphs through a Scala REPL with {@code spark} and {@code z} bound as Zeppelin binds them,
 * {@code %md} paragraphs must have text. A paragraph of any other interpreter fails the test.
 */
class NotebooksTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static IMain scala;
    static StringWriter scalaOutput = new StringWriter();

    @BeforeAll
    static void lakeAndInterpreter() throws Exception {
        TestData.makeMs(tmp.resolve("in/incident.ms"), "--nant", "6", "--nchan", "8", "--ntime", "3");
        TestData.makeMs(tmp.resolve("in/on_source.ms"), "--nant", "5", "--nchan", "8", "--ntime", "2",
                "--centre", "128.7287,55.5725");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), tmp.resolve("in") + "/*.ms").status());
        // diagnostics, gains (pipeline_K, pipeline_G, pipeline_B) and pipeline state for the notes about them
        Cli.Result pipeline = Cli.run("pipeline", "--lake", lake.toString());
        assertEquals(0, pipeline.status(), pipeline.out() + pipeline.err());
        // two campaigns, for the note comparing them
        for (String[] campaign : List.of(new String[] {"phase_only", "g.calmode=p"},
                new String[] {"amp_phase", "g.calmode=ap"})) {
            Cli.Result c = Cli.run("campaign", "run", "--lake", lake.toString(), "--name", campaign[0], "--set",
                    campaign[1]);
            assertEquals(0, c.status(), c.out() + c.err());
        }
        spark = TestData.spark("NotebooksTest");

        Settings settings = new Settings();
        settings.classpath().value_$eq(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        settings.usejavacp().value_$eq(Boolean.TRUE);
        scala = new IMain(settings, new ReplReporterImpl(settings, new PrintWriter(scalaOutput, true)));
        interpret("val spark = org.apache.spark.sql.SparkSession.active");
        interpret("val z = new org.vispark.jobs.testing.ZeppelinStub(java.util.Map.of(\"lake\", \"" + lake
                + "\", \"campaign_a\", \"phase_only\", \"campaign_b\", \"amp_phase\"))");
    }

    @AfterAll
    static void stop() {
        if (scala != null) {
            scala.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    static Stream<Path> notes() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("..", "notebooks"))) {
            List<Path> notes = s.filter(p -> p.toString().endsWith(".zpln")).sorted().toList();
            assertFalse(notes.isEmpty(), "no notes in notebooks/");
            return notes.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notes")
    void everyParagraphRuns(Path note) throws Exception {
        JsonNode root = new ObjectMapper().readTree(note.toFile());
        assertTrue(root.path("name").asText().startsWith("vispark/"), note + ": note name");
        int sql = 0;
        for (JsonNode p : root.withArray("paragraphs")) {
            String text = p.path("text").asText();
            String interpreter = text.startsWith("%") ? text.substring(0, text.indexOf('\n')).strip() : "%spark";
            String body = text.startsWith("%") ? text.substring(text.indexOf('\n') + 1) : text;
            String where = note.getFileName() + " paragraph '" + p.path("title").asText() + "'";
            switch (interpreter) {
                case "%md" -> assertFalse(body.isBlank(), where + " is empty");
                case "%spark" -> interpret(body);
                case "%spark.sql" -> {
                    List<Row> rows;
                    try {
                        rows = spark.sql(body).collectAsList();
                    } catch (Exception e) {
                        throw new AssertionError(where + " failed: " + e.getMessage(), e);
                    }
                    assertTrue(rows.size() < 100_000, where);
                    sql++;
                }
                default -> fail(where + " uses interpreter " + interpreter + ", which this test cannot run");
            }
        }
        assertTrue(sql > 0, note + " has no SQL paragraph");
    }

    private static void interpret(String code) {
        int before = scalaOutput.getBuffer().length();
        Results.Result r = scala.interpret(code);
        if (!(r instanceof Results.Success$)) {
            fail("Scala paragraph failed (" + r + "):\n" + code + "\n" + scalaOutput.getBuffer().substring(before));
        }
    }
}
