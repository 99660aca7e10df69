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
            Path p = new Path(pattern);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                unmatched.add(pattern);
                continue;
            }
            for (FileStatus s : matches) {
                uris.add(stripSlash(fs.makeQualified(s.getPath()).toString()));
            }
        }
        return new Resolved(new ArrayList<>(uris), unmatched);
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
