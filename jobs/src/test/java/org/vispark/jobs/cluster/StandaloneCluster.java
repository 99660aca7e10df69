package org.vispark.jobs.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for integration tests: a master and workers of one core each, started from
 * Spark's jars, and {@code spark-submit} (Spark's SparkSubmit, as the script runs it) of the application jar. The
 * cluster's classpath holds Spark and its dependencies only (a SPARK_HOME whose jars/ links them; a RELEASE file and
 * SPARK_SCALA_VERSION make Spark's launcher take it as a binary distribution): vispark arrives in the application
 * jar. Every process writes its output to {@code NAME.log} in the cluster's directory.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path dir;
    private final Path sparkHome;
    private final String sparkClasspath;
    private final Path appJar;
    private final String master;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();

    private StandaloneCluster(Path dir, Path sparkHome, String sparkClasspath, Path appJar, String master) {
        this.dir = dir;
        this.sparkHome = sparkHome;
        this.sparkClasspath = sparkClasspath;
        this.appJar = appJar;
        this.master = master;
    }

    /** Starts a master and {@code workers} workers (one core, 1 GB each) below {@code dir}. */
    static StandaloneCluster start(Path dir, int workers) throws Exception {
        Path target = Path.of(System.getProperty("vispark.jobs.target", "target"));
        Path appJar;
        try (Stream<Path> s = Files.list(target)) {
            appJar = s.filter(p -> p.getFileName().toString().endsWith("-app.jar")).findFirst().orElseThrow(() ->
                    new IllegalStateException("no application jar in " + target + "; run mvn package"));
        }
        // Spark's own jars: the runtime dependencies bin/vispark uses, without vispark and what the app jar carries
        Path sparkHome = dir.resolve("spark-home");
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
        int port = freePort();
        StandaloneCluster c = new StandaloneCluster(dir, sparkHome, String.join(":", cp), appJar,
                "spark://127.0.0.1:" + port);
        c.launch("master", false, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        waitForPort(port);
        for (int w = 0; w < workers; w++) {
            c.workers.add(null);
            c.starts.add(0);
            c.startWorker(w);
        }
        return c;
    }

    /** The master's URL. */
    String master() {
        return master;
    }

    /** The log of process {@code name}. */
    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /**
     * Starts {@code spark-submit --master MASTER --deploy-mode client ... APP_JAR vispark-args...} as the leader of a
     * new process group (so that {@link #killGroup} kills the driver and everything it started), its output in
     * {@code NAME.log}.
     */
    Process submit(String name, List<String> visparkArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--class", "org.vispark.jobs.cli.Vispark",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false",
                appJar.toAbsolutePath().toString()));
        cmd.addAll(visparkArgs);
        return launch(name, true, cmd);
    }

    /** Kills worker {@code w} and the executors it runs (SIGKILL), as a lost machine would. */
    void killWorker(int w) {
        Process worker = workers.get(w);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
    }

    /** Starts worker {@code w} again (a new worker process with the same work directory), as a rebooted machine. */
    void startWorker(int w) throws IOException {
        int n = starts.get(w) + 1;
        starts.set(w, n);
        workers.set(w, launch("worker" + (w + 1) + (n > 1 ? "-" + n : ""), false, List.of(
                "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work" + (w + 1)).toString(),
                master)));
    }

    /** SIGKILL to the process group {@code leader} leads (a process {@link #submit} started); waits for its end. */
    static void killGroup(Process leader) throws Exception {
        new ProcessBuilder("kill", "-KILL", "--", "-" + leader.pid()).inheritIO().start().waitFor();
        if (!leader.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process group " + leader.pid() + " survived SIGKILL");
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Starts {@code java <add-opens> -cp <spark jars> cmd...} with SPARK_HOME set; output to NAME.log. */
    private Process launch(String name, boolean newGroup, List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>();
        if (newGroup) {
            full.add("setsid");
        }
        full.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dvispark.conf=" + System.getProperty("vispark.conf", "../conf")));
        for (String opt : System.getProperty("vispark.addOpens", "").trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                full.add(opt);
            }
        }
        full.addAll(List.of("-cp", sparkClasspath));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log(name).toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process p = pb.start();
        processes.add(p);
        return p;
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
