package org.vispark.jobs.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vispark.jobs.lake.LakeTable;

/** What a lake's directories hold that none of its tables references: the files a crash or a lost task left. */
public final class LakeFiles {
    private LakeFiles() {}

    /**
     * The files below the table directories of {@code lake} that no snapshot of the table (of any branch) references,
     * as the table's {@code all_files} metadata table lists them, and the staging directory if there is one.
     */
    public static List<String> unreferenced(Path lake) throws IOException {
        String query = Stream.of(LakeTable.values()).map(t -> "SELECT file_path FROM lake." + t.dirName()
                + ".all_files").collect(Collectors.joining(" UNION ALL "));
        Cli.Result r = Cli.run("sql", "--lake", lake.toString(), "--format", "csv", query);
        if (r.status() != 0) {
            throw new IllegalStateException("listing the lake's referenced files failed: " + r.err());
        }
        Set<String> referenced = r.out().lines().skip(1).map(LakeFiles::localPath).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (LakeTable t : LakeTable.values()) {
            Path dir = lake.resolve(t.dirName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize().toString())
                        .filter(p -> !referenced.contains(p)).forEach(out::add);
            }
        }
        if (Files.exists(lake.resolve("_staging"))) {
            out.add(lake.resolve("_staging").toString());
        }
        return new ArrayList<>(new TreeSet<>(out));
    }

    private static String localPath(String location) {
        String path = location.startsWith("file:") ? URI.create(location).getPath() : location;
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
