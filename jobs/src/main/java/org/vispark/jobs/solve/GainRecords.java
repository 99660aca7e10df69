package org.vispark.jobs.solve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.lake.LakeTable;
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

    /**
     * The solutions of the named tables (gains view, newest run of each MS) for each MS solved on, by ms_id, each
     * MS's tables in the order of {@code names}. A name the view does not have at all is an error.
     */
    public static Map<Long, List<PreTable>> read(SparkSession spark, List<String> names) {
        Map<Long, Map<String, PreTable>> byMs = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return Map.of();
        }
        String in = String.join(",", names.stream().map(n -> "'" + n.replace("'", "''") + "'").toList());
        List<Row> rows = spark.sql("SELECT ms_id, table_name, gaintype, antenna, pol, spw, channel, time, gain_re,"
                + " gain_im, delay_ns, snr, flagged, spw_combined FROM gains WHERE table_name IN (" + in + ")").collectAsList();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Row r : rows) {
            String name = r.getString(1);
            seen.merge(name, 1, Integer::sum);
            PreTable t = byMs.computeIfAbsent(r.getLong(0), k -> new LinkedHashMap<>()).computeIfAbsent(name,
                    k -> new PreTable(name, GainType.parse(r.getString(2)), new ArrayList<>(),
                            !r.isNullAt(13) && r.getBoolean(13)));
            t.solutions().add(new Solution(r.getInt(3), r.getInt(4), r.getInt(5), r.getInt(6), r.getDouble(7),
                    r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11), r.getBoolean(12)));
        }
        for (String n : names) {
            if (!seen.containsKey(n)) {
                throw new IllegalArgumentException("gains table " + n + " is not in the lake (solve it first)");
            }
        }
        Map<Long, List<PreTable>> out = new LinkedHashMap<>();
        byMs.forEach((id, tables) -> {
            List<PreTable> ordered = new ArrayList<>();
            for (String n : names) {
                PreTable t = tables.get(n);
                if (t != null) {
                    ordered.add(new PreTable(n, t.type(), List.copyOf(t.solutions()), t.spwCombined()));
                }
            }
            out.put(id, ordered);
        });
        return out;
    }
}
