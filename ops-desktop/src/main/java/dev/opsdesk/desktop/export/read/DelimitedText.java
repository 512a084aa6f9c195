package dev.opsdesk.desktop.export.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a delimited text file (CSV) that people bring in — a provider's settlement report, a scanner's export —
 * says about itself before it is parsed: its field separator. Shared by every reader of such files, so that they
 * all agree on what a file is.
 */
public final class DelimitedText {

    /** How much of the file's start is looked at. */
    private static final int HEAD = 1 << 16;

    private DelimitedText() {
    }

    /**
     * The separator the first non-blank line uses most outside quotes: {@code ;} or tab when either outnumbers the
     * commas (a spreadsheet saved in a decimal-comma locale writes {@code ;}), else {@code ,}. A UTF-8 byte-order
     * mark and leading blank lines are skipped; a quoted field may span lines.
     */
    public static char separator(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        boolean seenContent = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (seenContent) {
                    break;
                }
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                seenContent = true;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }
}
