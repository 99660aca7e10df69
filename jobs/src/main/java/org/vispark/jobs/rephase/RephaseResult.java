package org.vispark.jobs.rephase;

import java.util.List;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;

/** What rephasing one MS did: the files it staged, or why it failed ({@code error} non-null). */
record RephaseResult(long msId, String error, long rows, List<StagedFile> files, double seconds)
        implements NewVersions.Result {

    @Override
    public RephaseResult join(NewVersions.Result next) {
        RephaseResult n = (RephaseResult) next;
        return new RephaseResult(msId, null, rows + n.rows, StagedFile.concat(files, n.files), seconds + n.seconds);
    }
}
