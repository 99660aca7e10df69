package org.vispark.formats.uvh5;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code Header} group into a {@link Uvh5Header}, checking the shapes the memo requires. */
final class Uvh5HeaderReader {
    private final Path file;
    private final Hdf5Group h;

    Uvh5HeaderReader(Path file, Hdf5Group header) {
        this.file = file;
        this.h = header;
    }

    Uvh5Header read() throws Uvh5FormatException {
        int nblts = h.scalarInt("Nblts");
        int nfreqs = h.scalarInt("Nfreqs");
        int npols = h.scalarInt("Npols");
        int nspws = h.scalarInt("Nspws");
        int[] spwArray = h.ints("spw_array");
        int[] ant1 = length("ant_1_array", h.ints("ant_1_array"), nblts);
        int[] ant2 = length("ant_2_array", h.ints("ant_2_array"), nblts);
        double[] freq = length("freq_array", h.doubles("freq_array"), nfreqs);
        double[] width = h.doubles("channel_width");
        if (width.length == 1 && nfreqs > 1) {
            double w = width[0];
            width = new double[nfreqs];
            Arrays.fill(width, w);
        }
        length("channel_width", width, nfreqs);
        int[] flexSpw;
        if (h.has("flex_spw_id_array")) {
            flexSpw = length("flex_spw_id_array", h.ints("flex_spw_id_array"), nfreqs);
        } else {
            if (nspws != 1) {
                throw new Uvh5FormatException(file, "Nspws = " + nspws + " without flex_spw_id_array");
            }
            flexSpw = new int[nfreqs];
            Arrays.fill(flexSpw, spwArray[0]);
        }
        double[] uvw = h.rows("uvw_array", 3);
        check("uvw_array rows", uvw.length / 3, nblts);
        double[][] antPos = h.doubles2d("antenna_positions");
        String[] names = h.strings("antenna_names");
        int[] numbers = length("antenna_numbers", h.ints("antenna_numbers"), names.length);
        length("antenna_positions", antPos, names.length);
        PhaseCatalogue phase = phaseCatalogue(nblts);
        return new Uvh5Header(
                optionalString("version"),
                h.string("telescope_name"),
                optionalString("instrument"),
                optionalString("history"),
                optionalString("vis_units"),
                h.scalarInt("Nants_data"),
                h.scalarInt("Nants_telescope"),
                h.scalarInt("Nbls"),
                nblts, nfreqs, npols, nspws,
                h.scalarInt("Ntimes"),
                ant1, ant2, names, numbers, antPos,
                h.has("antenna_diameters") ? h.doubles("antenna_diameters") : null,
                location(),
                freq, width, spwArray, flexSpw,
                length("integration_time", h.doubles("integration_time"), nblts),
                length("polarization_array", h.ints("polarization_array"), npols),
                length("time_array", h.doubles("time_array"), nblts),
                uvw,
                h.has("lst_array") ? length("lst_array", h.doubles("lst_array"), nblts) : null,
                phase.phaseType, phase.centers, phase.ids,
                h.has("extra_keywords") ? h.subgroup("extra_keywords").values() : Map.of());
    }

    private record PhaseCatalogue(String phaseType, Map<Integer, PhaseCenter> centers, int[] ids) {}

    private PhaseCatalogue phaseCatalogue(int nblts) throws Uvh5FormatException {
        Map<Integer, PhaseCenter> centers = new LinkedHashMap<>();
        if (h.has("phase_center_catalog")) {
            Hdf5Group cat = h.subgroup("phase_center_catalog");
            for (String key : cat.names()) {
                Hdf5Group c = cat.subgroup(key);
                int id = parseId(key);
                centers.put(id, new PhaseCenter(id, c.string("cat_name"), c.string("cat_type"),
                        c.has("cat_lon") ? c.scalarDouble("cat_lon") : Double.NaN,
                        c.has("cat_lat") ? c.scalarDouble("cat_lat") : Double.NaN,
                        c.has("cat_frame") ? c.string("cat_frame") : null,
                        c.has("cat_epoch") ? c.scalarDouble("cat_epoch") : Double.NaN));
            }
            int[] ids = length("phase_center_id_array", h.ints("phase_center_id_array"), nblts);
            for (int id : ids) {
                if (!centers.containsKey(id)) {
                    throw new Uvh5FormatException(file, "phase_center_id_array refers to " + id
                            + ", not in phase_center_catalog " + centers.keySet());
                }
            }
            return new PhaseCatalogue(null, centers, ids);
        }
        String phaseType = h.string("phase_type");
        String name = optionalString("object_name");
        PhaseCenter c = switch (phaseType) {
            case "drift" -> new PhaseCenter(0, name, "unprojected", Double.NaN, Double.NaN, null, Double.NaN);
            case "phased" -> new PhaseCenter(0, name, "sidereal", h.scalarDouble("phase_center_ra"),
                    h.scalarDouble("phase_center_dec"),
                    h.has("phase_center_frame") ? h.string("phase_center_frame") : null,
                    h.has("phase_center_epoch") ? h.scalarDouble("phase_center_epoch") : Double.NaN);
            default -> throw new Uvh5FormatException(file, "phase_type '" + phaseType
                    + "' is neither 'drift' nor 'phased'");
        };
        centers.put(0, c);
        return new PhaseCatalogue(phaseType, centers, new int[nblts]);
    }

    private TelescopeLocation location() throws Uvh5FormatException {
        if (h.has("latitude") && h.has("longitude") && h.has("altitude")) {
            return TelescopeLocation.fromGeodetic(Math.toRadians(h.scalarDouble("latitude")),
                    Math.toRadians(h.scalarDouble("longitude")), h.scalarDouble("altitude"));
        }
        if (h.has("telescope_location")) {
            return TelescopeLocation.fromItrf(length("telescope_location", h.doubles("telescope_location"), 3));
        }
        throw new Uvh5FormatException(file, "no telescope location (latitude/longitude/altitude or telescope_location)");
    }

    private int parseId(String key) throws Uvh5FormatException {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new Uvh5FormatException(file, "phase_center_catalog entry '" + key + "' is not an integer id");
        }
    }

    private String optionalString(String name) throws Uvh5FormatException {
        return h.has(name) ? h.string(name) : null;
    }

    private int[] length(String name, int[] a, int expected) throws Uvh5FormatException {
        check(name, a.length, expected);
        return a;
    }

    private double[] length(String name, double[] a, int expected) throws Uvh5FormatException {
        check(name, a.length, expected);
        return a;
    }

    private double[][] length(String name, double[][] a, int expected) throws Uvh5FormatException {
        check(name, a.length, expected);
        for (double[] row : a) {
            if (row.length != 3) {
                check(name + " row", row.length, 3);
            }
        }
        return a;
    }

    private void check(String name, int length, int expected) throws Uvh5FormatException {
        if (length != expected) {
            throw new Uvh5FormatException(file, "Header/" + name + " has " + length + " elements, expected " + expected);
        }
    }
}
