package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    private FileSystem fs() throws IOException {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", PosixLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return FileSystem.get(dir.toUri(), conf);
    }

    private String mode(java.nio.file.Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void filesAndDirectoriesGetTheModesAsked() throws IOException {
        try (FileSystem fs = fs()) {
            assertInstanceOf(PosixLocalFileSystem.class, fs);
            Path sub = new Path(dir.toUri().toString(), "a/b");
            assertTrue(fs.mkdirs(sub, new FsPermission((short) 0750)));
            assertEquals("rwxr-x---", mode(dir.resolve("a/b")));
            Path file = new Path(sub, "f.txt");
            try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0604), true, 4096, (short) 1,
                    1 << 20, null)) {
                out.write("lake".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals("rw----r--", mode(dir.resolve("a/b/f.txt")));
            assertEquals("lake", Files.readString(dir.resolve("a/b/f.txt")));
            fs.setPermission(file, new FsPermission((short) 0461));
            assertEquals("r--rw---x", mode(dir.resolve("a/b/f.txt")));
        }
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() throws IOException {
        try (FileSystem fs = fs()) {
            Path missing = new Path(dir.toUri().toString(), "missing");
            IOException e = assertThrows(IOException.class,
                    () -> fs.setPermission(missing, new FsPermission((short) 0644)));
            assertInstanceOf(NoSuchFileException.class, e);
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        }
    }

    @Test
    void everyBitMapsToItsPermission() {
        for (int mode = 0; mode < 01000; mode++) {
            String expected = PosixFilePermissions.toString(PosixLocalFileSystem.posix(new FsPermission((short) mode)));
            StringBuilder s = new StringBuilder();
            for (int shift = 6; shift >= 0; shift -= 3) {
                int t = (mode >> shift) & 7;
                s.append((t & 4) != 0 ? 'r' : '-').append((t & 2) != 0 ? 'w' : '-').append((t & 1) != 0 ? 'x' : '-');
            }
            assertEquals(s.toString(), expected, Integer.toOctalString(mode));
        }
    }
}
