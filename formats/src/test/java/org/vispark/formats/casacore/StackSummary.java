package org.vispark.formats.casacore;

import java.util.ArrayList;
import java.util.List;

/** A one-line description of an unexpected exception for test failure messages: where in the reader it came from. */
final class StackSummary {
    private static final int FRAMES = 4;

    private StackSummary() {}

    /** The exception and its first few stack frames in vispark's main code (not in tests). */
    static String describe(Throwable t) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            String cls = e.getClassName();
            if (cls.startsWith("org.vispark") && !cls.endsWith("Test") && !cls.contains("Test$")) {
                frames.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber());
                if (frames.size() == FRAMES) {
                    break;
                }
            }
        }
        return t + (frames.isEmpty() ? "" : " at " + String.join(" < ", frames));
    }
}
