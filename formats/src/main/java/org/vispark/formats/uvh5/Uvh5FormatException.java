package org.vispark.formats.uvh5;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A UVH5 file is missing, truncated, lacks a dataset the UVH5 memo requires, or holds a datatype this
 * reader does not decode. The message always names the file and what is wrong with it.
 */
public class Uvh5FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public Uvh5FormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public Uvh5FormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
