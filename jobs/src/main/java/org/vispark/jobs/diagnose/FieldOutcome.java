package org.vispark.jobs.diagnose;

import java.io.Serializable;
import org.vispark.udfs.diagnostics.DataPeakSearch;
import org.vispark.udfs.diagnostics.FieldDiagnostics;
import org.vispark.udfs.diagnostics.Verdict;

/**
 * The diagnosis of one MS version, field and spectral window: a row of the diagnostics table and what its report
 * shows.
 *
 * @param spw                 the spectral window (SPECTRAL_WINDOW_ID) of the rows judged
 * @param rows                cross-correlation rows of the field and window with the judged column
 * @param meanTime_mjdSec     mean TIME of those rows
 * @param separation_arcmin   FIELD phase centre to calibrator (NaN without calibrator)
 * @param separationOverFwhm  that separation over the primary-beam FWHM at the window's mean frequency
 * @param peak                the data-peak search result, or null without calibrator
 * @param uvPoints            {@link UvSample} points
 */
public record FieldOutcome(long msId, long conversion, String uri, DiagnoseTask.FieldTarget target, int spw, long rows,
        double meanTime_mjdSec, double separation_arcmin, double separationOverFwhm, FieldDiagnostics stats,
        DataPeakSearch.DataPeak peak, Verdict verdict, float[] uvPoints) implements Serializable {

    /** The MS file name (last path element of its URI). */
    public String msName() {
        String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return u.substring(u.lastIndexOf('/') + 1);
    }
}
