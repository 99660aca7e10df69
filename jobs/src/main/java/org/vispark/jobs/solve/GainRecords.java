package org.vispark.jobs.solve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.api.Binary;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeParquet;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.Solution;

/** Rows of the lake's {@code gains} table: written from {@link Solution}s, read back as {@link PreTable}s. */
public final class GainRecords {
    private GainRecords() {}

    /** Identity of a solve run's rows: table, term, the MS version solved on. */
    record Source(long msId, long conversion, String runId, String tableName, GainType type, String calMode,
            boolean spwCombined, String solvedUtc) {}

    static GenericRecord record(Source src, Solution s, int fieldId, double interval_s, String antennaName) {
        GenericRecord r = new GenericData.Record(LakeTable.GAINS.schema());
        r.put("ms_id", src.msId());
        r.put("conversion", src.conversion());
        r.put("run_id", src.runId());
        r.put("table_name", src.tableName());
        r.put("gaintype", src.type().name());
        r.put("calmode", src.calMode());
        r.put("antenna", s.antenna());
        r.put("antenna_name", antennaName);
        r.put("pol", s.pol());
        r.put("spw", s.spw());
        r.put("channel", s.channel());
        r.put("time", s.time_mjdSec());
        r.put("interval", interval_s);
        r.put("gain_re", s.gain_re());
        r.put("gain_im", s.gain_im());
        r.put("delay_ns", s.delay_ns());
        r.put("snr", s.snr());
        r.put("flagged", s.flagged());
        r.put("field_id", fieldId);
        r.put("spw_combined", src.spwCombined());
        r.put("solved_utc", src.solvedUtc());
        return r;
    }

    /** The columns {@link #read} uses. */
    private static final List<String> READ = List.of("ms_id", "run_id", "table_name", "gaintype", "antenna", "pol",
            "spw", "channel", "time", "gain_re", "gain_im", "delay_ns", "snr", "flagged", "spw_combined");

    /**
     * The solutions of the named tables for each MS solved on, by ms_id, each MS's tables in the order of
     * {@code names}: what the {@code gains} view shows (the rows of MS that {@code catalogue} has as converted, of the
     * newest run of each (ms_id, table_name)), read from the table's files in this process, without a Spark job
     * (which took seconds for the 340,000 solutions of two DSA-110 bandpass tables). A name without any such row is
     * an error.
     */
    public static Map<Long, List<PreTable>> read(Lake lake, Catalogue catalogue, Configuration conf,
            List<String> names) throws IOException {
        if (names.isEmpty()) {
            return Map.of();
        }
        Schema schema = LakeTable.GAINS.schema();
        Schema projection = LakeParquet.projection(schema, READ::contains);
        FilterCompat.Filter named = FilterCompat.get(FilterApi.in(FilterApi.binaryColumn("table_name"),
                names.stream().map(Binary::fromString).collect(Collectors.toSet())));
        Map<Long, Map<String, NewestRun>> byMs = new LinkedHashMap<>();
        for (Path file : IcebergTables.of(lake, conf).currentFiles(LakeTable.GAINS)) {
            try (ParquetReader<GenericRecord> in = LakeParquet.reader(file, schema, projection, named, conf)) {
                for (GenericRecord r = in.read(); r != null; r = in.read()) {
                    long msId = (Long) r.get("ms_id");
                    CatalogueEntry e = catalogue.get(msId);
                    if (e == null || !e.isConverted()) {
                        continue;
                    }
                    String name = r.get("table_name").toString();
                    byMs.computeIfAbsent(msId, k -> new LinkedHashMap<>())
                            .computeIfAbsent(name, k -> new NewestRun()).add(name, r);
                }
            }
        }
        Map<Long, List<PreTable>> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        byMs.forEach((id, tables) -> {
            List<PreTable> ordered = new ArrayList<>();
            for (String n : names) {
                NewestRun t = tables.get(n);
                if (t != null) {
                    ordered.add(t.table());
                    seen.add(n);
                }
            }
            out.put(id, ordered);
        });
        for (String n : names) {
            if (!seen.contains(n)) {
                throw new IllegalArgumentException("gains table " + n + " is not in the lake (solve it first)");
            }
        }
        return out;
    }

    /** The solutions of one (MS, table) of its newest run read so far. */
    private static final class NewestRun {
        private String runId;
        private PreTable table;

        void add(String name, GenericRecord r) {
            String run = r.get("run_id").toString();
            int newer = runId == null ? 1 : run.compareTo(runId);
            if (newer < 0) {
                return;
            }
            if (newer > 0) {
                Object combined = r.get("spw_combined");
                runId = run;
                table = new PreTable(name, GainType.parse(r.get("gaintype").toString()), new ArrayList<>(),
                        Boolean.TRUE.equals(combined));
            }
            table.solutions().add(new Solution((Integer) r.get("antenna"), (Integer) r.get("pol"),
                    (Integer) r.get("spw"), (Integer) r.get("channel"), (Double) r.get("time"),
                    (Double) r.get("gain_re"), (Double) r.get("gain_im"), (Double) r.get("delay_ns"),
                    (Double) r.get("snr"), (Boolean) r.get("flagged")));
        }

        PreTable table() {
            return new PreTable(table.name(), table.type(), List.copyOf(table.solutions()), table.spwCombined());
        }
    }
}
