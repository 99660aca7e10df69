package org.vispark.jobs.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.DataDescription;
import org.vispark.formats.ms.Direction;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Observation;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.ms.State;
import org.vispark.formats.ms.write.MsMetadata;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.MsVersions;

/**
 * The sub-tables of an MS to write, from the lake's metadata rows of its current version. The lake keeps ANTENNA,
 * FIELD, SPECTRAL_WINDOW, POLARIZATION and DATA_DESCRIPTION; OBSERVATION gets one row from the catalogue (telescope
 * and time range); STATE is left empty here ({@link #withStates} adds rows once the main table's STATE_IDs are known).
 */
public final class LakeMetadata {
    private LakeMetadata() {}

    public static MsMetadata of(CatalogueEntry entry, Map<LakeTable, List<GenericRecord>> tables,
            MsMetadata.HistoryEntry history) {
        List<Antenna> antennas = new ArrayList<>();
        for (GenericRecord r : sorted(tables, LakeTable.ANTENNAS, "antenna_id")) {
            antennas.add(new Antenna((Integer) r.get("antenna_id"), str(r, "name"), str(r, "station"),
                    MsVersions.doubles(r.get("position_itrf_m")), (Double) r.get("dish_diameter_m"), str(r, "mount"),
                    (Boolean) r.get("flag_row")));
        }
        List<Field> fields = new ArrayList<>();
        for (GenericRecord r : sorted(tables, LakeTable.FIELDS, "field_id")) {
            fields.add(new Field((Integer) r.get("field_id"), str(r, "name"), str(r, "code"), direction(r, "phase_dir"),
                    direction(r, "delay_dir"), direction(r, "reference_dir"), (Double) r.get("time"),
                    (Integer) r.get("source_id")));
        }
        List<SpectralWindow> spws = new ArrayList<>();
        for (GenericRecord r : sorted(tables, LakeTable.SPECTRAL_WINDOWS, "spw_id")) {
            spws.add(new SpectralWindow((Integer) r.get("spw_id"), str(r, "name"),
                    MsVersions.doubles(r.get("chan_freq_hz")),
                    MsVersions.doubles(r.get("chan_width_hz")), (Double) r.get("ref_frequency_hz"),
                    (Double) r.get("total_bandwidth_hz"), str(r, "frame")));
        }
        List<Polarization> pols = new ArrayList<>();
        for (GenericRecord r : sorted(tables, LakeTable.POLARIZATIONS, "pol_id")) {
            List<?> types = (List<?>) r.get("corr_type");
            List<?> names = (List<?>) r.get("corr_names");
            pols.add(new Polarization((Integer) r.get("pol_id"), types.stream().mapToInt(v -> (Integer) v).toArray(),
                    names.stream().map(String::valueOf).toArray(String[]::new)));
        }
        List<DataDescription> dds = new ArrayList<>();
        for (GenericRecord r : sorted(tables, LakeTable.DATA_DESCRIPTIONS, "data_desc_id")) {
            dds.add(new DataDescription((Integer) r.get("data_desc_id"), (Integer) r.get("spw_id"),
                    (Integer) r.get("pol_id")));
        }
        double start = entry.timeStart() == null ? 0 : entry.timeStart();
        double end = entry.timeEnd() == null ? start : entry.timeEnd();
        List<Observation> observations = List.of(new Observation(0, entry.telescope() == null ? "" : entry.telescope(),
                "", "", new double[] {start, end}));
        return new MsMetadata(antennas, fields, spws, pols, dds, observations, List.of(), history);
    }

    /** {@code m} with {@code count} default STATE rows (signal, sub-scan 0), so STATE_IDs 0..count-1 are rows. */
    static MsMetadata withStates(MsMetadata m, int count) {
        List<State> states = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            states.add(new State(i, "", true, false, 0));
        }
        return new MsMetadata(m.antennas(), m.fields(), m.spectralWindows(), m.polarizations(), m.dataDescriptions(),
                m.observations(), states, m.history());
    }

    private static List<GenericRecord> sorted(Map<LakeTable, List<GenericRecord>> tables, LakeTable t, String id) {
        List<GenericRecord> rows = new ArrayList<>(tables.getOrDefault(t, List.of()));
        rows.sort(Comparator.comparingInt(r -> (Integer) r.get(id)));
        for (int i = 0; i < rows.size(); i++) {
            if ((Integer) rows.get(i).get(id) != i) {
                throw new IllegalArgumentException("the lake's " + t.dirName() + " rows of this MS are not numbered"
                        + " 0.." + (rows.size() - 1) + " (" + id + " " + rows.get(i).get(id) + " at position " + i + ")");
            }
        }
        return rows;
    }

    private static Direction direction(GenericRecord r, String prefix) {
        return new Direction((Double) r.get(prefix + "_lon_rad"), (Double) r.get(prefix + "_lat_rad"),
                str(r, prefix + "_frame"));
    }

    private static String str(GenericRecord r, String f) {
        Object v = r.get(f);
        return v == null ? "" : v.toString();
    }
}
