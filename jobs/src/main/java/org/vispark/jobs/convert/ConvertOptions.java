package org.vispark.jobs.convert;

import java.util.List;
import org.vispark.udfs.phasing.PhaseCentreRequest;

/**
 * Settings of a convert run.
 *
 * @param lake lake root (local path or Hadoop FileSystem URI)
 * @param inputs MS paths or glob patterns
 * @param baselineBuckets bl_bucket count of a new lake; null for the default (or the existing lake's)
 * @param taskBytes a local MS larger than this is split into row ranges of about this many bytes
 * @param checksum whether to compute each MS's content checksum (reads every byte of it once more)
 * @param retryFailed whether to try again MS that failed before and have not changed since
 * @param codec Parquet compression of the visibility files
 * @param commitSeconds longest time a finished MS waits for its batch commit
 * @param progressSeconds interval of the console progress line
 * @param allowIncomplete whether an incomplete DSA-110 subband group is converted, its missing subbands'
 *     channels flagged, rather than recorded and left until complete
 * @param phaseCentre where drift-scan (unprojected) UVH5 data are phased; default the meridian
 */
public record ConvertOptions(String lake, List<String> inputs, Integer baselineBuckets, long taskBytes,
        boolean checksum, boolean retryFailed, String codec, double commitSeconds, double progressSeconds,
        boolean allowIncomplete, PhaseCentreRequest phaseCentre) {

    public static final long DEFAULT_TASK_BYTES = 4L << 30;

    /** Defaults for everything but the lake and the inputs. */
    public static ConvertOptions of(String lake, List<String> inputs) {
        return new ConvertOptions(lake, inputs, null, DEFAULT_TASK_BYTES, true, false, "snappy", 30, 5, false,
                PhaseCentreRequest.meridian());
    }

    public ConvertOptions withBaselineBuckets(Integer buckets) {
        return new ConvertOptions(lake, inputs, buckets, taskBytes, checksum, retryFailed, codec, commitSeconds,
                progressSeconds, allowIncomplete, phaseCentre);
    }

    public ConvertOptions withTaskBytes(long bytes) {
        return new ConvertOptions(lake, inputs, baselineBuckets, bytes, checksum, retryFailed, codec, commitSeconds,
                progressSeconds, allowIncomplete, phaseCentre);
    }

    public ConvertOptions withRetryFailed(boolean retry) {
        return new ConvertOptions(lake, inputs, baselineBuckets, taskBytes, checksum, retry, codec, commitSeconds,
                progressSeconds, allowIncomplete, phaseCentre);
    }

    public ConvertOptions withChecksum(boolean on) {
        return new ConvertOptions(lake, inputs, baselineBuckets, taskBytes, on, retryFailed, codec, commitSeconds,
                progressSeconds, allowIncomplete, phaseCentre);
    }

    public ConvertOptions withCodec(String name) {
        return new ConvertOptions(lake, inputs, baselineBuckets, taskBytes, checksum, retryFailed, name, commitSeconds,
                progressSeconds, allowIncomplete, phaseCentre);
    }

    public ConvertOptions withCommitSeconds(double s) {
        return new ConvertOptions(lake, inputs, baselineBuckets, taskBytes, checksum, retryFailed, codec, s,
                progressSeconds, allowIncomplete, phaseCentre);
    }

    public ConvertOptions withAllowIncomplete(boolean allow) {
        return new ConvertOptions(lake, inputs, baselineBuckets, taskBytes, checksum, retryFailed, codec, commitSeconds,
                progressSeconds, allow, phaseCentre);
    }

    public ConvertOptions withPhaseCentre(PhaseCentreRequest request) {
        return new ConvertOptions(lake, inputs, baselineBuckets, taskBytes, checksum, retryFailed, codec, commitSeconds,
                progressSeconds, allowIncomplete, request);
    }
}
