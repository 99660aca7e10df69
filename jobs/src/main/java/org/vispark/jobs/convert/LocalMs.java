package org.vispark.jobs.convert;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An MS as a local directory the pure-Java reader can open: a {@code file:} MS in place, any other
 * (hdfs:, s3a:, ...) copied to local scratch first and deleted on close.
 */
final class LocalMs implements Closeable {
    private final java.nio.file.Path dir;
    private final java.nio.file.Path copyRoot;

    private LocalMs(java.nio.file.Path dir, java.nio.file.Path copyRoot) {
        this.dir = dir;
        this.copyRoot = copyRoot;
    }

    static boolean isLocal(String uri) {
        return "file".equals(URI.create(uri).getScheme());
    }

    /** The MS in place when local, else a scratch copy below {@code scratch}. */
    static LocalMs of(String uri, java.nio.file.Path scratch, Configuration conf) throws IOException {
        if (isLocal(uri)) {
            return new LocalMs(java.nio.file.Path.of(URI.create(uri)), null);
        }
        Path src = new Path(uri);
        FileSystem fs = src.getFileSystem(conf);
        java.nio.file.Path root = Files.createTempDirectory(scratch, "ms-");
        java.nio.file.Path dst = root.resolve(src.getName());
        fs.copyToLocalFile(false, src, new Path(dst.toUri()), true);
        return new LocalMs(dst, root);
    }

    java.nio.file.Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (copyRoot != null) {
            try (Stream<java.nio.file.Path> s = Files.walk(copyRoot)) {
                for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
