package org.vispark.jobs.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.LakeTable;

/**
 * One row of the {@code campaigns} table ({@code campaign.avsc}): a campaign's state as of {@code recordedUtc}.
 * Instants are ISO-8601 UTC strings.
 *
 * @param settings  every pipeline setting after defaults and {@code --set}, {@code KEY=VALUE}, sorted by key
 * @param selection the MS given to it (paths or globs)
 * @param message   what its last run said (MS finished and failed, or why it stopped); null before it ends
 * @param stages    the last run's stages so far, a line each ({@link CampaignStages}); empty before it starts one
 * @param progress  while it runs, the running stage's newest progress line; else null
 */
public record CampaignRecord(String name, State state, List<String> settings, String visparkVersion,
        String catalogueSha256, List<String> selection, String startedUtc, String endedUtc, String recordedUtc,
        String message, List<String> stages, String progress) {

    /** A campaign's states; {@link #RUNNING} also when its process was killed (then running it again resumes it). */
    public enum State {
        RUNNING, FINISHED, FAILED, PUBLISHED, DROPPED;

        /** The name stored in the table. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * This campaign in state {@code s}, recorded at {@code nowUtc}, with {@code endedUtc} and {@code message}; its
     * stages kept, no progress line.
     */
    CampaignRecord with(State s, String endedUtc, String message, String nowUtc) {
        return new CampaignRecord(name, s, settings, visparkVersion, catalogueSha256, selection, startedUtc, endedUtc,
                nowUtc, message, stages, null);
    }

    /** This campaign with the run's {@code stages} so far and its newest {@code progress} line, recorded at now. */
    CampaignRecord withStages(List<String> stages, String progress, String nowUtc) {
        return new CampaignRecord(name, state, settings, visparkVersion, catalogueSha256, selection, startedUtc,
                endedUtc, nowUtc, message, List.copyOf(stages), progress);
    }

    GenericRecord toAvro() {
        GenericRecord r = new GenericData.Record(LakeTable.CAMPAIGNS.schema());
        r.put("name", name);
        r.put("state", state.label());
        r.put("settings", settings);
        r.put("vispark_version", visparkVersion);
        r.put("catalogue_sha256", catalogueSha256);
        r.put("selection", selection);
        r.put("started_utc", startedUtc);
        r.put("ended_utc", endedUtc);
        r.put("recorded_utc", recordedUtc);
        r.put("message", message);
        r.put("stages", stages);
        r.put("progress", progress);
        return r;
    }

    static CampaignRecord fromAvro(GenericRecord r) {
        return new CampaignRecord(r.get("name").toString(), State.of(r.get("state").toString()),
                strings(r.get("settings")), r.get("vispark_version").toString(), r.get("catalogue_sha256").toString(),
                strings(r.get("selection")), r.get("started_utc").toString(), text(r.get("ended_utc")),
                r.get("recorded_utc").toString(), text(r.get("message")),
                r.get("stages") == null ? List.of() : strings(r.get("stages")), text(r.get("progress")));
    }

    private static List<String> strings(Object array) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) array) {
            out.add(o.toString());
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
