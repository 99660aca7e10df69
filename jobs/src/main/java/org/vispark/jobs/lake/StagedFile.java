package org.vispark.jobs.lake;

import java.io.Serializable;

/**
 * A visibility file a task wrote to staging, and where it goes when its MS commits.
 *
 * @param staging the file in staging (a Hadoop path)
 * @param relative its destination, relative to the lake root
 */
public record StagedFile(String staging, String relative, long rows, long bytes) implements Serializable {}
