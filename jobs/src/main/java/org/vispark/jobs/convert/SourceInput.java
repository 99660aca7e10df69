package org.vispark.jobs.convert;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vispark.formats.uvh5.SubbandGroup;

/**
 * One input of a convert run, one entry of the {@code ms} catalogue: an MS directory, a UVH5 file, or
 * a DSA-110 subband group (local {@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5} files of one directory grouped
 * by {@link SubbandGroup}; its URI is the directory's followed by {@code /<first timestamp>_sbgroup}).
 *
 * @param members          the group's file URIs by subband; null for an MS or a single file
 * @param missingSubbands  subbands the group lacks; empty otherwise
 * @param flagMissing      whether an incomplete group is converted with its missing subbands' channels flagged
 */
record SourceInput(String uri, List<String> members, List<Integer> missingSubbands, boolean flagMissing)
        implements Serializable {
    static final String GROUP_SUFFIX = "_sbgroup";

    boolean isGroup() {
        return members != null;
    }

    /** The inputs {@code uris} make: local subband files grouped per directory, everything else as given. */
    static List<SourceInput> of(List<String> uris, boolean flagMissing) {
        List<SourceInput> out = new ArrayList<>();
        Map<Path, List<Path>> subbandFilesByDir = new LinkedHashMap<>();
        for (String uri : uris) {
            Path local = LocalMs.isLocal(uri) ? Path.of(URI.create(uri)) : null;
            if (local != null && org.vispark.formats.uvh5.SubbandFile.parse(local) != null) {
                subbandFilesByDir.computeIfAbsent(local.getParent(), d -> new ArrayList<>()).add(local);
            } else {
                out.add(new SourceInput(uri, null, List.of(), false));
            }
        }
        subbandFilesByDir.forEach((dir, files) -> {
            for (SubbandGroup g : SubbandGroup.group(files, SubbandGroup.DEFAULT_TOLERANCE,
                    SubbandGroup.DSA110_SUBBANDS).groups()) {
                String name = g.files().stream().map(f -> f.path().getFileName().toString()).sorted()
                        .findFirst().orElseThrow();
                String start = name.substring(0, name.indexOf("_sb"));
                String uri = "file:" + dir.toAbsolutePath() + "/" + start + GROUP_SUFFIX;
                List<String> members = g.paths().stream().map(p -> "file:" + p.toAbsolutePath())
                        .collect(Collectors.toList());
                out.add(new SourceInput(uri, members, g.missingSubbands(), flagMissing));
            }
        });
        return out;
    }
}
