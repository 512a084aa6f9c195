package dev.opsdesk.desktop.inventory.count;

/**
 * A scanner file that cannot be imported, said so that the person can fix it in the file: "line 7, column "qty":
 * expected a whole number, found "x"". Nothing of the file is imported then.
 */
public final class ScannerFileException extends Exception {

    public ScannerFileException(String message) {
        super(message);
    }
}
