package org.vispark.formats.uvh5;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An open UVH5 file: its {@link Uvh5Header}, read whole when the file is opened, and its
 * {@link Uvh5Data}, read by blt ranges on demand. Close it to release the file.
 */
public final class Uvh5File implements Uvh5Source {
    private final Path path;
    private final HdfFile hdf;
    private final Uvh5Header header;
    private final Uvh5Data data;

    private Uvh5File(Path path, HdfFile hdf) throws Uvh5FormatException {
        this.path = path;
        this.hdf = hdf;
        this.header = new Uvh5HeaderReader(path, new Hdf5Group(path, group("Header"))).read();
        this.data = new Uvh5Data(path, new Hdf5Group(path, group("Data")), header);
    }

    /** Opens a UVH5 file; fails with a {@link Uvh5FormatException} naming it if it is not a readable UVH5 file. */
    public static Uvh5File open(Path path) throws Uvh5FormatException {
        if (!Files.isRegularFile(path)) {
            throw new Uvh5FormatException(path, "no such file");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new Uvh5FormatException(path, "not a readable HDF5 file (truncated or corrupt?): " + e, e);
        }
        try {
            checkLength(path, hdf);
            return new Uvh5File(path, hdf);
        } catch (Uvh5FormatException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            hdf.close();
            throw new Uvh5FormatException(path, "not a readable UVH5 file (truncated or corrupt?): " + e, e);
        }
    }

    /** As the HDF5 library does: a file shorter than its superblock's end-of-file address was cut short. */
    private static void checkLength(Path path, HdfFile hdf) throws Uvh5FormatException {
        var superblock = hdf.getHdfBackingStorage().getSuperblock();
        long expected = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        if (hdf.size() < expected) {
            throw new Uvh5FormatException(path, "truncated: the HDF5 superblock says " + expected
                    + " bytes, the file has " + hdf.size());
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public List<Path> paths() {
        return List.of(path);
    }

    @Override
    public Uvh5Rows read(int firstBlt, int count, Uvh5Rows reuse) throws Uvh5FormatException {
        return data.read(firstBlt, count, reuse);
    }

    @Override
    public Uvh5Header header() {
        return header;
    }

    public Uvh5Data data() {
        return data;
    }

    private Group group(String name) throws Uvh5FormatException {
        Node n = hdf.getChildren().get(name);
        if (!(n instanceof Group g)) {
            throw new Uvh5FormatException(path, "missing group /" + name + " (not a UVH5 file?)");
        }
        return g;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
