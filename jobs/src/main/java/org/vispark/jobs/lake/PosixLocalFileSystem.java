package org.vispark.jobs.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}, checksummed as {@link LocalFileSystem}) setting permissions
 * through {@code java.nio} instead of a {@code chmod} process. Without Hadoop's native library, which
 * vispark does not ship, Hadoop starts one {@code chmod} for every file it creates and every directory it
 * makes: over a hundred processes for one convert's commit (Iceberg's metadata and manifests, the
 * partitions' directories), about a second of one core. The commands' Spark sessions use it for
 * {@code file:} ({@code spark.hadoop.fs.file.impl}, unless set otherwise). Permission bits are those of the
 * user, group and others (the sticky bit, which Hadoop never sets on local files, is ignored); a file
 * system without POSIX permissions falls back to Hadoop's way.
 */
public final class PosixLocalFileSystem extends LocalFileSystem {
    public PosixLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (unchecksummed) file system underneath. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, posix(permission));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }

    /** The POSIX permissions of {@code permission}'s owner, group and other actions. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        return PosixFilePermissions.fromString(permission.getUserAction().SYMBOL
                + permission.getGroupAction().SYMBOL + permission.getOtherAction().SYMBOL);
    }
}
