package org.vispark.jobs.campaign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.pipeline.StageListener;

/**
 * A running campaign's stages, recorded in the {@code campaigns} table as the pipeline starts and ends each, with, at
 * most every {@link #PROGRESS_MILLIS}, the newest progress line its console shows: what {@code campaign status} prints
 * from another process (the stage it is in, MS done and failed, the running stage's time left).
 */
final class CampaignStages implements StageListener {
    /** Least time between two records of a progress line. */
    static final long PROGRESS_MILLIS = 30_000;
    /** A stage job's progress line: "solve: 40/120 MS done, 0 failed, ..., about 95 s left". */
    private static final Pattern PROGRESS = Pattern.compile("^[a-z][a-z-]*: \\d+/\\d+ MS done");

    private final Lake lake;
    private final Configuration conf;
    private final PrintStream console;
    private final PrintStream teed;
    private final List<String> stages = new ArrayList<>();
    private CampaignRecord current;
    private long recordedMillis;

    /** Records over {@code running} (its newest row); {@link #console} prints to {@code console}. */
    CampaignStages(Lake lake, Configuration conf, CampaignRecord running, PrintStream console) {
        this.lake = lake;
        this.conf = conf;
        this.console = console;
        this.current = running;
        this.teed = new PrintStream(new LineTee(), true, StandardCharsets.UTF_8);
    }

    /** The console to give the pipeline: what it prints goes to the campaign's console, progress lines recorded. */
    PrintStream console() {
        return teed;
    }

    /** The campaign as last recorded. */
    synchronized CampaignRecord current() {
        return current;
    }

    @Override
    public synchronized void started(String stage) throws IOException {
        stages.add(stage + ": running since " + CampaignJob.utcNow());
        record(null);
    }

    @Override
    public synchronized void ended(String stage, int ms, int failed, double seconds) throws IOException {
        stages.set(stages.size() - 1, String.format(Locale.ROOT, "%s: %d MS, %d failed, %.1f s", stage, ms, failed,
                seconds));
        record(null);
    }

    private synchronized void line(String line) {
        if (System.currentTimeMillis() - recordedMillis >= PROGRESS_MILLIS && PROGRESS.matcher(line).find()) {
            try {
                record(line);
            } catch (IOException | RuntimeException e) {
                console.println("campaign " + current.name() + ": progress not recorded (" + e.getMessage() + ");"
                        + " `campaign status` shows an older line");
            }
        }
    }

    private void record(String progress) throws IOException {
        current = current.withStages(stages, progress, CampaignJob.utcNow());
        Campaigns.record(lake, conf, current);
        recordedMillis = System.currentTimeMillis();
    }

    /** Passes bytes on to the console and each whole line to {@link #line} (holding no lock of its own then). */
    private final class LineTee extends OutputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            console.write(b, off, len);
            List<String> lines = new ArrayList<>();
            synchronized (this) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines.add(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else {
                        pending.write(b[i]);
                    }
                }
            }
            lines.forEach(CampaignStages.this::line);
        }

        @Override
        public void flush() {
            console.flush();
        }
    }
}
