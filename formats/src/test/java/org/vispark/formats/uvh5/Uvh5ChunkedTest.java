package org.vispark.formats.uvh5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.CompoundDataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;

/**
 * Chunked Data datasets ({@link ChunkedRows}), written by uvh5/make_chunked_uvh5.py with h5py: chunks=True
 * as pyuvdata writes them, gzip (with and without shuffle) and lzf, chunk shapes that divide no axis (partial
 * edge chunks), current and older layout, and a file written part by part whose unwritten chunks read as
 * the fill value (zeros, and a fill value of its own for nsamples). Every visdata, flags and nsamples value
 * of row ranges that straddle chunk boundaries, read in order, out of order and whole, equals h5py's; a
 * damaged chunk fails with a {@link Uvh5FormatException} naming the file; stored chunks do not stay
 * memory-mapped ({@link ChunkMappings}).
 */
class Uvh5ChunkedTest {
    private static final List<String> FILES =
            List.of("chunks_true.uvh5", "gzip_odd.uvh5", "older_gzip_shuffle.uvh5", "lzf_true.uvh5",
                    "partly_written.uvh5");

    @TempDir
    static Path dir;
    private static JsonNode ref;

    @BeforeAll
    static void write() throws Exception {
        Path data = Reference.shared().resolve("data/uvh5");
        ref = Reference.pythonJson(Reference.resource("uvh5/make_chunked_uvh5.py"), dir.toString(),
                data.resolve("ata.LoA.C0352.uvh5_60647_62965_9760406_3c286_0001.uvh5").toString(),
                data.resolve("zen.2458661.23480.HH.uvh5").toString());
    }

    @Test
    void everyValueOfStraddlingRangesEqualsH5py() throws Exception {
        for (String name : FILES) {
            JsonNode r = ref.get(name);
            try (Uvh5File f = Uvh5File.open(dir.resolve(name))) {
                assertTrue(f.data().nblts() > 0);
                int nblts = f.data().nblts();
                int read = 0;
                // consecutive ranges of 5 and 13 blts (neither divides the chunks' 7, 9, 102 or 203 rows),
                // the arrays reused from range to range as convert does
                for (int size : new int[] {5, 13}) {
                    Uvh5Rows rows = null;
                    for (int first = 0; first < nblts; first += size) {
                        rows = f.read(first, Math.min(size, nblts - first), rows);
                        read += assertRows(name, r, rows);
                    }
                }
                // out of order (back to an earlier chunk band), empty, and whole
                int[][] ranges = {{nblts - 11, 11}, {3, 17}, {nblts / 2 - 4, 9}, {0, 1}, {nblts - 1, 1}, {5, 0},
                    {0, nblts}};
                for (int[] range : ranges) {
                    read += assertRows(name, r, f.read(range[0], range[1]));
                }
                assertEquals(3L * nblts + 39, read, name + ": blts compared");
            }
        }
    }

    @Test
    void bandsTooLargeToKeepAreReadRangeByRange() throws Exception {
        String name = "gzip_odd.uvh5";
        JsonNode r = ref.get(name);
        try (HdfFile hdf = new HdfFile(dir.resolve(name))) {
            ChunkedDataset vis = (ChunkedDataset) hdf.getDatasetByPath("Data/visdata");
            ChunkedDataset ns = (ChunkedDataset) hdf.getDatasetByPath("Data/nsamples");
            ChunkedRows visRows = new ChunkedRows(dir.resolve(name), vis, 0);
            ChunkedRows nsRows = new ChunkedRows(dir.resolve(name), ns, 0);
            int perBlt = vis.getDimensions()[1] * vis.getDimensions()[2];
            for (int[] range : new int[][] {{0, 10}, {8, 3}, {400, 6}, {17, 40}, {0, 406}}) {
                int n = range[1] * perBlt;
                float[] v = new float[2 * n];
                RawElements.complexes(visRows.rows(range[0], range[1]), (CompoundDataType) vis.getDataType(), n, v);
                float[] s = new float[n];
                ByteBuffer b = nsRows.rows(range[0], range[1]);
                RawElements.floats(b, ns.getDataType(), 0, 4, n, s, 0, 1);
                for (int k = 0; k < n; k++) {
                    int at = range[0] * perBlt + k;
                    assertEquals(r.get("re").get(at).floatValue(), v[2 * k], name + " re " + at);
                    assertEquals(r.get("im").get(at).floatValue(), v[2 * k + 1], name + " im " + at);
                    assertEquals(r.get("nsamples").get(at).floatValue(), s[k], name + " nsamples " + at);
                }
            }
        }
    }

    @Test
    void damagedChunkIsNamed() throws Exception {
        JsonNode c = ref.get("corrupt");
        Path f = Path.of(c.get("file").asText());
        List<Integer> offset = new ArrayList<>();
        c.get("chunk_offset").forEach(o -> offset.add(o.asInt()));
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> {
            try (Uvh5File u = Uvh5File.open(f)) {
                u.read(0, u.data().nblts());
            }
        });
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("/Data/visdata chunk at " + offset), e.getMessage());
    }

    @Test
    void storedChunksAreUnmappedOnceRead() throws Exception {
        // gzip_odd.uvh5 has 3 x 368 chunks, each mapped by jhdf; left to the collector they would stay mapped
        long before = mappings();
        for (String name : List.of("gzip_odd.uvh5", "chunks_true.uvh5")) {
            try (Uvh5File f = Uvh5File.open(dir.resolve(name))) {
                f.read(0, f.data().nblts());
            }
        }
        long added = mappings() - before;
        assertTrue(added < 100, added + " mappings added by reading 1140 chunks");
    }

    private static long mappings() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        }
    }

    /** Asserts every value of {@code rows} equals the reference's; returns the number of blts compared. */
    private static int assertRows(String name, JsonNode r, Uvh5Rows rows) {
        int perBlt = rows.nfreqs() * rows.npols();
        for (int k = 0; k < rows.nblts() * perBlt; k++) {
            int at = rows.firstBlt() * perBlt + k;
            String where = name + " blt " + (rows.firstBlt() + k / perBlt) + " value " + k % perBlt;
            assertEquals(r.get("re").get(at).floatValue(), rows.vis()[2 * k], where + " re");
            assertEquals(r.get("im").get(at).floatValue(), rows.vis()[2 * k + 1], where + " im");
            assertEquals(r.get("flags").get(at).asBoolean(), rows.flags()[k], where + " flag");
            assertEquals(r.get("nsamples").get(at).floatValue(), rows.nsamples()[k], where + " nsamples");
        }
        return rows.nblts();
    }
}
