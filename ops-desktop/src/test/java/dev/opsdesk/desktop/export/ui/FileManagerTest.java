package dev.opsdesk.desktop.export.ui;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** "Open folder" starts the file manager each system has for it. */
class FileManagerTest {

    @Test
    void eachSystemOpensTheFolderWithItsOwnCommand() {
        Path folder = Path.of("/tmp/reports");

        assertThat(FileManager.command("Windows 11", folder)).containsExactly("explorer", folder.toAbsolutePath().toString());
        assertThat(FileManager.command("Mac OS X", folder)).containsExactly("open", folder.toAbsolutePath().toString());
        assertThat(FileManager.command("Linux", folder)).containsExactly("xdg-open", folder.toAbsolutePath().toString());
    }
}
