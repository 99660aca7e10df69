package org.vispark.jobs.flag;

import java.util.List;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.udfs.flag.FlagSettings;

/**
 * Flagging one MS version ({@code conversion}) into a new one ({@code newConversion}).
 *
 * @param files  its visibility files, relative to the lake root
 * @param column the column judged: {@code data} or {@code corrected_data}
 */
record FlagTask(long msId, String uri, long conversion, long newConversion, List<String> files, FlagSettings settings,
        String column, String runId, LakeLayout layout, String codec) implements NewVersions.Task {

    @Override
    public FlagTask onFiles(List<String> part) {
        return new FlagTask(msId, uri, conversion, newConversion, part, settings, column, runId, layout, codec);
    }

    /** The flags before flagging stay readable: the version read stays in visibilities (visibility_history). */
    @Override
    public boolean keepsVersionRead() {
        return true;
    }
}
