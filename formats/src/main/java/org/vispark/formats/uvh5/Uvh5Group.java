package org.vispark.formats.uvh5;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A subband group read as one source: the blts of every file side by side, their channels merged in
 * ascending frequency (the DSA-110 writes each file's channels descending), one spectral window.
 * Every file must have the same blts (antennas, times within half an integration), the same
 * polarizations and one spectral window; a file that differs fails the group with a
 * {@link Uvh5FormatException} naming it. Antennas, UVW, times and the rest of the header are the
 * first file's (lowest subband number). Opening and a read take the files side by side (the calling thread
 * with the common fork-join pool's).
 *
 * <p>An incomplete group opened with {@code flagMissing} also has the missing subbands' channels,
 * flagged, visibilities 0, nsamples 0: their frequencies continue the present files' grid (every file
 * the same channel count and width; each file's first frequency linear in its subband number, the step
 * from two present files, or the file's channel count times its width when only one is present).
 */
public final class Uvh5Group implements Uvh5Source {
    private final List<Uvh5File> files;
    private final Uvh5Header header;
    /**
     * For each channel of the group (ascending): the file holding it (-1 for a flagged channel of a
     * missing subband) and its index in that file.
     */
    private final int[] fileOf;
    /** For each file, the group channel of each of its channels: the inverse of {@link #fileOf}. */
    private final int[][] groupChannelOf;
    /** Each file's rows of the last read, their arrays reused by the next. */
    private final Uvh5Rows[] parts;

    /** A channel of the group: its frequency and width (Hz), its file (-1 if missing) and index there. */
    private record Channel(double freq_hz, double width_hz, int file, int index) {}

    private Uvh5Group(List<Uvh5File> files, List<Integer> subbands, List<Integer> missing) throws Uvh5FormatException {
        this.files = files;
        Uvh5Header ref = files.get(0).header();
        List<Channel> channels = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Uvh5File file = files.get(f);
            check(file, ref, files.get(0).path());
            Uvh5Header h = file.header();
            for (int c = 0; c < h.nfreqs(); c++) {
                channels.add(new Channel(h.freq_hz()[c], Math.abs(h.channelWidth_hz()[c]), f, c));
            }
        }
        channels.addAll(missingChannels(files, subbands, missing));
        channels.sort(Comparator.comparingDouble(Channel::freq_hz));
        fileOf = channels.stream().mapToInt(Channel::file).toArray();
        parts = new Uvh5Rows[files.size()];
        groupChannelOf = new int[files.size()][];
        for (int f = 0; f < files.size(); f++) {
            groupChannelOf[f] = new int[files.get(f).header().nfreqs()];
        }
        for (int k = 0; k < channels.size(); k++) {
            Channel c = channels.get(k);
            if (c.file() >= 0) {
                groupChannelOf[c.file()][c.index()] = k;
            }
        }
        double[] freq = channels.stream().mapToDouble(Channel::freq_hz).toArray();
        double[] width = channels.stream().mapToDouble(Channel::width_hz).toArray();
        this.header = ref.withChannels(freq, width, ref.spwArray()[0]);
    }

    private static List<Channel> missingChannels(List<Uvh5File> files, List<Integer> subbands, List<Integer> missing)
            throws Uvh5FormatException {
        List<Channel> out = new ArrayList<>();
        if (missing.isEmpty()) {
            return out;
        }
        Uvh5Header ref = files.get(0).header();
        int n = ref.nfreqs();
        double width = ref.channelWidth_hz()[0];
        for (Uvh5File f : files) {
            Uvh5Header h = f.header();
            for (int c = 0; c < h.nfreqs(); c++) {
                if (h.nfreqs() != n || h.channelWidth_hz()[c] != width) {
                    throw new Uvh5FormatException(f.path(), "has other channels than " + files.get(0).path().getFileName()
                            + " (" + n + " of " + width + " Hz): the missing subbands' frequencies cannot be inferred");
                }
            }
        }
        double first = ref.freq_hz()[0];
        int refSubband = subbands.get(0);
        double step = files.size() > 1
                ? (files.get(1).header().freq_hz()[0] - first) / (subbands.get(1) - refSubband)
                : n * width;
        for (int s : missing) {
            double start = first + (s - refSubband) * step;
            for (int k = 0; k < n; k++) {
                out.add(new Channel(start + k * width, Math.abs(width), -1, k));
            }
        }
        return out;
    }

    /** Opens every file of {@code group}, which must be complete; closes them again if one fails. */
    public static Uvh5Group open(SubbandGroup group) throws Uvh5FormatException {
        return open(group, false);
    }

    /**
     * Opens every file of {@code group}; an incomplete group fails unless {@code flagMissing}, when the
     * missing subbands' channels are added, flagged. Closes the files again if one fails.
     */
    public static Uvh5Group open(SubbandGroup group, boolean flagMissing) throws Uvh5FormatException {
        List<Uvh5File> opened = openAll(group.paths());
        try {
            if (opened.isEmpty()) {
                throw new IllegalArgumentException("a subband group without files");
            }
            if (!group.isComplete() && !flagMissing) {
                throw new Uvh5FormatException(group.paths().get(0).getParent(), "subband group of "
                        + group.startUtc() + " lacks subbands " + group.missingSubbands());
            }
            List<Integer> subbands = group.files().stream().map(SubbandFile::subband).toList();
            return new Uvh5Group(opened, subbands, group.missingSubbands());
        } catch (Uvh5FormatException | RuntimeException e) {
            opened.forEach(Uvh5File::close);
            throw e;
        }
    }

    /**
     * Opens the files side by side (their headers are most of a group's opening: per-blt arrays of every
     * file), the calling thread and the common fork-join pool's. If any fails, closes the others and throws
     * the failure of the first in {@code paths} that failed.
     */
    private static List<Uvh5File> openAll(List<Path> paths) throws Uvh5FormatException {
        Uvh5File[] files = new Uvh5File[paths.size()];
        Uvh5FormatException[] failures = new Uvh5FormatException[paths.size()];
        try {
            IntStream.range(0, files.length).parallel().forEach(i -> {
                try {
                    files[i] = Uvh5File.open(paths.get(i));
                } catch (Uvh5FormatException e) {
                    failures[i] = e;
                }
            });
        } catch (RuntimeException | Error e) {
            closeOpened(files);
            throw e;
        }
        for (Uvh5FormatException e : failures) {
            if (e != null) {
                closeOpened(files);
                throw e;
            }
        }
        return List.of(files);
    }

    private static void closeOpened(Uvh5File[] files) {
        Arrays.stream(files).filter(f -> f != null).forEach(Uvh5File::close);
    }

    private static void check(Uvh5File file, Uvh5Header ref, Path refPath) throws Uvh5FormatException {
        Uvh5Header h = file.header();
        String against = " (" + refPath.getFileName() + " has ";
        if (h.nspws() != 1) {
            throw new Uvh5FormatException(file.path(), "has " + h.nspws() + " spectral windows; a subband file has one");
        }
        if (h.nblts() != ref.nblts()) {
            throw new Uvh5FormatException(file.path(), "has " + h.nblts() + " blts" + against + ref.nblts()
                    + "): the group's files differ in shape");
        }
        if (!Arrays.equals(h.polarizationArray(), ref.polarizationArray())) {
            throw new Uvh5FormatException(file.path(), "has polarizations " + Arrays.toString(h.polarizationArray())
                    + against + Arrays.toString(ref.polarizationArray()) + "): the group's files differ in shape");
        }
        if (!Arrays.equals(h.ant1(), ref.ant1()) || !Arrays.equals(h.ant2(), ref.ant2())) {
            throw new Uvh5FormatException(file.path(), "has other baselines, or another blt order, than "
                    + refPath.getFileName());
        }
        for (int b = 0; b < h.nblts(); b++) {
            double dt_s = Math.abs(h.time_jd()[b] - ref.time_jd()[b]) * JulianDate.SECONDS_PER_DAY;
            if (dt_s > ref.integrationTime_s()[b] / 2) {
                throw new Uvh5FormatException(file.path(), "blt " + b + " is " + dt_s + " s from " + refPath.getFileName()
                        + "'s, more than half an integration");
            }
        }
    }

    @Override
    public Uvh5Header header() {
        return header;
    }

    @Override
    public List<Path> paths() {
        return files.stream().map(Uvh5File::path).toList();
    }

    @Override
    public Uvh5Rows read(int firstBlt, int count, Uvh5Rows reuse) throws Uvh5FormatException {
        int nfreqs = fileOf.length;
        int npols = header.npols();
        Uvh5Rows rows = Uvh5Rows.of(firstBlt, count, nfreqs, npols, reuse);
        // the files side by side (the calling thread and the common pool's): each fills its own channels
        try {
            IntStream.range(0, files.size()).parallel().forEach(f -> {
                try {
                    parts[f] = files.get(f).read(firstBlt, count, parts[f]);
                } catch (Uvh5FormatException e) {
                    throw new UncheckedFormatException(e);
                }
                scatter(parts[f], groupChannelOf[f], rows);
            });
        } catch (UncheckedFormatException e) {
            throw e.getCause();
        }
        for (int k = 0; k < nfreqs; k++) {
            if (fileOf[k] < 0) {
                for (int b = 0; b < count; b++) {
                    int from = (b * nfreqs + k) * npols;
                    Arrays.fill(rows.vis(), 2 * from, 2 * (from + npols), 0f);
                    Arrays.fill(rows.flags(), from, from + npols, true);
                    Arrays.fill(rows.nsamples(), from, from + npols, 0f);
                }
            }
        }
        return rows;
    }

    /**
     * Copies one file's rows {@code part} into the group's rows {@code group}, its channel c to group
     * channel {@code groupChannel[c]}. Plain array loops: this runs for every value.
     */
    private static void scatter(Uvh5Rows part, int[] groupChannel, Uvh5Rows group) {
        int nfreqs = group.nfreqs();
        float[] vis = group.vis();
        boolean[] flags = group.flags();
        float[] nsamples = group.nsamples();
        int npols = part.npols();
        int partFreqs = part.nfreqs();
        float[] partVis = part.vis();
        boolean[] partFlags = part.flags();
        float[] partNsamples = part.nsamples();
        int src = 0;
        for (int b = 0; b < part.nblts(); b++) {
            int row = b * nfreqs;
            for (int c = 0; c < partFreqs; c++) {
                int dst = (row + groupChannel[c]) * npols;
                for (int p = 0; p < npols; p++, src++) {
                    vis[2 * (dst + p)] = partVis[2 * src];
                    vis[2 * (dst + p) + 1] = partVis[2 * src + 1];
                    flags[dst + p] = partFlags[src];
                    nsamples[dst + p] = partNsamples[src];
                }
            }
        }
    }

    /** A file's read failure carried out of the parallel loop. */
    private static final class UncheckedFormatException extends RuntimeException {
        UncheckedFormatException(Uvh5FormatException cause) {
            super(cause);
        }

        @Override
        public synchronized Uvh5FormatException getCause() {
            return (Uvh5FormatException) super.getCause();
        }
    }

    @Override
    public void close() {
        files.forEach(Uvh5File::close);
    }
}
