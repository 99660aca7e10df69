package org.vispark.formats.casacore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contents of {@code table.info}: the table's type ("Measurement Set", "Calibration"), sub-type
 * (e.g. "G Jones") and free text. A table without the file has empty values, as in casacore.
 */
public record TableInfo(String type, String subType, String readme) {

    static TableInfo read(Path tableDir) throws IOException {
        Path file = tableDir.resolve("table.info");
        if (!Files.exists(file)) {
            return new TableInfo("", "", "");
        }
        String type = "";
        String subType = "";
        StringBuilder readme = new StringBuilder();
        boolean header = true;
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (header && line.startsWith("Type = ")) {
                type = line.substring(7).trim();
            } else if (header && line.startsWith("SubType = ")) {
                subType = line.substring(10).trim();
            } else if (header && line.isEmpty()) {
                header = false;
            } else if (!header) {
                readme.append(line).append('\n');
            }
        }
        return new TableInfo(type, subType, readme.toString());
    }
}
