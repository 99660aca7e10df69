package org.vispark.jobs.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.FileTrees;

/**
 * The files of an MS directory (recursively) or the one file of a UVH5 input, their total size, and two digests of them: the
 * fingerprint (relative path, size and modification time of every file: cheap, decides whether a
 * rerun converts the MS again) and the content checksum (relative path, size and CRC32C of every file).
 */
final class MsFiles {
    private final Path dir;
    private final List<Entry> entries;

    /** A file of the MS: path relative to the MS directory, bytes, modification time (ms since epoch). */
    record Entry(String relative, long bytes, long modified) {}

    private MsFiles(Path dir, List<Entry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /**
     * Lists an MS directory, or a UVH5 file as one entry with an empty relative path; fails when an MS
     * is not a directory.
     */
    static MsFiles list(String uri, Configuration conf) throws IOException {
        Path dir = new Path(uri);
        FileSystem fs = dir.getFileSystem(conf);
        FileStatus status = fs.getFileStatus(dir);
        if (SourceFormat.of(uri) == SourceFormat.UVH5 && status.isFile()) {
            return new MsFiles(dir, List.of(new Entry("", status.getLen(), status.getModificationTime())));
        }
        if (!status.isDirectory()) {
            throw new IOException(uri + " is not a directory, so not a Measurement Set");
        }
        String prefix = fs.makeQualified(dir).toUri().getPath();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        List<Entry> entries = new ArrayList<>();
        for (FileStatus s : FileTrees.files(fs, dir)) {
            String path = s.getPath().toUri().getPath();
            String rel = path.startsWith(prefix) ? path.substring(prefix.length()) : s.getPath().getName();
            entries.add(new Entry(rel, s.getLen(), s.getModificationTime()));
        }
        entries.sort((a, b) -> a.relative().compareTo(b.relative()));
        return new MsFiles(dir, entries);
    }

    /** The files of a subband group (URIs of one directory), relative to that directory. */
    static MsFiles ofGroup(List<String> memberUris, Configuration conf) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Path dir = null;
        for (String uri : memberUris) {
            Path p = new Path(uri);
            FileStatus s = p.getFileSystem(conf).getFileStatus(p);
            dir = p.getParent();
            entries.add(new Entry(p.getName(), s.getLen(), s.getModificationTime()));
        }
        entries.sort((a, b) -> a.relative().compareTo(b.relative()));
        return new MsFiles(dir, entries);
    }

    /** The files of an input: a subband group's ({@code members}), or its MS directory's or UVH5 file's. */
    static MsFiles of(String uri, List<String> members, Configuration conf) throws IOException {
        return members != null ? ofGroup(members, conf) : list(uri, conf);
    }

    List<Entry> entries() {
        return entries;
    }

    long bytes() {
        long n = 0;
        for (Entry e : entries) {
            n += e.bytes();
        }
        return n;
    }

    /** SHA-256 (hex) over "relative-path size modified-ms" of every file. */
    String fingerprint() {
        MessageDigest md = sha256();
        for (Entry e : entries) {
            md.update((e.relative() + '\t' + e.bytes() + '\t' + e.modified() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * SHA-256 (hex) over "relative-path size crc32c" of every file, reading every byte from {@code localDir}
     * through a direct buffer (the kernel copies each byte once, and CRC32C reads it where it lands); the files are
     * read side by side (the calling thread with the common fork-join pool's: a subband group's 16 files, an MS's
     * column files), their lines digested in order.
     */
    String checksum(java.nio.file.Path localDir) throws IOException {
        String[] lines = new String[entries.size()];
        try {
            IntStream.range(0, lines.length).parallel().forEach(i -> {
                try {
                    lines[i] = crcLine(localDir, entries.get(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        MessageDigest md = sha256();
        for (String line : lines) {
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The checksum line of one file: "relative-path size crc32c". */
    private String crcLine(java.nio.file.Path localDir, Entry e) throws IOException {
        // a block of at most 1 MB, no larger than the file: an MS has dozens of small subtable files
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(1 << 20, e.bytes())));
        CRC32C crc = new CRC32C();
        long n = 0;
        try (FileChannel in = FileChannel.open(localDir.resolve(e.relative()), StandardOpenOption.READ)) {
            for (int r = in.read(buf.clear()); r > 0; r = in.read(buf.clear())) {
                crc.update(buf.flip());
                n += r;
            }
        }
        if (n != e.bytes()) {
            throw new IOException(dir + "/" + e.relative() + " changed size while being read (" + e.bytes()
                    + " then " + n + " bytes)");
        }
        return e.relative() + '\t' + n + '\t' + Long.toHexString(crc.getValue()) + '\n';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
