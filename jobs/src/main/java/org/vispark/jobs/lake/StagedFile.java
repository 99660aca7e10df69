package org.vispark.jobs.lake;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A visibility file a task wrote to staging, and where it goes when its MS commits.
 *
 * @param staging the file in staging (a Hadoop path)
 * @param relative its destination, relative to the lake root
 */
public record StagedFile(String staging, String relative, long rows, long bytes) implements Serializable {

    /** The files of two parts of one MS, in order. */
    public static List<StagedFile> concat(List<StagedFile> first, List<StagedFile> second) {
        List<StagedFile> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
