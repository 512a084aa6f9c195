package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.ui.Theme;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * What the desktop remembers between runs: theme, recently used servers, the last connection choice
 * and user name, and the main window's bounds. Never a password or token. Mutated on the UI thread;
 * {@link #copy()} gives the snapshot that is written to disk in the background.
 */
public final class AppSettings {

    /** How many server addresses are remembered. */
    public static final int MAX_SERVERS = 6;

    private Theme theme = Theme.LIGHT;
    private final List<String> servers = new ArrayList<>();
    private String lastConnection;
    private String lastUsername;
    private WindowBounds window;

    public Theme theme() {
        return theme;
    }

    public void setTheme(Theme theme) {
        this.theme = Objects.requireNonNull(theme);
    }

    /** Recently used server addresses, most recent first. */
    public List<String> servers() {
        return List.copyOf(servers);
    }

    /** Moves (or adds) the address to the front of the list. */
    public void rememberServer(String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        String value = address.trim();
        servers.remove(value);
        servers.add(0, value);
        while (servers.size() > MAX_SERVERS) {
            servers.remove(servers.size() - 1);
        }
    }

    public void forgetServers() {
        servers.clear();
    }

    /** The name of the connection choice last used to sign in, or null. */
    public String lastConnection() {
        return lastConnection;
    }

    public void setLastConnection(String value) {
        this.lastConnection = value;
    }

    public String lastUsername() {
        return lastUsername;
    }

    public void setLastUsername(String value) {
        this.lastUsername = value == null || value.isBlank() ? null : value.trim();
    }

    /** The main window's last bounds, or null. */
    public WindowBounds window() {
        return window;
    }

    public void setWindow(WindowBounds window) {
        this.window = window;
    }

    public AppSettings copy() {
        AppSettings copy = new AppSettings();
        copy.theme = theme;
        copy.servers.addAll(servers);
        copy.lastConnection = lastConnection;
        copy.lastUsername = lastUsername;
        copy.window = window;
        return copy;
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("theme", theme.name());
        for (int i = 0; i < servers.size(); i++) {
            p.setProperty("servers." + i, servers.get(i));
        }
        if (lastConnection != null) {
            p.setProperty("connection.last", lastConnection);
        }
        if (lastUsername != null) {
            p.setProperty("username.last", lastUsername);
        }
        if (window != null && window.isUsable()) {
            p.setProperty("window.x", Double.toString(window.x()));
            p.setProperty("window.y", Double.toString(window.y()));
            p.setProperty("window.width", Double.toString(window.width()));
            p.setProperty("window.height", Double.toString(window.height()));
            p.setProperty("window.maximized", Boolean.toString(window.maximized()));
        }
        return p;
    }

    /** Reads what it understands and ignores the rest, so a damaged value costs only that value. */
    static AppSettings fromProperties(Properties p) {
        AppSettings s = new AppSettings();
        s.theme = Theme.parse(p.getProperty("theme"));
        for (int i = 0; i < MAX_SERVERS; i++) {
            String server = p.getProperty("servers." + i);
            if (server != null && !server.isBlank() && !s.servers.contains(server.trim())) {
                s.servers.add(server.trim());
            }
        }
        s.lastConnection = p.getProperty("connection.last");
        s.setLastUsername(p.getProperty("username.last"));
        try {
            WindowBounds w = new WindowBounds(
                    Double.parseDouble(p.getProperty("window.x")),
                    Double.parseDouble(p.getProperty("window.y")),
                    Double.parseDouble(p.getProperty("window.width")),
                    Double.parseDouble(p.getProperty("window.height")),
                    Boolean.parseBoolean(p.getProperty("window.maximized")));
            s.window = w.isUsable() ? w : null;
        } catch (NullPointerException | NumberFormatException missing) {
            s.window = null;
        }
        return s;
    }
}
