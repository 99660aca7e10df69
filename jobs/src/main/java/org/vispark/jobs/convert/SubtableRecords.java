package org.vispark.jobs.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.DataDescription;
import org.vispark.formats.ms.Direction;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.uvh5.Uvh5MsModel;
import org.vispark.jobs.lake.LakeTable;

/**
 * The rows of the per-MS lake tables (antennas, spectral_windows, polarizations, fields,
 * data_descriptions) read from an MS's subtables through {@link MeasurementSet} (SI units, frames
 * named) or made from a UVH5 header, and their Avro binary form for carrying them from a task to the driver.
 */
final class SubtableRecords {
    /**
     * Avro 1.12.0 (Spark 4.0's) decodes double arrays into an array type that rounds each value through
     * float (AVRO-4108); this model decodes into plain arrays, keeping every bit.
     */
    private static final GenericData EXACT_ARRAYS = new GenericData() {
        @Override
        public Object newArray(Object old, int size, Schema schema) {
            return new GenericData.Array<>(size, schema);
        }
    };

    private SubtableRecords() {}

    /** Reads the subtables of {@code ms}. */
    static Map<LakeTable, List<GenericRecord>> read(MeasurementSet ms, long msId, long conversion) throws IOException {
        return records(ms.antennas(), ms.spectralWindows(), ms.polarizations(), ms.fields(), ms.dataDescriptions(),
                msId, conversion);
    }

    /**
     * The subtables a UVH5 file's header describes (see {@link Uvh5MsModel}); {@code phaseCentreChoice}, when not
     * null, is recorded on its unprojected (drift) fields: how the centre they were phased to was chosen.
     */
    static Map<LakeTable, List<GenericRecord>> of(Uvh5MsModel uvh5, String phaseCentreChoice, long msId,
            long conversion) {
        Map<LakeTable, List<GenericRecord>> out = records(uvh5.antennas(), uvh5.spectralWindows(),
                uvh5.polarizations(), uvh5.fields(), uvh5.dataDescriptions(), msId, conversion);
        if (phaseCentreChoice != null) {
            for (GenericRecord f : out.get(LakeTable.FIELDS)) {
                if (uvh5.unprojectedField((Integer) f.get("field_id"))) {
                    f.put("phase_centre_choice", phaseCentreChoice);
                }
            }
        }
        return out;
    }

    private static Map<LakeTable, List<GenericRecord>> records(List<Antenna> antennas, List<SpectralWindow> windows,
            List<Polarization> polarizations, List<Field> fieldRows, List<DataDescription> dataDescriptions,
            long msId, long conversion) {
        Map<LakeTable, List<GenericRecord>> out = new EnumMap<>(LakeTable.class);
        List<GenericRecord> ants = new ArrayList<>();
        for (Antenna a : antennas) {
            GenericRecord r = record(LakeTable.ANTENNAS, msId, conversion);
            r.put("antenna_id", a.id());
            r.put("name", a.name());
            r.put("station", a.station());
            r.put("position_itrf_m", doubles(a.positionItrf_m()));
            r.put("dish_diameter_m", a.dishDiameter_m());
            r.put("mount", a.mount());
            r.put("flag_row", a.flagged());
            ants.add(r);
        }
        out.put(LakeTable.ANTENNAS, ants);
        List<GenericRecord> spws = new ArrayList<>();
        for (SpectralWindow s : windows) {
            GenericRecord r = record(LakeTable.SPECTRAL_WINDOWS, msId, conversion);
            r.put("spw_id", s.id());
            r.put("name", s.name());
            r.put("num_chan", s.channelCount());
            r.put("chan_freq_hz", doubles(s.chanFreq_hz()));
            r.put("chan_width_hz", doubles(s.chanWidth_hz()));
            r.put("ref_frequency_hz", s.refFreq_hz());
            r.put("total_bandwidth_hz", s.totalBandwidth_hz());
            r.put("frame", s.frequencyFrame());
            spws.add(r);
        }
        out.put(LakeTable.SPECTRAL_WINDOWS, spws);
        List<GenericRecord> pols = new ArrayList<>();
        for (Polarization p : polarizations) {
            GenericRecord r = record(LakeTable.POLARIZATIONS, msId, conversion);
            r.put("pol_id", p.id());
            r.put("num_corr", p.corrTypes().length);
            r.put("corr_type", Arrays.stream(p.corrTypes()).boxed().toList());
            r.put("corr_names", List.of(p.corrNames()));
            pols.add(r);
        }
        out.put(LakeTable.POLARIZATIONS, pols);
        List<GenericRecord> fields = new ArrayList<>();
        for (Field f : fieldRows) {
            GenericRecord r = record(LakeTable.FIELDS, msId, conversion);
            r.put("field_id", f.id());
            r.put("name", f.name());
            r.put("code", f.code());
            direction(r, "phase_dir", f.phaseDir());
            direction(r, "delay_dir", f.delayDir());
            direction(r, "reference_dir", f.referenceDir());
            r.put("time", f.timeMjdSec());
            r.put("source_id", f.sourceId());
            fields.add(r);
        }
        out.put(LakeTable.FIELDS, fields);
        List<GenericRecord> dds = new ArrayList<>();
        for (DataDescription d : dataDescriptions) {
            GenericRecord r = record(LakeTable.DATA_DESCRIPTIONS, msId, conversion);
            r.put("data_desc_id", d.id());
            r.put("spw_id", d.spectralWindowId());
            r.put("pol_id", d.polarizationId());
            dds.add(r);
        }
        out.put(LakeTable.DATA_DESCRIPTIONS, dds);
        return out;
    }

    private static GenericRecord record(LakeTable table, long msId, long conversion) {
        GenericRecord r = new GenericData.Record(table.schema());
        r.put("ms_id", msId);
        r.put("conversion", conversion);
        return r;
    }

    private static void direction(GenericRecord r, String prefix, Direction d) {
        r.put(prefix + "_lon_rad", d.lon_rad());
        r.put(prefix + "_lat_rad", d.lat_rad());
        r.put(prefix + "_frame", d.frame());
    }

    private static List<Double> doubles(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** Avro binary encoding of records of one schema. */
    static byte[] encode(Schema schema, List<GenericRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        GenericDatumWriter<GenericRecord> w = new GenericDatumWriter<>(schema);
        try {
            enc.writeInt(records.size());
            for (GenericRecord r : records) {
                w.write(r, enc);
            }
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The records {@link #encode} encoded, by table, from a map keyed by table directory name. */
    static Map<LakeTable, List<GenericRecord>> decode(Map<String, byte[]> encodedByTable) {
        Map<LakeTable, List<GenericRecord>> out = new EnumMap<>(LakeTable.class);
        for (LakeTable t : LakeTable.values()) {
            byte[] enc = encodedByTable.get(t.dirName());
            if (enc != null) {
                out.put(t, decode(t.schema(), enc));
            }
        }
        return out;
    }

    static List<GenericRecord> decode(Schema schema, byte[] encoded) {
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(encoded, null);
        GenericDatumReader<GenericRecord> rd = new GenericDatumReader<>(schema, schema, EXACT_ARRAYS);
        try {
            int n = dec.readInt();
            List<GenericRecord> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(rd.read(null, dec));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
