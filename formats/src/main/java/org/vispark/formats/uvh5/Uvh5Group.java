package org.vispark.formats.uvh5;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A subband group read as one source: the blts of every file side by side, their channels merged in
 * ascending frequency (the DSA-110 writes each file's channels descending), one spectral window.
 * Every file must have the same blts (antennas, times within half an integration), the same
 * polarizations and one spectral window; a file that differs fails the group with a
 * {@link Uvh5FormatException} naming it. Antennas, UVW, times and the rest of the header are the
 * first file's (lowest subband number).
 */
public final class Uvh5Group implements Uvh5Source {
    private final List<Uvh5File> files;
    private final Uvh5Header header;
    /** For each channel of the group (ascending): the file holding it and its index in that file. */
    private final int[] fileOf;
    private final int[] channelIn;

    private Uvh5Group(List<Uvh5File> files) throws Uvh5FormatException {
        this.files = files;
        Uvh5Header ref = files.get(0).header();
        List<int[]> channels = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Uvh5File file = files.get(f);
            check(file, ref, files.get(0).path());
            for (int c = 0; c < file.header().nfreqs(); c++) {
                channels.add(new int[] {f, c});
            }
        }
        channels.sort(Comparator.comparingDouble(fc -> files.get(fc[0]).header().freq_hz()[fc[1]]));
        fileOf = channels.stream().mapToInt(fc -> fc[0]).toArray();
        channelIn = channels.stream().mapToInt(fc -> fc[1]).toArray();
        double[] freq = new double[fileOf.length];
        double[] width = new double[fileOf.length];
        for (int k = 0; k < freq.length; k++) {
            Uvh5Header h = files.get(fileOf[k]).header();
            freq[k] = h.freq_hz()[channelIn[k]];
            width[k] = Math.abs(h.channelWidth_hz()[channelIn[k]]);
        }
        this.header = ref.withChannels(freq, width, ref.spwArray()[0]);
    }

    /** Opens every file of {@code group}; closes them again if one fails. */
    public static Uvh5Group open(SubbandGroup group) throws Uvh5FormatException {
        List<Uvh5File> opened = new ArrayList<>();
        try {
            for (Path p : group.paths()) {
                opened.add(Uvh5File.open(p));
            }
            if (opened.isEmpty()) {
                throw new IllegalArgumentException("a subband group without files");
            }
            return new Uvh5Group(opened);
        } catch (Uvh5FormatException | RuntimeException e) {
            opened.forEach(Uvh5File::close);
            throw e;
        }
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
    public Uvh5Rows read(int firstBlt, int count) throws Uvh5FormatException {
        Uvh5Rows[] parts = new Uvh5Rows[files.size()];
        for (int f = 0; f < parts.length; f++) {
            parts[f] = files.get(f).read(firstBlt, count);
        }
        int nfreqs = fileOf.length;
        int npols = header.npols();
        int n = count * nfreqs * npols;
        float[] vis = new float[2 * n];
        boolean[] flags = new boolean[n];
        float[] nsamples = new float[n];
        for (int b = 0; b < count; b++) {
            for (int k = 0; k < nfreqs; k++) {
                Uvh5Rows part = parts[fileOf[k]];
                for (int p = 0; p < npols; p++) {
                    int src = part.index(b, channelIn[k], p);
                    int dst = (b * nfreqs + k) * npols + p;
                    vis[2 * dst] = part.vis()[2 * src];
                    vis[2 * dst + 1] = part.vis()[2 * src + 1];
                    flags[dst] = part.flags()[src];
                    nsamples[dst] = part.nsamples()[src];
                }
            }
        }
        return new Uvh5Rows(firstBlt, count, nfreqs, npols, vis, flags, nsamples);
    }

    @Override
    public void close() {
        files.forEach(Uvh5File::close);
    }
}
