package org.vispark.formats.uvh5.write;

/**
 * The content of one drift-scan UVH5 file as the DSA-110 correlator writes it (the memo's older layout: {@code
 * phase_type} 'drift', a spectral-window axis of length 1), with the DSA-110's extra keywords. Arrays are indexed
 * by blt (baseline-time), channel and polarization in C order.
 *
 * @param telescopeName     {@code telescope_name}
 * @param latitude_deg      geodetic (WGS84) latitude of the telescope, degrees
 * @param longitude_deg     east longitude of the telescope, degrees
 * @param altitude_m        height above the WGS84 ellipsoid, metres
 * @param antennaNames      {@code antenna_names}
 * @param antennaNumbers    {@code antenna_numbers}
 * @param antennaPositions_m ECEF (ITRF axes) offsets of the antennas from the telescope location, metres, [Nants][3]
 * @param antennaDiameter_m dish diameter, metres (every antenna)
 * @param ntimes            number of integrations
 * @param ant1              first antenna number of each blt
 * @param ant2              second antenna number of each blt
 * @param time_jd           centre of each blt's integration, Julian Date (UTC)
 * @param integration_s     integration time, seconds (every blt)
 * @param lst_rad           local apparent sidereal time of each blt, radians
 * @param uvw_m             UVW of each blt, metres, antenna 2 minus antenna 1, [Nblts][3]
 * @param freq_hz           channel frequencies, Hz (in the file's order; the DSA-110's descend)
 * @param channelWidth_hz   channel width, Hz (negative when the frequencies descend)
 * @param polarizations     AIPS polarization codes ({@code -5, -6}: XX, YY)
 * @param pointingDec_rad   {@code phase_center_dec}: the declination of the drift phase centre on the meridian
 *                          ({@code ha_phase_center} = 0, {@code phase_center_epoch} = 'HADEC'), radians
 * @param objectName        {@code object_name}
 * @param visdata           visibilities, interleaved (re, im), [Nblts][Nfreqs][Npols] complex, Jy
 * @param flags             flags, [Nblts][Nfreqs][Npols]
 * @param nsamples          number of samples (weights), [Nblts][Nfreqs][Npols]
 */
public record DriftScanFile(String telescopeName, double latitude_deg, double longitude_deg, double altitude_m,
        String[] antennaNames, int[] antennaNumbers, double[][] antennaPositions_m, double antennaDiameter_m,
        int ntimes, int[] ant1, int[] ant2, double[] time_jd, double integration_s, double[] lst_rad,
        double[][] uvw_m, double[] freq_hz, double channelWidth_hz, int[] polarizations, double pointingDec_rad,
        String objectName, float[] visdata, boolean[] flags, float[] nsamples) {

    /** Number of blts. */
    public int nblts() {
        return ant1.length;
    }

    /** Number of baselines (blts per integration). */
    public int nbls() {
        return nblts() / ntimes;
    }

    public DriftScanFile {
        int values = ant1.length * freq_hz.length * polarizations.length;
        if (ant2.length != ant1.length || time_jd.length != ant1.length || lst_rad.length != ant1.length
                || uvw_m.length != ant1.length || ant1.length % ntimes != 0) {
            throw new IllegalArgumentException("per-blt arrays differ in length or are not Ntimes x Nbls");
        }
        if (visdata.length != 2 * values || flags.length != values || nsamples.length != values) {
            throw new IllegalArgumentException("visdata, flags and nsamples must hold Nblts x Nfreqs x Npols values");
        }
        if (antennaNames.length != antennaNumbers.length || antennaPositions_m.length != antennaNumbers.length) {
            throw new IllegalArgumentException("antenna names, numbers and positions differ in length");
        }
    }
}
