package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The tables of a visibility lake: each a directory below the lake root, with the Avro schema
 * (a {@code .avsc} file in {@code jobs/src/main/resources/avro}) its Parquet files are written with.
 */
public enum LakeTable {
    /** One row per MS main-table row, Hive-partitioned by obs_date and bl_bucket. */
    VISIBILITIES("visibilities", "visibility.avsc"),
    /** The catalogue: the commit record of every conversion of every MS. */
    MS("ms", "ms.avsc"),
    ANTENNAS("antennas", "antenna.avsc"),
    SPECTRAL_WINDOWS("spectral_windows", "spectral_window.avsc"),
    POLARIZATIONS("polarizations", "polarization.avsc"),
    FIELDS("fields", "field.avsc"),
    DATA_DESCRIPTIONS("data_descriptions", "data_description.avsc"),
    /** The MS versions {@code vispark pipeline} finished (not copied into new versions of an MS). */
    PIPELINE("pipeline", "pipeline.avsc"),
    /** Calibration diagnostics, one row per MS version, field, spectral window and diagnose run. */
    DIAGNOSTICS("diagnostics", "diagnostics.avsc"),
    /** Per-antenna calibration diagnostics, rows of the same runs as {@link #DIAGNOSTICS}. */
    DIAGNOSTICS_ANTENNAS("diagnostics_antennas", "diagnostic_antenna.avsc"),
    /** Gain solutions, one row per (MS, table, antenna, polarization, spectral window, channel, time) and run. */
    GAINS("gains", "gain.avsc"),
    /** {@code vispark flag} statistics, one row per (MS, axis value) and run. */
    FLAG_STATS("flag_stats", "flag_stat.avsc"),
    /** Bulk reprocessing campaigns: a row per campaign and change of state (always on the main branch). */
    CAMPAIGNS("campaigns", "campaign.avsc");

    private final String dirName;
    private final Schema schema;

    LakeTable(String dirName, String schemaResource) {
        this.dirName = dirName;
        this.schema = load(schemaResource);
    }

    /** Directory name below the lake root, also the SQL view name. */
    public String dirName() {
        return dirName;
    }

    public Schema schema() {
        return schema;
    }

    /** Whether the table holds the subtable rows of each MS (keyed by ms_id and conversion). */
    public boolean isMsMetadata() {
        return this != VISIBILITIES && this != MS && this != CAMPAIGNS && !isResult();
    }

    /**
     * Whether the table holds results of a job about an MS (pipeline state, diagnostics, gains) rather than the MS
     * itself: written in files of their own per run ({@link ResultTables}), not copied into new versions of an MS.
     */
    public boolean isResult() {
        return this == PIPELINE || this == DIAGNOSTICS || this == DIAGNOSTICS_ANTENNAS || this == GAINS
                || this == FLAG_STATS;
    }

    private static Schema load(String resource) {
        try (InputStream in = LakeTable.class.getResourceAsStream("/avro/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("Avro schema /avro/" + resource + " is not on the class path");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading Avro schema " + resource, e);
        }
    }
}
