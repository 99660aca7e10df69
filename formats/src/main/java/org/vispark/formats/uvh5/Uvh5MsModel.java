package org.vispark.formats.uvh5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.DataDescription;
import org.vispark.formats.ms.Direction;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;

/**
 * A UVH5 header as the MS subtables would describe it, the way the lake holds an MS:
 * <ul>
 * <li>ANTENNA: one row per entry of {@code antenna_numbers}, in ascending antenna number, numbered
 *     0..N-1 as the MS numbers its rows ({@link #antennaId} maps an antenna number to its row; names
 *     are kept, so the number stays readable in e.g. "pad12"), positions absolute ITRF.</li>
 * <li>SPECTRAL_WINDOW: one per {@code spw_array} entry (in that order, ids 0..Nspws-1), its channels
 *     those of {@code flex_spw_id_array} with that id, in ascending frequency (a file with negative
 *     {@code channel_width} is reversed; widths become positive), frame TOPO.</li>
 * <li>POLARIZATION: one row, {@code polarization_array} as CORR_TYPE.</li>
 * <li>FIELD: one per phase-centre catalogue entry (ids 0.. in catalogue order): a sidereal centre at its
 *     catalogue position (frame "ICRS", or "J2000" for FK5 J2000); an unprojected (drift) centre as
 *     the zenith, HADEC (0, geodetic latitude), the frame pyuvdata's unprojected UVW are in, unless the data
 *     are phased on conversion ({@link #phasedTo}): then the J2000 centre and name they were phased to.</li>
 * <li>DATA_DESCRIPTION: one per spectral window, with polarization 0.</li>
 * </ul>
 */
public final class Uvh5MsModel {
    private final Uvh5Header h;
    private final int[][] channelsBySpw;
    private final List<Integer> catalogueIds;
    /** File indices of the antennas in ascending antenna number: row k of ANTENNA is antenna byNumber[k]. */
    private final int[] byNumber;
    /** Antenna numbers in ascending order: row k of ANTENNA has number numbersAscending[k]. */
    private final int[] numbersAscending;
    /** The centre unprojected data are phased to on conversion, or null (kept as recorded). */
    private final Direction driftPhasedTo;
    private final String driftPhasedName;

    /** The model of a header whose data are kept as recorded. */
    public Uvh5MsModel(Uvh5Header header) {
        this(header, null, null);
    }

    private Uvh5MsModel(Uvh5Header header, Direction driftPhasedTo, String driftPhasedName) {
        this.h = header;
        this.driftPhasedTo = driftPhasedTo;
        this.driftPhasedName = driftPhasedName;
        this.catalogueIds = new ArrayList<>(header.phaseCenters().keySet());
        this.byNumber = IntStream.range(0, header.antennaNumbers().length).boxed()
                .sorted(Comparator.comparingInt(a -> header.antennaNumbers()[a])).mapToInt(Integer::intValue).toArray();
        this.numbersAscending = new int[byNumber.length];
        for (int k = 0; k < byNumber.length; k++) {
            numbersAscending[k] = header.antennaNumbers()[byNumber[k]];
        }
        this.channelsBySpw = new int[header.spwArray().length][];
        for (int s = 0; s < channelsBySpw.length; s++) {
            int id = header.spwArray()[s];
            channelsBySpw[s] = IntStream.range(0, header.nfreqs()).filter(c -> header.flexSpwIds()[c] == id).boxed()
                    .sorted(Comparator.comparingDouble(c -> header.freq_hz()[c])).mapToInt(Integer::intValue).toArray();
        }
    }

    /** This model with its unprojected (drift) fields phased to {@code centre} (J2000), named {@code name}. */
    public Uvh5MsModel phasedTo(Direction centre, String name) {
        return new Uvh5MsModel(h, centre, name);
    }

    /** Whether blt {@code blt} is unprojected (drift-scan) data in the file. */
    public boolean unprojected(int blt) {
        return "unprojected".equals(h.phaseCenter(blt).type());
    }

    /** Whether field {@code fieldId} is an unprojected (drift-scan) centre of the file. */
    public boolean unprojectedField(int fieldId) {
        return "unprojected".equals(h.phaseCenters().get(catalogueIds.get(fieldId)).type());
    }

    /** Number of spectral windows (lake rows per blt). */
    public int spwCount() {
        return channelsBySpw.length;
    }

