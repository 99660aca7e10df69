package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What a job that writes a new version of MS already in the lake (rephase, predict) needs: the current subtable
 * rows and visibility files of each MS, copies of the subtable rows for the new conversion, and its catalogue
 * entry.
 */
public final class MsVersions {
    private MsVersions() {}

    /** The subtable rows of the current conversion of each MS in {@code ids}. */
    public static Map<Long, Map<LakeTable, List<GenericRecord>>> currentSubtables(Lake lake, Configuration conf,
            Catalogue catalogue, Set<Long> ids) throws IOException {
        Map<Long, Map<LakeTable, List<GenericRecord>>> out = new HashMap<>();
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        for (LakeTable t : LakeTable.values()) {
            if (!t.isMsMetadata()) {
                continue;
            }
            for (GenericRecord r : iceberg.currentRows(t)) {
                long id = (Long) r.get("ms_id");
                if (ids.contains(id) && catalogue.isVisible(id, (Long) r.get("conversion"))) {
                    out.computeIfAbsent(id, k -> new EnumMap<>(LakeTable.class))
                            .computeIfAbsent(t, k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    /** The visible visibility files of each MS (of visibilities' current snapshot), relative to the lake root. */
    public static Map<Long, List<String>> visibilityFiles(Lake lake, Configuration conf, Catalogue catalogue)
            throws IOException {
        Map<Long, List<String>> out = new HashMap<>();
        String root = lake.fs().makeQualified(lake.layout().root()).toUri().getPath();
        for (Path p : IcebergTables.of(lake, conf).currentFiles(LakeTable.VISIBILITIES)) {
            LakeLayout.parseVisibilityFile(p.getName()).ifPresent(ids -> {
                if (catalogue.isVisible(ids[0], ids[1])) {
                    String path = p.toUri().getPath();
                    out.computeIfAbsent(ids[0], k -> new ArrayList<>()).add(path.substring(root.length() + 1));
                }
            });
        }
        return out;
    }

    /** Rows of a subtable by their id field (e.g. field_id). */
    public static Map<Integer, GenericRecord> byId(List<GenericRecord> rows, String idField) {
        Map<Integer, GenericRecord> out = new HashMap<>();
        for (GenericRecord r : rows == null ? List.<GenericRecord>of() : rows) {
            out.put((Integer) r.get(idField), r);
        }
        return out;
    }

    /** Channel frequencies (Hz) of each spectral window, from spectral_windows rows. */
    public static Map<Integer, double[]> frequencies(List<GenericRecord> spws) {
        Map<Integer, double[]> out = new HashMap<>();
        for (GenericRecord r : spws == null ? List.<GenericRecord>of() : spws) {
            out.put((Integer) r.get("spw_id"), doubles(r.get("chan_freq_hz")));
        }
        return out;
    }

    /** The correlations (casacore Stokes codes, CORR_TYPE) of each polarization setup, from polarizations rows. */
    public static Map<Integer, int[]> corrTypes(List<GenericRecord> polarizations) {
        Map<Integer, int[]> out = new HashMap<>();
        for (GenericRecord r : polarizations == null ? List.<GenericRecord>of() : polarizations) {
            out.put((Integer) r.get("pol_id"), ((List<?>) r.get("corr_type")).stream().mapToInt(v -> (Integer) v)
                    .toArray());
        }
        return out;
    }

    /** An Avro array of doubles of a subtable row (frequencies, positions) as a {@code double[]}. */
    public static double[] doubles(Object avroArray) {
        return ((List<?>) avroArray).stream().mapToDouble(v -> (Double) v).toArray();
    }

    /** The channel frequencies of window {@code spw} in {@link #frequencies(List)}'s map; a missing window is an error. */
    public static double[] frequencies(Map<Integer, double[]> bySpw, int spw) {
        double[] f = bySpw.get(spw);
        if (f == null) {
            throw new IllegalArgumentException("spectral window " + spw + " is not in the MS's SPECTRAL_WINDOW table");
        }
        return f;
    }

    /** Copies of subtable rows for {@code conversion}; {@code edit} may change each copy. */
    public static Map<LakeTable, List<GenericRecord>> copies(Map<LakeTable, List<GenericRecord>> old, long conversion,
            RowEdit edit) {
        Map<LakeTable, List<GenericRecord>> out = new EnumMap<>(LakeTable.class);
        old.forEach((table, rows) -> {
            List<GenericRecord> copies = new ArrayList<>(rows.size());
            for (GenericRecord r : rows) {
                GenericRecord c = GenericData.get().deepCopy(table.schema(), r);
                c.put("conversion", conversion);
                edit.apply(table, c);
                copies.add(c);
            }
            out.put(table, copies);
        });
        return out;
    }

    /** A change to a copied subtable row. */
    @FunctionalInterface
    public interface RowEdit {
        void apply(LakeTable table, GenericRecord row);
    }

    /** The catalogue entry of a new version of {@code old}'s MS: its files, the time it took, committed now. */
    public static CatalogueEntry newEntry(CatalogueEntry old, long conversion, List<StagedFile> files, double seconds,
            String version) {
        long bytes = files.stream().mapToLong(StagedFile::bytes).sum();
        return new CatalogueEntry(old.msId(), conversion, old.uri(), CatalogueEntry.CONVERTED, null, old.bytes(),
                old.files(), old.fingerprint(), old.checksum(), old.rows(), old.timeStart(), old.timeEnd(),
                old.telescope(), files.size(), bytes, seconds, System.currentTimeMillis(), version, old.format(),
                old.sourceFiles());
    }
}
