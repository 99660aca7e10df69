package org.vispark.formats.casacore;

/**
 * A keyword whose value is a table: casacore stores the path relative to the table holding the
 * keyword ("./ANTENNA" becomes "ANTENNA" below the parent table's directory).
 *
 * @param path the path as written in the keyword, with a leading "./" removed
 */
public record TableReference(String path) {}
