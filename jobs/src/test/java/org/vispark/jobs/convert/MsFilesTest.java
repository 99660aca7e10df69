package org.vispark.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MsFiles#checksum}: SHA-256 over "relative-path size crc32c" lines of every file, in listing order. */
class MsFilesTest {
    @TempDir
    Path tmp;

    @Test
    void checksumDigestsEveryFilesLineInListingOrder() throws Exception {
        Path ms = tmp.resolve("x.ms");
        Random r = new Random(5);
        int[] sizes = {0, 1, 3 << 20, 4097, (1 << 20) + 1};
        for (int i = 0; i < sizes.length; i++) {
            byte[] b = new byte[sizes[i]];
            r.nextBytes(b);
            Path f = ms.resolve(i % 2 == 0 ? "table.f" + i : "SUB/table.f" + i);
            Files.createDirectories(f.getParent());
            Files.write(f, b);
        }
        MsFiles files = MsFiles.list(ms.toUri().toString(), new Configuration());
        assertEquals(sizes.length, files.entries().size());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (MsFiles.Entry e : files.entries()) {
            byte[] b = Files.readAllBytes(ms.resolve(e.relative()));
            CRC32C crc = new CRC32C();
            crc.update(b);
            md.update((e.relative() + '\t' + b.length + '\t' + Long.toHexString(crc.getValue()) + '\n')
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(HexFormat.of().formatHex(md.digest()), files.checksum(ms));
    }
}
