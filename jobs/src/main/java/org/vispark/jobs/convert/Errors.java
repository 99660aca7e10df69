package org.vispark.jobs.convert;

/** Error text for the catalogue and the console. */
final class Errors {
    private Errors() {}

    /** The message of an exception and its causes, with the exception type where the message is not enough. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (sb.length() > 0) {
                sb.append(": caused by ");
            }
            String m = t.getMessage();
            boolean plain = t instanceof java.io.IOException || t instanceof UnreadableMsException;
            sb.append(m == null || !plain ? t.getClass().getSimpleName() + (m == null ? "" : ": " + m) : m);
            if (sb.length() > 2000) {
                return sb.substring(0, 2000) + "...";
            }
        }
        return sb.toString();
    }
}
