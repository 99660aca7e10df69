package org.vispark.jobs.testing;

/** The part of Zeppelin's {@code z} (ZeppelinContext) the notes use: a text box answered with a fixed value. */
public final class ZeppelinStub {
    private final String value;

    public ZeppelinStub(String value) {
        this.value = value;
    }

    /** What a user typed into the note's text box {@code name}: here always the test's value. */
    public Object textbox(String name, String defaultValue) {
        return value;
    }
}
