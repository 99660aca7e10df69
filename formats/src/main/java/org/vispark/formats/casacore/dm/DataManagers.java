package org.vispark.formats.casacore.dm;

import java.io.IOException;
import java.util.Map;
import org.vispark.formats.casacore.TableFormatException;

/** Opens the storage manager a table.dat names, by its casacore type name. */
public final class DataManagers {
    /** Opens a data manager from its files. */
    @FunctionalInterface
    public interface Opener {
        DataManager open(DataManagerContext context) throws IOException;
    }

    private static final Map<String, Opener> OPENERS = Map.of(
            // filled as storage managers are implemented
            "TiledColumnStMan", org.vispark.formats.casacore.dm.tiled.TiledStMan::open,
            "TiledShapeStMan", org.vispark.formats.casacore.dm.tiled.TiledStMan::open,
            "TiledCellStMan", org.vispark.formats.casacore.dm.tiled.TiledStMan::open,
            "StandardStMan", org.vispark.formats.casacore.dm.ssm.StandardStMan::open,
            "IncrementalStMan", org.vispark.formats.casacore.dm.ism.IncrementalStMan::open
    );

    private DataManagers() {}

    /**
     * Opens the data manager {@code context.type()}.
     *
     * @throws TableFormatException when the type is not one vispark reads
     */
    public static DataManager open(DataManagerContext context) throws IOException {
        Opener opener = OPENERS.get(context.type());
        if (opener == null) {
            throw new TableFormatException(context.tableDir().resolve("table.dat"),
                    "data manager type '" + context.type() + "' (sequence number " + context.sequenceNumber()
                            + ") is not supported; supported: " + OPENERS.keySet());
        }
        return opener.open(context);
    }
}
