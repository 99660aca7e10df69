package org.vispark.jobs.convert;

/**
 * An MS (or part of it) could not be read. The conversion of that MS fails and is recorded in the
 * catalogue; other MS go on. Errors writing the lake are not wrapped in this: they fail the task.
 */
final class UnreadableMsException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableMsException(String message, Throwable cause) {
        super(message, cause);
    }
}
