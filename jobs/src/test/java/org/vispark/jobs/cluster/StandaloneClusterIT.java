package org.vispark.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The application jar on a real Spark standalone cluster: a master and two workers started on 127.0.0.1 from
 * Spark's jars, and {@code spark-submit} (Spark's SparkSubmit, as the script runs it) of {@code vispark pipeline}
 * over 51 simulated MS, one worker killed while the job runs; the lake it writes must still be complete and equal
 * the one an embedded local run writes. The cluster's
 * classpath holds Spark and its dependencies only (a SPARK_HOME whose jars/ links them; a RELEASE file
 * and SPARK_SCALA_VERSION make Spark's launcher take it as a binary distribution): vispark arrives in the
 * application jar.
 */
class StandaloneClusterIT {
    @TempDir
    static Path tmp;
    static final List<Process> processes = new ArrayList<>();
    static final List<Process> workers = new ArrayList<>();
    static String master;
    static String sparkClasspath;
    static Path sparkHome;
    static Path appJar;

    @BeforeAll
    static void startCluster() throws Exception {
        Path target = Path.of(System.getProperty("vispark.jobs.target", "target"));
        appJar = Files.list(target).filter(p -> p.getFileName().toString().endsWith("-app.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no application jar in " + target + "; run mvn package"));
        // Spark's own jars: the runtime dependencies bin/vispark uses, without vispark and what the app jar carries
        sparkHome = tmp.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.writeString(sparkHome.resolve("RELEASE"), "Spark jars of the vispark build, for a test cluster\n");
        List<String> cp = new ArrayList<>();
        try (Stream<Path> s = Files.list(target.resolve("lib"))) {
            for (Path jar : s.sorted().toList()) {
                String n = jar.getFileName().toString();
                if (n.startsWith("vispark-") || n.startsWith("picocli-") || n.startsWith("jsofa-")
                        || n.startsWith("parquet-avro-")) {
                    continue;
                }
                Files.createSymbolicLink(sparkHome.resolve("jars").resolve(n), jar.toAbsolutePath());
                cp.add(jar.toAbsolutePath().toString());
            }
        }
        sparkClasspath = String.join(":", cp);
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(freePort()));
        waitForPort(port);
        for (int w = 1; w <= 2; w++) {
            workers.add(start("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", tmp.resolve("work" + w).toString(), master));
        }
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void sparkSubmitOfThePipelineSurvivesALostWorkerAndWritesTheSameLakeAsALocalRun() throws Exception {
        List<Path> ms = DemoArchive.write(tmp.resolve("in"), new DemoArchive.Size(17, 2, 8, 16, 4),
                DemoGains.Spec.typical(), 5, new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(51, ms.size());
        String inputs = tmp.resolve("in").toString() + "/*.ms";
        Path clusterLake = tmp.resolve("cluster-lake");
        List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--class", "org.vispark.jobs.cli.Vispark",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false",
                appJar.toAbsolutePath().toString(), "pipeline", "--lake", clusterLake.toString(), inputs));
        Process p = launch("submit", submit);
        // kill worker 1 (and its executor) once the pipeline is past converting: when the first gains appear
        Path gains = clusterLake.resolve("gains");
        while (p.isAlive() && !hasFiles(gains)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the job ended before solving: " + Files.readString(tmp.resolve("submit.log")));
        Process worker1 = workers.get(0);
        worker1.descendants().forEach(ProcessHandle::destroyForcibly);
        worker1.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "spark-submit did not finish");
        String log = Files.readString(tmp.resolve("submit.log"));
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

    private static Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(mainClass));
        cmd.addAll(List.of(args));
        return launch(name, cmd);
    }

    /** Starts {@code java <add-opens> -cp <spark jars> cmd...} with SPARK_HOME set; output to NAME.log. */
    private static Process launch(String name, List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dvispark.conf=" + System.getProperty("vispark.conf", "../conf")));
        for (String opt : System.getProperty("vispark.addOpens", "").trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                full.add(opt);
            }
        }
        full.addAll(List.of("-cp", sparkClasspath));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + port);
    }
}
