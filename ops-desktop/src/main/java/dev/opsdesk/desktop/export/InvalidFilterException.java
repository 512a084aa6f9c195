package dev.opsdesk.desktop.export;

/** A filter option's value that cannot be used; the message names the option and says why. */
public final class InvalidFilterException extends Exception {

    public InvalidFilterException(String message) {
        super(message);
    }
}
