package org.vispark.jobs.report;

import java.util.Locale;

/** Escaping and number formatting for the HTML reports. */
public final class Html {
    private Html() {}

    public static String escape(Object o) {
        return o == null ? "" : o.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** A number with 3 significant digits; empty for NaN. */
    public static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** The page head with a small style sheet. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:90%}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.l{text-align:left}"
                + ".FAIL{background:#f8c8c8}.WARN{background:#f8ecc0}.PASS{background:#d0f0d0}"
                + "img{margin:4px}</style></head><body>\n<h1>" + escape(title) + "</h1>\n";
    }
}
