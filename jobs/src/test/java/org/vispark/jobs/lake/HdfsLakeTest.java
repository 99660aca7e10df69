package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * MS and lake on HDFS (Hadoop's MiniDFSCluster, in process): {@code convert} reads MS from {@code hdfs://},
 * writes the lake there, a rerun converts nothing, and the lake equals the one converted from local copies;
 * {@code solve} against it gives the gains it gives on the local lake.
 */
class HdfsLakeTest {
    @TempDir
    static Path tmp;
    static MiniDFSCluster cluster;
    static String hdfs;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
        FileSystem fs = cluster.getFileSystem();
        for (int i = 0; i < 3; i++) {
            Path ms = TestData.makeMs(tmp.resolve("local/ms" + i + ".ms"), "--nant", "5", "--nchan", "8", "--ntime", "2",
                    "--seed", String.valueOf(i));
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(ms.toUri()),
                    new org.apache.hadoop.fs.Path("/archive/ms" + i + ".ms"));
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void convertReadsAndWritesHdfs() {
        String lake = hdfs + "/vispark/lake";
        Result first = Cli.run("convert", "--lake", lake, hdfs + "/archive/*.ms");
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("3 converted, 0 unchanged, 0 failed"), first.out());
        Result again = Cli.run("convert", "--lake", lake, hdfs + "/archive/*.ms");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("0 converted, 3 unchanged"), again.out());

        Result local = Cli.run("convert", "--lake", tmp.resolve("local-lake").toString(), tmp.resolve("local") + "/*.ms");
        assertEquals(0, local.status(), local.err());
        String query = "SELECT count(*) AS n, bit_xor(xxhash64(regexp_extract(ms.uri, '[^/]+$', 0), v.row, v.uvw,"
                + " v.data, v.flag)) AS h FROM visibilities v JOIN ms ON v.ms_id = ms.ms_id";
        Result onHdfs = Cli.run("sql", "--lake", lake, "--format", "csv", query);
        Result onLocal = Cli.run("sql", "--lake", tmp.resolve("local-lake").toString(), "--format", "csv", query);
        assertEquals(0, onHdfs.status(), onHdfs.err());
        assertEquals(onLocal.out(), onHdfs.out());
        assertTrue(onHdfs.out().startsWith("n,h\n") && !onHdfs.out().startsWith("n,h\n0,"), onHdfs.out());

        // solve against the HDFS lake (make_ms.py's MODEL_DATA): the same gains as on the local lake
        for (String l : List.of(lake, tmp.resolve("local-lake").toString())) {
            Result solve = Cli.run("solve", "--lake", l, "--table", "G", "--gaintype", "G", "--solint", "int",
                    "--minsnr", "0");
            assertEquals(0, solve.status(), solve.out() + solve.err());
            assertTrue(solve.out().contains("3 MS selected: 3 solved, 0 failed"), solve.out());
        }
        String gains = "SELECT count(*) AS n, bit_xor(xxhash64(regexp_extract(ms.uri, '[^/]+$', 0), g.antenna, g.pol,"
                + " g.time, g.gain_re, g.gain_im, g.snr)) AS h FROM gains g JOIN ms ON g.ms_id = ms.ms_id";
        Result gainsOnHdfs = Cli.run("sql", "--lake", lake, "--format", "csv", gains);
        assertEquals(Cli.run("sql", "--lake", tmp.resolve("local-lake").toString(), "--format", "csv", gains).out(),
                gainsOnHdfs.out());
        assertTrue(gainsOnHdfs.out().startsWith("n,h\n60,"), gainsOnHdfs.out());
    }
}
