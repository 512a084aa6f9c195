package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.desktop.settings.SettingsAccess;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.LiveUpdates;
import javafx.beans.property.ReadOnlyObjectProperty;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a {@link SectionFactory} gets to build its section: the signed-in session, what the
 * user may do (a property: it changes when the server says so), the application's shared services,
 * and the main window around it.
 *
 * @param section  the section being built
 * @param session  the client, the server and the session
 * @param me       the signed-in user and their permissions; re-read on F5 and after a 403
 * @param tasks    the one way to run work off the FX thread
 * @param errors   turns exceptions into messages
 * @param live     the session's live event stream, shared by all sections
 * @param settings the application's settings and theme
 * @param clock    the time (tests use a fixed one)
 * @param formats  numbers, money and times in the workstation's zone
 * @param host     links to other sections, and re-reading permissions
 */
public record SectionContext(Section section, ActiveSession session, ReadOnlyObjectProperty<Me> me,
                             BackgroundTasks tasks, ErrorMessages errors, LiveUpdates live, SettingsAccess settings,
                             Clock clock, Formats formats, SectionHost host) {

    public SectionContext {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(me, "me");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(formats, "formats");
        Objects.requireNonNull(host, "host");
    }

    public OpsClient client() {
        return session.client();
    }

    /** The server's address, for error messages. */
    public URI server() {
        return session.server().baseUri();
    }

    /** The user's permissions now (a section that follows changes listens to {@link #me()}). */
    public Me currentMe() {
        return me.get();
    }
}
