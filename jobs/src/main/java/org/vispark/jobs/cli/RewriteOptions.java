package org.vispark.jobs.cli;

import picocli.CommandLine.Mixin;

/**
 * The options of every command that writes selected MS of a lake again as new versions (apply, predict, rephase,
 * flag): {@code --lake}, {@code --where} and {@code --codec}, as one picocli mixin.
 */
final class RewriteOptions {
    @Mixin
    private LakeOption lake;

    @Mixin
    private WhereOption where;

    @Mixin
    private CodecOption codec;

    /** The lake root. */
    String lake() {
        return lake.root();
    }

    /** The condition selecting the MS, or null for all. */
    String where() {
        return where.condition();
    }

    /** The codec of the visibility files written, checked ({@link CodecOption#name}). */
    String codec() {
        return codec.name();
    }
}
