package org.vispark.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vispark sql --lake LAKE "SELECT ..."}: runs Spark SQL over a lake (every table a view, every
 * vispark function registered) and prints the result as a table, CSV or JSON lines. In tables and
 * CSV, binary values are base64 and arrays and structs JSON; JSON lines are Spark's own.
 */
@Command(name = "sql", description = "Run Spark SQL over a visibility lake and print the result.")
final class SqlCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @Mixin
    LakeOption lake;

    @Parameters(index = "0", paramLabel = "QUERY", description = "Spark SQL; views: ms, ms_history, visibilities,"
            + " antennas, spectral_windows, polarizations, fields, data_descriptions, diagnostics, gains, ...; the"
            + " Iceberg tables as lake.visibilities etc., with lake.TABLE.snapshots")
    String query;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, csv or json (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N",
            description = "print at most N rows in table format (default ${DEFAULT-VALUE}); csv and json print all")
    int maxRows;

    @Option(names = "--as-of", paramLabel = "SNAPSHOT_ID|TIMESTAMP",
            description = "query the lake as it was: at a snapshot's commit (an id from lake.TABLE.snapshots) or at an"
                    + " ISO-8601 instant (2026-12-07T03:00:00Z); each table as of its newest snapshot then")
    String asOf;

    @Mixin
    CampaignOption campaign;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        return sparkOptions.run("sql", spark -> {
            Lake l = Lake.open(lake.root(), spark.sparkContext().hadoopConfiguration());
            campaign.select(l, spark.sparkContext().hadoopConfiguration());
            LakeViews.register(spark, l, asOf == null ? Long.MAX_VALUE
                    : asOfMillis(asOf, IcebergTables.of(l, spark.sparkContext().hadoopConfiguration())));
            Dataset<Row> result = spark.sql(query);
            PrintStream out = System.out;
            switch (format) {
                case table -> printTable(result, maxRows, out);
                case json -> print(result.toJSON().toLocalIterator(), out);
                case csv -> printCsv(result, out);
            }
            out.flush();
            return 0;
        });
    }

    /** {@code --as-of}: a snapshot id's commit time, or an ISO-8601 instant, as Unix ms. */
    static long asOfMillis(String text, IcebergTables tables) throws IOException {
        if (text.strip().matches("\\d+")) {
            return tables.snapshotTime(Long.parseLong(text.strip()));
        }
        try {
            return Instant.parse(text.strip()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of '" + text + "' is neither a snapshot id nor an ISO-8601 instant"
                    + " such as 2026-12-07T03:00:00Z");
        }
    }

    private static void print(Iterator<String> lines, PrintStream out) {
        while (lines.hasNext()) {
            out.println(lines.next());
        }
    }

    /** The result with every column as text: binary as base64, arrays, maps and structs as JSON. */
    private static Dataset<Row> asText(Dataset<Row> result) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : result.schema().fields()) {
            Column c = result.col("`" + f.name().replace("`", "``") + "`");
            if (f.dataType() instanceof BinaryType) {
                c = functions.base64(c);
            } else if (f.dataType() instanceof ArrayType || f.dataType() instanceof StructType
                    || f.dataType() instanceof MapType) {
                c = functions.to_json(c);
            }
            cols.add(c.cast("string").as(f.name()));
        }
        return result.select(cols.toArray(Column[]::new));
    }

    private static void printCsv(Dataset<Row> result, PrintStream out) {
        Dataset<Row> text = asText(result);
        List<String> header = new ArrayList<>();
        for (String name : text.columns()) {
            header.add(csv(name));
        }
        out.println(String.join(",", header));
        Iterator<Row> it = text.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(r.isNullAt(i) ? "" : csv(r.getString(i)));
            }
            out.println(sb);
        }
    }

    /** A text table of at most {@code maxRows} rows, cells cut at 40 characters, NULL for null. */
    private static void printTable(Dataset<Row> result, int maxRows, PrintStream out) {
        Dataset<Row> text = asText(result);
        String[] names = text.columns();
        List<Row> rows = text.limit(maxRows + 1).collectAsList();
        boolean more = rows.size() > maxRows;
        rows = more ? rows.subList(0, maxRows) : rows;
        int[] width = new int[names.length];
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            String[] c = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                String v = r.isNullAt(i) ? "NULL" : r.getString(i);
                c[i] = v.length() > 40 ? v.substring(0, 37) + "..." : v;
            }
            cells.add(c);
        }
        for (int i = 0; i < names.length; i++) {
            width[i] = names[i].length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        out.println(rule);
        out.println(line(names, width));
        out.println(rule);
        for (String[] c : cells) {
            out.println(line(c, width));
        }
        out.println(rule);
        out.println(rows.size() + " row(s)" + (more ? " shown; more exist (--max-rows)" : ""));
    }

    private static String line(String[] values, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < values.length; i++) {
            sb.append(' ').append(values[i]).append(" ".repeat(width[i] - values[i].length())).append(" |");
        }
        return sb.toString();
    }

    private static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
