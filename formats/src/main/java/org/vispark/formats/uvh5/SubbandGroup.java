package org.vispark.formats.uvh5;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The files the DSA-110 correlator writes for one observation: up to {@code subbands} (16) UVH5 files
 * {@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5} whose timestamps may differ by up to about a minute.
 *
 * <p>Grouping: files sorted by timestamp join the group the earliest ungrouped file starts while
 * their timestamp is within {@code tolerance} of that file's and their subband is not yet in it.
 *
 * @param startUtc  the earliest timestamp of the group's files
 * @param files     the group's files by subband number
 * @param subbands  subbands a complete group has (numbered 0..subbands-1)
 */
public record SubbandGroup(Instant startUtc, List<SubbandFile> files, int subbands) {
    /** The DSA-110's subbands per observation. */
    public static final int DSA110_SUBBANDS = 16;
    /** The default grouping tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(60);

    public SubbandGroup {
        files = files.stream().sorted(Comparator.comparingInt(SubbandFile::subband)).toList();
    }

    /** Groups and the paths whose names are not subband-file names. */
    public record Grouping(List<SubbandGroup> groups, List<Path> unmatched) {}

    /** Groups {@code paths} by timestamp within {@code tolerance}. */
    public static Grouping group(Collection<Path> paths, Duration tolerance, int subbands) {
        List<SubbandFile> parsed = new ArrayList<>();
        List<Path> unmatched = new ArrayList<>();
        for (Path p : paths) {
            SubbandFile f = SubbandFile.parse(p);
            if (f == null) {
                unmatched.add(p);
            } else {
                parsed.add(f);
            }
        }
        parsed.sort(Comparator.comparing(SubbandFile::timestampUtc).thenComparingInt(SubbandFile::subband)
                .thenComparing(f -> f.path().toString()));
        List<SubbandGroup> groups = new ArrayList<>();
        List<SubbandFile> pending = new ArrayList<>(parsed);
        while (!pending.isEmpty()) {
            SubbandFile first = pending.get(0);
            List<SubbandFile> members = new ArrayList<>();
            boolean[] taken = new boolean[Math.max(subbands, 100)];
            List<SubbandFile> rest = new ArrayList<>();
            for (SubbandFile f : pending) {
                boolean near = Duration.between(first.timestampUtc(), f.timestampUtc()).compareTo(tolerance) <= 0;
                if (near && !taken[f.subband()]) {
                    taken[f.subband()] = true;
                    members.add(f);
                } else {
                    rest.add(f);
                }
            }
            groups.add(new SubbandGroup(first.timestampUtc(), members, subbands));
            pending = rest;
        }
        return new Grouping(groups, unmatched);
    }

    /** Subband numbers in 0..subbands-1 without a file, ascending. */
    public List<Integer> missingSubbands() {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < subbands; s++) {
            int sb = s;
            if (files.stream().noneMatch(f -> f.subband() == sb)) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean isComplete() {
        return missingSubbands().isEmpty();
    }

    public List<Path> paths() {
        return files.stream().map(SubbandFile::path).toList();
    }
}
