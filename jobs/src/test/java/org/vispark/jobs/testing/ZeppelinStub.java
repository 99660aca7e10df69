package org.vispark.jobs.testing;

import java.util.Map;

/** The part of Zeppelin's {@code z} (ZeppelinContext) the notes use: text boxes answered with fixed values. */
public final class ZeppelinStub {
    private final Map<String, String> values;

    /** @param values what a user typed into each text box, by its name */
    public ZeppelinStub(Map<String, String> values) {
        this.values = values;
    }

    /** What a user typed into the note's text box {@code name}; an error for a box the test did not expect. */
    public Object textbox(String name, String defaultValue) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value for text box " + name + " (default " + defaultValue + ")");
        }
        return v;
    }
}
