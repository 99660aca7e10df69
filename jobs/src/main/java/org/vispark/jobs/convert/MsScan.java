package org.vispark.jobs.convert;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.uvh5.SubbandFile;
import org.vispark.formats.uvh5.SubbandGroup;
import org.vispark.formats.uvh5.Uvh5File;
import org.vispark.formats.uvh5.Uvh5Group;
import org.vispark.jobs.lake.HadoopConf;

/**
 * What a convert run knows of one input MS (or UVH5 file) before converting it: size, fingerprint and,
 * for a local input, its main-table row count (a UVH5 file's blts); or why it could not even be listed or opened.
 *
 * @param members the files of a subband group (see {@link SourceInput}); null otherwise
 * @param flagMissing whether the group is converted though incomplete, its missing channels flagged
 * @param rows main-table rows (UVH5: blts, the unit its tasks split); null for a remote input (counted
 *     once copied) or when it failed
 * @param error null when the MS could be listed and opened
 */
record MsScan(String uri, List<String> members, boolean flagMissing, long msId, long bytes, int files, String fingerprint, Long rows,
        String error) implements Serializable {

    /** Scans one input (runs in a Spark task). */
    static MsScan of(SourceInput in, HadoopConf conf) {
        String uri = in.uri();
        long msId = MsInputs.msId(uri);
        MsFiles files;
        try {
            files = MsFiles.of(uri, in.members(), conf.get());
        } catch (Exception e) {
            return new MsScan(uri, in.members(), in.flagMissing(), msId, 0, 0, "", null, Errors.describe(e));
        }
        Long rows = null;
        String error = null;
        if (in.isGroup()) {
            if (!in.missingSubbands().isEmpty() && !in.flagMissing()) {
                error = "incomplete subband group: subbands " + in.missingSubbands() + " missing; left until complete"
                        + " (a rerun converts it once the files are there; --allow-incomplete converts it now)";
            } else {
                try (Uvh5Group g = Uvh5Group.open(group(in.members()), in.flagMissing())) {
                    rows = (long) g.header().nblts();
                } catch (Exception e) {
                    error = Errors.describe(e);
                }
            }
        } else if (LocalMs.isLocal(uri)) {
            java.nio.file.Path local = java.nio.file.Path.of(java.net.URI.create(uri));
            if (SourceFormat.of(uri) == SourceFormat.UVH5) {
                try (Uvh5File f = Uvh5File.open(local)) {
                    rows = (long) f.header().nblts();
                } catch (Exception e) {
                    error = Errors.describe(e);
                }
            } else {
                try (Table t = Table.open(local)) {
                    rows = t.rowCount();
                } catch (Exception e) {
                    error = Errors.describe(e);
                }
            }
        }
        return new MsScan(uri, in.members(), in.flagMissing(), msId, files.bytes(), files.entries().size(), files.fingerprint(), rows,
                error);
    }

    /** The group of a group input's member URIs (as {@link SourceInput#of} grouped them). */
    static SubbandGroup group(List<String> members) {
        List<SubbandFile> files = members.stream()
                .map(u -> SubbandFile.parse(java.nio.file.Path.of(java.net.URI.create(u)))).toList();
        return new SubbandGroup(files.stream().map(SubbandFile::timestampUtc).min(Comparator.naturalOrder())
                .orElseThrow(), files, SubbandGroup.DSA110_SUBBANDS);
    }
}
