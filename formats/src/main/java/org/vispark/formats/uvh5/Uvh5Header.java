package org.vispark.formats.uvh5;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Header} group of a UVH5 file (pyuvdata's UVH5 memo), both layouts: the current one
 * ({@code phase_center_catalog}, per-channel {@code channel_width}, 1-d {@code freq_array},
 * {@code flex_spw_id_array}) and the older one ({@code phase_type}, scalar {@code channel_width},
 * {@code freq_array} of shape (1, Nfreqs)). Values are as stored, normalised to one shape: per-channel
 * arrays are always Nfreqs long, per-blt arrays Nblts long.
 *
 * <p>Conventions as in the memo: times are Julian Dates (UTC, {@link #timesMjdSec()} converts);
 * {@code uvw_m} is ant2 − ant1 in metres in the frame of the blt's phase centre (for unprojected
 * drift data, the topocentric frame of the zenith), 3 values per blt (blt b's u, v, w at 3b, 3b + 1, 3b + 2);
 * {@code antennaPositions_m} are ITRF offsets from the telescope location; frequencies and channel widths in
 * Hz (widths may be negative when frequencies descend); LSTs and phase-centre coordinates in radians.
 */
public record Uvh5Header(
        String version,
        String telescopeName,
        String instrument,
        String history,
        String visUnits,
        int nantsData,
        int nantsTelescope,
        int nbls,
        int nblts,
        int nfreqs,
        int npols,
        int nspws,
        int ntimes,
        int[] ant1,
        int[] ant2,
        String[] antennaNames,
        int[] antennaNumbers,
        double[][] antennaPositions_m,
        double[] antennaDiameters_m,
        TelescopeLocation location,
        double[] freq_hz,
        double[] channelWidth_hz,
        int[] spwArray,
        int[] flexSpwIds,
        double[] integrationTime_s,
        int[] polarizationArray,
        double[] time_jd,
        double[] uvw_m,
        double[] lst_rad,
        String phaseType,
        Map<Integer, PhaseCenter> phaseCenters,
        int[] phaseCenterIds,
        Map<String, Object> extraKeywords) {

    public Uvh5Header {
        phaseCenters = Collections.unmodifiableMap(new LinkedHashMap<>(phaseCenters));
        extraKeywords = Collections.unmodifiableMap(new LinkedHashMap<>(extraKeywords));
    }

    /**
     * This header with other channels, all in one spectral window {@code spwId}: for a subband group,
     * whose files each hold some of the channels.
     */
    public Uvh5Header withChannels(double[] freqs_hz, double[] widths_hz, int spwId) {
        int[] flex = new int[freqs_hz.length];
        java.util.Arrays.fill(flex, spwId);
        return new Uvh5Header(version, telescopeName, instrument, history, visUnits, nantsData, nantsTelescope, nbls,
                nblts, freqs_hz.length, npols, 1, ntimes, ant1, ant2, antennaNames, antennaNumbers, antennaPositions_m,
                antennaDiameters_m, location, freqs_hz, widths_hz, new int[] {spwId}, flex, integrationTime_s,
                polarizationArray, time_jd, uvw_m, lst_rad, phaseType, phaseCenters, phaseCenterIds, extraKeywords);
    }

    /** {@code time_array} as MJD seconds (UTC), per blt. */
    public double[] timesMjdSec() {
        double[] out = new double[time_jd.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = JulianDate.toMjdSec(time_jd[i]);
        }
        return out;
    }

    /** {@code polarization_array} as MS CORR_TYPE values, in the file's order. */
    public int[] corrTypes() {
        return PolarizationCodes.toCorrTypes(polarizationArray);
    }

    /** Antenna positions, absolute ITRF X, Y, Z in metres, in {@code antenna_numbers} order. */
    public double[][] antennaPositionsItrf_m() {
        return location.absolute(antennaPositions_m);
    }

    /** The phase centre of one blt. */
    public PhaseCenter phaseCenter(int blt) {
        return phaseCenters.get(phaseCenterIds[blt]);
    }
}
