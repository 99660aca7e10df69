package org.vispark.jobs.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.campaign.Campaigns;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import picocli.CommandLine.Option;

/**
 * {@code --campaign NAME}, for the commands that read results: read the campaign's results and MS versions (its
 * Iceberg branch) rather than main's (which holds the published campaign, if any); {@code newest} names the campaign
 * that most recently ran to its end ({@link Campaigns#toRead}).
 */
final class CampaignOption {
    @Option(names = "--campaign", paramLabel = "NAME",
            description = "read a campaign's results and MS versions (its branch) rather than main's; '"
                    + Campaigns.NEWEST + "': the campaign that most recently ran to its end")
    private String name;

    /** Points {@code conf}'s reads at the chosen campaign's branch; leaves them on main when none was given. */
    void select(Lake lake, Configuration conf) throws IOException {
        if (name != null) {
            conf.set(IcebergTables.BRANCH, Campaigns.toRead(lake, conf, name).name());
        }
    }
}
