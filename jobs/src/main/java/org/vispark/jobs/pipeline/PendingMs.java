package org.vispark.jobs.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.IcebergTables;

/**
 * The converted MS of a lake the pipeline has not finished (no {@code pipeline} record of their current
 * conversion), with where each points and its mean frequency: what {@link PipelineJob} classifies. Read from the
 * catalogue and the small subtable files directly, without Spark: a Spark SQL query over the lake's views costs
 * seconds of query planning and jobs for a few rows.
 */
public final class PendingMs {
    /**
     * One pending MS.
     *
     * @param ra_rad  J2000 right ascension of its first field (lowest FIELD_ID): REFERENCE_DIR when in J2000 or
     *                ICRS, else PHASE_DIR
     * @param dec_rad declination, likewise
     * @param freq_hz mean over its spectral windows of each window's mean channel frequency, or NaN without any
     */
    record Pointing(long msId, double ra_rad, double dec_rad, double freq_hz) {}

    private PendingMs() {}

    /**
     * The MS the pipeline finished: those with a {@code pipeline} record (of the configuration's branch) of their
     * current conversion.
     */
    public static Set<Long> finished(Lake lake, Configuration conf, Catalogue catalogue) throws IOException {
        Set<Long> out = new HashSet<>();
        for (GenericRecord r : IcebergTables.of(lake, conf).currentRows(LakeTable.PIPELINE,
                Set.of("ms_id", "conversion"))) {
            long id = (Long) r.get("ms_id");
            if (catalogue.isVisible(id, (Long) r.get("conversion"))) {
                out.add(id);
            }
        }
        return out;
    }

    /** The pending MS that have a FIELD row, by ms_id. */
    static List<Pointing> read(Lake lake, Configuration conf, Catalogue catalogue) throws IOException {
        Set<Long> finished = finished(lake, conf, catalogue);
        Set<Long> pending = new TreeSet<>();
        for (CatalogueEntry e : catalogue.current().values()) {
            if (e.isConverted() && !finished.contains(e.msId())) {
                pending.add(e.msId());
            }
        }
        Map<Long, Map<LakeTable, List<GenericRecord>>> subtables = MsVersions.currentSubtables(lake, conf, catalogue,
                pending);
        List<Pointing> out = new ArrayList<>();
        for (long id : pending) {
            Map<LakeTable, List<GenericRecord>> tables = subtables.getOrDefault(id, Map.of());
            GenericRecord field = firstField(tables.get(LakeTable.FIELDS));
            if (field != null) {
                boolean reference = Set.of("J2000", "ICRS").contains(field.get("reference_dir_frame").toString());
                String dir = reference ? "reference_dir" : "phase_dir";
                out.add(new Pointing(id, (Double) field.get(dir + "_lon_rad"), (Double) field.get(dir + "_lat_rad"),
                        meanFrequency_hz(tables.get(LakeTable.SPECTRAL_WINDOWS))));
            }
        }
        return out;
    }

    private static GenericRecord firstField(List<GenericRecord> fields) {
        GenericRecord first = null;
        for (GenericRecord f : fields == null ? List.<GenericRecord>of() : fields) {
            if (first == null || (Integer) f.get("field_id") < (Integer) first.get("field_id")) {
                first = f;
            }
        }
        return first;
    }

    private static double meanFrequency_hz(List<GenericRecord> spws) {
        return MsVersions.frequencies(spws).values().stream().filter(f -> f.length > 0)
                .mapToDouble(f -> Arrays.stream(f).average().orElseThrow()).average().orElse(Double.NaN);
    }
}
