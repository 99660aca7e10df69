package org.vispark.formats.caltable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.write.MsSubtables;

/**
 * The subtables of a calibration table, with the columns and measure keywords CASA gives them (the MS
 * definitions, written by {@link MsSubtables}): ANTENNA, FIELD, SPECTRAL_WINDOW ({@link CalTable#numChan()}
 * channels per window), OBSERVATION and an empty HISTORY.
 */
final class CalSubtables {
    private CalSubtables() {}

    static void write(Path dir, CalTable t) throws IOException {
        MsSubtables.observation(dir, t.observations());
        MsSubtables.antenna(dir, t.antennas());
        MsSubtables.field(dir, t.fields(), directionFrame(dir, t.fields()));
        MsSubtables.spectralWindow(dir, t.spectralWindows(), t.numChan());
        MsSubtables.emptyHistory(dir);
    }

    /** The frame of field 0's directions (J2000 without fields), which all fields' directions must have. */
    private static String directionFrame(Path dir, List<Field> fields) {
        String frame = fields.isEmpty() ? "J2000" : fields.get(0).phaseDir().frame();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            for (var d : List.of(f.phaseDir(), f.delayDir(), f.referenceDir())) {
                if (!d.frame().equals(frame)) {
                    throw new IllegalArgumentException(dir + ": field " + i + " has a direction in " + d.frame()
                            + " where field 0 has " + frame + "; a column has one frame");
                }
            }
        }
        return frame;
    }
}
