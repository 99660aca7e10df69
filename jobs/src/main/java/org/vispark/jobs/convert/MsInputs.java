package org.vispark.jobs.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The MS a convert run is given: paths or glob patterns, local or any Hadoop FileSystem URI. */
public final class MsInputs {
    private MsInputs() {}

    /** Resolved inputs: fully qualified MS URIs (sorted, without duplicates) and patterns that matched nothing. */
    public record Resolved(List<String> uris, List<String> unmatched) {}

    public static Resolved resolve(List<String> patterns, Configuration conf) throws IOException {
        TreeSet<String> uris = new TreeSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String pattern : patterns) {
            List<String> matched;
            try {
                matched = hadoopGlob(pattern, conf);
            } catch (IllegalArgumentException e) {
                // Hadoop's Path cannot hold a name with ':' (HADOOP-3257), such as the DSA-110's
                // YYYY-MM-DDTHH:MM:SS_sbNN.hdf5; a local pattern is then matched with java.nio
                if (!isLocalPattern(pattern)) {
                    throw e;
                }
                matched = localGlob(pattern);
            }
            if (matched.isEmpty()) {
                unmatched.add(pattern);
            }
            uris.addAll(matched);
        }
        return new Resolved(new ArrayList<>(uris), unmatched);
    }

    private static List<String> hadoopGlob(String pattern, Configuration conf) throws IOException {
        Path p = new Path(pattern);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(p);
        List<String> out = new ArrayList<>();
        for (FileStatus s : matches == null ? new FileStatus[0] : matches) {
            out.add(stripSlash(fs.makeQualified(s.getPath()).toString()));
        }
        return out;
    }

    private static boolean isLocalPattern(String pattern) {
        return pattern.startsWith("file:") || !pattern.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    /** A local pattern matched with java.nio: wildcards in the last path element only; URIs as Hadoop qualifies them. */
    private static List<String> localGlob(String pattern) throws IOException {
        String path = pattern.startsWith("file:") ? java.net.URI.create(pattern).getPath() : pattern;
        java.nio.file.Path p = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        java.nio.file.Path dir = p.getParent();
        List<String> out = new ArrayList<>();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            return out;
        }
        try (java.nio.file.DirectoryStream<java.nio.file.Path> s =
                java.nio.file.Files.newDirectoryStream(dir, p.getFileName().toString())) {
            for (java.nio.file.Path m : s) {
                out.add("file:" + m);
            }
        }
        return out;
    }

    /** The ms_id of an MS: the first 8 bytes of the SHA-256 of its qualified URI, sign bit cleared. */
    public static long msId(String uri) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
