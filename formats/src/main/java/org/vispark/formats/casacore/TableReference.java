package org.vispark.formats.casacore;

import java.nio.file.Path;

/**
 * A keyword whose value is a table, as casacore writes its name: {@code "././ANTENNA"} means a
 * table inside the keyword's own table directory, {@code "./X"} a sibling of that table, and any
 * other name is taken as it stands.
 *
 * @param name the table name as stored in the keyword
 */
public record TableReference(String name) {

    /** The referenced table's directory, for a keyword held by the table at {@code tableDir}. */
    public Path resolve(Path tableDir) {
        String rest = name;
        int stripped = 0;
        while (rest.startsWith("./")) {
            rest = rest.substring(2);
            stripped++;
        }
        if (stripped == 0) {
            return Path.of(name);
        }
        Path base = stripped == 1 ? tableDir.toAbsolutePath().getParent() : tableDir;
        return base.resolve(rest);
    }
}
