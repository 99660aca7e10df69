package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A row of the SPECTRAL_WINDOW subtable.
 *
 * @param id              row number
 * @param name            window name
 * @param chanFreq_hz     channel centre frequencies, Hz
 * @param chanWidth_hz    channel widths, Hz
 * @param refFreq_hz      reference frequency, Hz
 * @param totalBandwidth_hz total bandwidth, Hz
 * @param frequencyFrame  frequency reference frame (MEAS_FREQ_REF named: "TOPO", "LSRK", ...)
 */
public record SpectralWindow(int id, String name, double[] chanFreq_hz, double[] chanWidth_hz, double refFreq_hz,
        double totalBandwidth_hz, String frequencyFrame) implements Serializable {

    public int channelCount() {
        return chanFreq_hz.length;
    }
}
