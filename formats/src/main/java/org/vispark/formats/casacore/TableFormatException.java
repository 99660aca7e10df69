package org.vispark.formats.casacore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A casacore table file is missing, truncated or not in the format casacore writes. The message
 * always names the file and what is wrong with it.
 */
public class TableFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TableFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TableFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
