package org.vispark.jobs.lake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
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
                Files.setPosixFilePermissions(file, posix(permission.toShort()));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }

    /** The POSIX permissions of the low nine bits of {@code mode} (owner rwx, group rwx, others rwx). */
    static Set<PosixFilePermission> posix(int mode) {
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                out.add(byBit[bit]);
            }
        }
        return out;
    }
}
