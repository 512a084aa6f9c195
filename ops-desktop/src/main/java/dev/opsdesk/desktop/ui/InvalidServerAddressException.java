package dev.opsdesk.desktop.ui;

/** A server address the user typed that is not a usable http(s) URL. */
public final class InvalidServerAddressException extends IllegalArgumentException {

    private final String input;

    public InvalidServerAddressException(String input, String message, Throwable cause) {
        super(message, cause);
        this.input = input;
    }

    /** What the user typed. */
    public String input() {
        return input;
    }
}
