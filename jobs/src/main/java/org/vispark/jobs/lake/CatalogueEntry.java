package org.vispark.jobs.lake;

import java.io.Serializable;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One row of the {@code ms} catalogue (schema {@code ms.avsc}): the commit record of one conversion of
 * one MS (or UVH5 file: {@code format}). Nullable fields are null when unknown (e.g. for an MS that
 * could not be opened); {@code format} is null in entries written before it was recorded (an MS); {@code sourceFiles} lists
 * a subband group's files.
 */
public record CatalogueEntry(long msId, long conversion, String uri, String status, String error, long bytes,
        int files, String fingerprint, String checksum, Long rows, Double timeStart, Double timeEnd, String telescope,
        Integer lakeFiles, Long lakeBytes, double seconds, long committedAtMillis, String visparkVersion,
        String format, java.util.List<String> sourceFiles) implements Serializable {

    public static final String CONVERTED = "converted";
    public static final String FAILED = "failed";

    public boolean isConverted() {
        return CONVERTED.equals(status);
    }

    /** Whether this entry is newer than {@code other} (of the same MS). */
    public boolean supersedes(CatalogueEntry other) {
        return committedAtMillis != other.committedAtMillis ? committedAtMillis > other.committedAtMillis
                : conversion > other.conversion;
    }

    public GenericRecord toRecord() {
        GenericRecord r = new GenericData.Record(LakeTable.MS.schema());
        r.put("ms_id", msId);
        r.put("conversion", conversion);
        r.put("uri", uri);
        r.put("status", status);
        r.put("error", error);
        r.put("bytes", bytes);
        r.put("files", files);
        r.put("fingerprint", fingerprint);
        r.put("checksum", checksum);
        r.put("rows", rows);
        r.put("time_start", timeStart);
        r.put("time_end", timeEnd);
        r.put("telescope", telescope);
        r.put("lake_files", lakeFiles);
        r.put("lake_bytes", lakeBytes);
        r.put("seconds", seconds);
        r.put("committed_at", committedAtMillis);
        r.put("vispark_version", visparkVersion);
        r.put("format", format);
        r.put("source_files", sourceFiles);
        return r;
    }

    public static CatalogueEntry fromRecord(GenericRecord r) {
        return new CatalogueEntry((Long) r.get("ms_id"), (Long) r.get("conversion"), str(r, "uri"),
                str(r, "status"), str(r, "error"), (Long) r.get("bytes"), (Integer) r.get("files"),
                str(r, "fingerprint"), str(r, "checksum"), (Long) r.get("rows"), (Double) r.get("time_start"),
                (Double) r.get("time_end"), str(r, "telescope"), (Integer) r.get("lake_files"),
                (Long) r.get("lake_bytes"), (Double) r.get("seconds"), committedAt(r.get("committed_at")),
                str(r, "vispark_version"), str(r, "format"), strings(r.get("source_files")));
    }

    private static String str(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? null : v.toString();
    }

    private static java.util.List<String> strings(Object v) {
        return v == null ? null : ((java.util.List<?>) v).stream().map(Object::toString).toList();
    }

    private static long committedAt(Object v) {
        return v instanceof java.time.Instant i ? i.toEpochMilli() : (Long) v;
    }
}