    /** The file's channel indices of spectral window {@code spw}, in the lake's (ascending frequency) order. */
    public int[] channels(int spw) {
        return channelsBySpw[spw].clone();
    }

    /** The ANTENNA row (ANTENNA1/ANTENNA2 value) of an antenna number; -1 if the header has no such antenna. */
    public int antennaId(int antennaNumber) {
        int k = Arrays.binarySearch(numbersAscending, antennaNumber);
        return k < 0 ? -1 : k;
    }

    /** FIELD_ID of a blt. */
    public int fieldId(int blt) {
        return catalogueIds.indexOf(h.phaseCenterIds()[blt]);
    }

    public List<Antenna> antennas() {
        double[][] itrf = h.antennaPositionsItrf_m();
        List<Antenna> out = new ArrayList<>();
        for (int k = 0; k < byNumber.length; k++) {
            int a = byNumber[k];
            double dish = h.antennaDiameters_m() == null ? 0 : h.antennaDiameters_m()[a];
            out.add(new Antenna(k, h.antennaNames()[a], h.antennaNames()[a], itrf[a], dish, "alt-az", false));
        }
        return out;
    }

    public List<SpectralWindow> spectralWindows() {
        List<SpectralWindow> out = new ArrayList<>();
        for (int s = 0; s < channelsBySpw.length; s++) {
            int[] ch = channelsBySpw[s];
            double[] freq = new double[ch.length];
            double[] width = new double[ch.length];
            for (int k = 0; k < ch.length; k++) {
                freq[k] = h.freq_hz()[ch[k]];
                width[k] = Math.abs(h.channelWidth_hz()[ch[k]]);
            }
            out.add(new SpectralWindow(s, "spw" + h.spwArray()[s], freq, width, ch.length == 0 ? 0 : freq[0],
                    Arrays.stream(width).sum(), "TOPO"));
        }
        return out;
    }

    public List<Polarization> polarizations() {
        int[] corr = h.corrTypes();
        String[] names = Arrays.stream(corr).mapToObj(Polarization::stokesName).toArray(String[]::new);
        return List.of(new Polarization(0, corr, names));
    }

    public List<Field> fields() {
        double mid = midTimeMjdSec();
        List<Field> out = new ArrayList<>();
        for (int f = 0; f < catalogueIds.size(); f++) {
            PhaseCenter c = h.phaseCenters().get(catalogueIds.get(f));
            Direction d = direction(c);
            String name = c.name() == null ? "" : c.name();
            if (driftPhasedTo != null && unprojectedField(f)) {
                d = driftPhasedTo;
                name = driftPhasedName;
            }
            out.add(new Field(f, name, "", d, d, d, mid, -1));
        }
        return out;
    }

    public List<DataDescription> dataDescriptions() {
        List<DataDescription> out = new ArrayList<>();
        for (int s = 0; s < channelsBySpw.length; s++) {
            out.add(new DataDescription(s, s, 0));
        }
        return out;
    }

    private Direction direction(PhaseCenter c) {
        if (c.sidereal()) {
            return new Direction(c.lon_rad(), c.lat_rad(), frame(c));
        }
        if ("unprojected".equals(c.type())) {
            return new Direction(0, h.location().latitude_rad(), "HADEC");
        }
        throw new IllegalArgumentException("phase centre '" + c.name() + "' of type " + c.type()
                + " is not supported yet (sidereal and unprojected are)");
    }

    private static String frame(PhaseCenter c) {
        String f = c.frame() == null ? "icrs" : c.frame().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "icrs" -> "ICRS";
            case "fk5" -> c.epoch_yr() == 2000.0 || Double.isNaN(c.epoch_yr()) ? "J2000" : frameError(c);
            case "fk4" -> c.epoch_yr() == 1950.0 ? "B1950" : frameError(c);
            default -> frameError(c);
        };
    }

    private static String frameError(PhaseCenter c) {
        throw new IllegalArgumentException("phase centre '" + c.name() + "' in frame " + c.frame() + " epoch "
                + c.epoch_yr() + " has no casacore direction reference here");
    }

    /** The midpoint of the data's times, MJD seconds (UTC): halfway between the first and the last. */
    public double midTimeMjdSec() {
        double[] t = h.timesMjdSec();
        double lo = Arrays.stream(t).min().orElse(0);
        double hi = Arrays.stream(t).max().orElse(0);
        return (lo + hi) / 2;
    }
}
