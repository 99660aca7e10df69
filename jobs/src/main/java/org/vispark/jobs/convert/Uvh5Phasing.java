package org.vispark.jobs.convert;

import java.util.Arrays;
import org.vispark.formats.ms.Direction;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.uvh5.DriftPointing;
import org.vispark.formats.uvh5.Uvh5Header;
import org.vispark.formats.uvh5.Uvh5MsModel;
import org.vispark.udfs.phasing.DriftPhaseCentre;
import org.vispark.udfs.phasing.DriftPhaser;
import org.vispark.udfs.phasing.PhaseCentreChoice;
import org.vispark.udfs.phasing.PhaseCentreRequest;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * How a UVH5 source's drift-scan rows are phased on conversion: the centre chosen for the request from the header
 * ({@link DriftPhaseCentre}; the same in every task of the source, as it depends on the header only), the model with
 * its drift fields at that centre, and the {@link DriftPhaser} for its rows. A source without unprojected rows, or
 * the request {@code none}, is kept as recorded ({@link #choice()} null).
 *
 * @param model  the subtables' model (drift fields phased when {@code choice} is not null)
 * @param choice the centre and why; null when nothing is phased
 * @param phaser the rows' phaser; null when nothing is phased
 */
record Uvh5Phasing(Uvh5MsModel model, PhaseCentreChoice choice, DriftPhaser phaser) {

    static Uvh5Phasing of(Uvh5Header h, PhaseCentreRequest request) {
        Uvh5MsModel model = new Uvh5MsModel(h);
        boolean drift = false;
        for (int f = 0; f < h.phaseCenters().size(); f++) {
            drift |= model.unprojectedField(f);
        }
        if (!drift || request.mode() == PhaseCentreRequest.Mode.NONE) {
            return new Uvh5Phasing(model, null, null);
        }
        DriftPointing pointing = DriftPointing.of(h);
        double dish_m = h.antennaDiameters_m() != null && h.antennaDiameters_m().length > 0
                && h.antennaDiameters_m()[0] > 0 ? h.antennaDiameters_m()[0] : PrimaryBeam.DSA110_DISH_M;
        double meanFreq_hz = Arrays.stream(h.freq_hz()).average().orElseThrow();
        PhaseCentreChoice choice = DriftPhaseCentre.choose(request, model.midTimeMjdSec(),
                h.location().longitude_rad(), pointing.ha_rad(), pointing.dec_rad(), pointing.stated(), dish_m,
                meanFreq_hz);
        Uvh5MsModel phased = model.phasedTo(new Direction(choice.centre().ra_rad(), choice.centre().dec_rad(),
                "J2000"), choice.name());
        double[][] positions = phased.antennas().stream().map(a -> a.positionItrf_m()).toArray(double[][]::new);
        double[][] freqs = phased.spectralWindows().stream().map(SpectralWindow::chanFreq_hz).toArray(double[][]::new);
        DriftPhaser phaser = new DriftPhaser(positions, h.location().itrf_m(),
                pointing.itrfUnitVector(h.location().longitude_rad()), choice.centre(), freqs, h.npols());
        return new Uvh5Phasing(phased, choice, phaser);
    }
}
