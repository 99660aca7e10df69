package org.vispark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.demo.DemoArchive;
import org.vispark.jobs.demo.DemoGains;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;

/**
 * The application jar on a real Spark standalone cluster ({@link StandaloneCluster}: a master and two workers):
 * {@code spark-submit} of {@code vispark pipeline} over 51 simulated MS, one worker killed while the job runs; the lake
 * it writes must still be complete and equal the one an embedded local run writes.
 */
class StandaloneClusterIT {
    @TempDir
    static Path tmp;
    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(tmp, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sparkSubmitOfThePipelineSurvivesALostWorkerAndWritesTheSameLakeAsALocalRun() throws Exception {
        List<Path> ms = DemoArchive.write(tmp.resolve("in"), new DemoArchive.Size(17, 2, 8, 16, 4),
                DemoGains.Spec.typical(), 5, new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(51, ms.size());
        String inputs = tmp.resolve("in").toString() + "/*.ms";
        Path clusterLake = tmp.resolve("cluster-lake");
        Process p = cluster.submit("submit", List.of("pipeline", "--lake", clusterLake.toString(), inputs));
        // kill worker 1 (and its executor) once the pipeline is past converting: when the first gains appear
        Path gains = clusterLake.resolve("gains");
        while (p.isAlive() && !hasFiles(gains)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the job ended before solving: " + Files.readString(cluster.log("submit")));
        cluster.killWorker(0);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "spark-submit did not finish");
        String log = Files.readString(cluster.log("submit"));
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("pipeline: 51 MS: 17 calibrator observations, 34 targets; 51 calibrated, 0 failed"),
                log);
        assertTrue(log.contains("Lost executor") || log.contains("Executor lost"), "no executor was lost:\n" + log);

        Path localLake = tmp.resolve("local-lake");
        Result local = Cli.run("pipeline", "--lake", localLake.toString(), inputs);
        assertEquals(0, local.status(), local.err());

        // the same visibilities (DATA, MODEL_DATA, CORRECTED_DATA, UVW, FLAG), gains and verdicts, whatever ids the
        // runs drew
        for (String query : List.of(
                "SELECT count(*) AS n, bit_xor(xxhash64(ms.uri, v.row, v.uvw, v.data, v.model_data, v.corrected_data,"
                        + " v.flag)) AS h FROM visibilities v JOIN ms ON v.ms_id = ms.ms_id",
                "SELECT count(*) AS n, bit_xor(xxhash64(ms.uri, g.table_name, g.antenna, g.pol, g.channel, g.time,"
                        + " g.gain_re, g.gain_im, g.delay_ns, g.snr, g.flagged)) AS h FROM gains g JOIN ms"
                        + " ON g.ms_id = ms.ms_id",
                "SELECT count(*) AS n, bit_xor(xxhash64(ms.uri, d.verdict, d.reasons, d.separation_arcmin))"
                        + " AS h FROM diagnostics d JOIN ms ON d.ms_id = ms.ms_id",
                "SELECT role, count(*) FROM pipeline GROUP BY role ORDER BY role")) {
            Result onCluster = Cli.run("sql", "--lake", clusterLake.toString(), "--format", "csv", query);
            Result onLocal = Cli.run("sql", "--lake", localLake.toString(), "--format", "csv", query);
            assertEquals(0, onCluster.status(), onCluster.err());
            assertEquals(onLocal.out(), onCluster.out(), query);
            assertTrue(!onCluster.out().contains("\n0,"), onCluster.out());
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }
}
