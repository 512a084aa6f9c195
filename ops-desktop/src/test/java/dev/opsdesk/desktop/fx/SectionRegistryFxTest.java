package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Session;
import dev.opsdesk.desktop.settings.AppSettings;
import dev.opsdesk.desktop.settings.SettingsAccess;
import dev.opsdesk.desktop.shell.ActiveSession;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.shell.MainView;
import dev.opsdesk.desktop.shell.MainViewModel;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionFactory;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.shell.SectionRegistry;
import dev.opsdesk.desktop.shell.ServerConnection;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Theme;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main window built from a registry of made-up sections: what the shell promises every section
 * (built once when first shown, told each time it shows, F5 and Ctrl+F to the one on show, keyboard
 * focus into it and never to Sign out, disposed at sign-out or when it may no longer be seen), and
 * a placeholder for an entry without a factory.
 */
@ExtendWith(ApplicationExtension.class)
class SectionRegistryFxTest extends FxTestSupport {

    private static final Section ALPHA = section("alpha", List.of());
    private static final Section BETA = section("beta", List.of("failures.read"));
    private static final Section GAMMA = section("gamma", List.of("audit.read"));
    private static final Section DELTA = section("delta", List.of("inventory.read"));

    /** A section that counts what the shell asks of it. */
    static final class FakeSection implements SectionInstance {
        final TextField field = new TextField();
        final VBox root;
        int shown;
        int refreshed;
        int searched;
        int disposed;
        final List<String> opened = new ArrayList<>();

        FakeSection(SectionContext context) {
            field.setId(context.section().id() + "-field");
            root = new VBox(new Label(context.section().title()), field);
            root.setId(context.section().pageId());
        }

        @Override
        public Node root() {
            return root;
        }

        @Override
        public void shown() {
            shown++;
        }

        @Override
        public void refresh() {
            refreshed++;
        }

        @Override
        public void focusSearch() {
            searched++;
            field.requestFocus();
        }

        @Override
        public boolean open(String target) {
            opened.add(target);
            return true;
        }

        @Override
        public void dispose() {
            disposed++;
        }
    }

    private final Map<String, FakeSection> built = new LinkedHashMap<>();
    private final Map<String, Integer> builds = new LinkedHashMap<>();
    private final List<OpsClient> clients = new ArrayList<>();
    private MainView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        onFx(() -> {
            if (view != null) {
                view.dispose();
            }
            return null;
        });
        clients.forEach(OpsClient::close);
    }

    private static Section section(String id, List<String> requiredAnyOf) {
        String title = Character.toUpperCase(id.charAt(0)) + id.substring(1);
        return new Section(id, title, title + " for testing.", title + " will be built later.", Icons.OVERVIEW,
                requiredAnyOf, requiredAnyOf);
    }

    private SectionRegistry registry() {
        SectionFactory fake = context -> {
            FakeSection s = new FakeSection(context);
            built.put(context.section().id(), s);
            builds.merge(context.section().id(), 1, Integer::sum);
            return s;
        };
        return SectionRegistry.builder().add(ALPHA, fake).add(BETA, fake).comingSoon(GAMMA).add(DELTA, fake).build();
    }

    /** The main window for {@code username}, whose permissions the desktop last heard were {@code stale} (null: the real ones). */
    private void show(String username, List<String> stale) {
        URI base = TestSandbox.shared().baseUri();
        OpsClient client = ClientFactory.standard().create(base);
        clients.add(client);
        Health health = client.health();
        Session session = client.sessions().signIn(username, TestSandbox.user(username).password().toCharArray());
        if (stale != null) {
            Me me = session.user();
            session = new Session(session.token(), session.expiresAt(),
                    new Me(me.user(), me.roles(), stale, Map.of(), null));
        }
        ActiveSession active = new ActiveSession(client, new ServerConnection(base, health, true), session);
        onFx(() -> {
            // Work runs inline; what reaches the UI from another thread (the live event stream, which
            // now starts for every user) is handed to the FX thread, as in the application.
            BackgroundTasks tasks = new BackgroundTasks(Runnable::run, r -> {
                if (javafx.application.Platform.isFxApplicationThread()) {
                    r.run();
                } else {
                    javafx.application.Platform.runLater(r);
                }
            });
            MainViewModel vm = new MainViewModel(active, registry(), tasks,
                    ErrorMessages.systemDefault(), new MainViewModel.Navigator() {
                        @Override
                        public void signedOut(String name) {
                        }

                        @Override
                        public void sessionExpired(String name) {
                        }
                    });
            view = new MainView(vm, new SettingsAccess(new AppSettings(), new SimpleObjectProperty<>(Theme.LIGHT),
                    () -> { }, null));
            Scene scene = new Scene(view.root(), 1280, 800);
            view.accelerators().forEach((key, action) -> scene.getAccelerators().put(key, action));
            stage.setScene(scene);
            stage.show();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void ctrl(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String focusedId() {
        return onFx(() -> {
            Node owner = stage.getScene().getFocusOwner();
            return owner == null ? null : owner.getId();
        });
    }

    @Test
    void aSectionIsBuiltOnceToldEachTimeItShowsAndDisposedAtSignOut(FxRobot robot) {
        show("support", null);
        assertThat(builds).containsExactly(Map.entry("alpha", 1));
        assertThat(built.get("alpha").shown).isEqualTo(1);

        click(robot, "#nav-beta");
        WaitForAsyncUtils.waitForFxEvents();
        click(robot, "#nav-alpha");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(builds).containsExactly(Map.entry("alpha", 1), Map.entry("beta", 1));
        assertThat(built.get("alpha").shown).isEqualTo(2);
        assertThat(built.get("beta").shown).isEqualTo(1);

        robot.type(KeyCode.F5);
        ctrl(robot, KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(built.get("alpha").refreshed).isEqualTo(1);
        assertThat(built.get("alpha").searched).isEqualTo(1);
        assertThat(built.get("beta").refreshed).isZero();
        assertThat(built.get("beta").searched).isZero();
        assertThat(focusedId()).isEqualTo("alpha-field");

        onFx(() -> {
            view.dispose();
            return null;
        });
        assertThat(built.values()).allSatisfy(s -> assertThat(s.disposed).isEqualTo(1));
        view = null;
    }

    @Test
    void theShortcutsFollowTheRegistryAndFocusGoesIntoTheSectionNeverToSignOut(FxRobot robot) {
        show("support", null);
        click(robot, "#alpha-field");

        ctrl(robot, KeyCode.DIGIT2);
        assertThat(onFx(() -> view.viewModel().selectedSectionProperty().get())).isEqualTo(BETA);
        assertThat(focusedId()).as("the section's first control").isEqualTo("beta-field");

        ctrl(robot, KeyCode.DIGIT3);
        assertThat(onFx(() -> view.viewModel().selectedSectionProperty().get())).isEqualTo(GAMMA);
        assertThat(focusedId()).as("a placeholder has no control: its navigation button").isEqualTo("nav-gamma");

        ctrl(robot, KeyCode.DIGIT4);
        assertThat(onFx(() -> view.viewModel().selectedSectionProperty().get()))
                .as("delta needs inventory.read, which support lacks").isEqualTo(GAMMA);
        assertThat(onFx(() -> view.accelerators().keySet().stream().map(k -> k.getName()).toList()))
                .contains("Shortcut+4").doesNotContain("Shortcut+5");
        assertThat(focusedId()).isNotEqualTo("sign-out");
    }

    @Test
    void anEntryWithoutAFactoryShowsWhatItWillOfferAndWhatTheUserWillBeAbleToDo(FxRobot robot) {
        show("support", null);

        click(robot, "#nav-gamma");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> robot.lookup("#page-gamma").tryQuery())).isPresent();
        assertThat(onFx(() -> robot.lookup("#page-gamma .label").queryAllAs(Label.class))).extracting(Label::getText)
                .contains("Coming soon", "Gamma will be built later.", "What you will be able to do here");
        assertThat(builds).doesNotContainKey("gamma");
    }

    @Test
    void linksOpenAnotherSectionOnlyWhenTheUserMaySeeIt(FxRobot robot) {
        show("support", null);

        assertThat(onFx(() -> view.open(BETA, "PAYMENT_CALLBACK"))).isTrue();
        assertThat(onFx(() -> view.open(DELTA, "WH-1"))).isFalse();

        assertThat(built.get("beta").opened).containsExactly("PAYMENT_CALLBACK");
        assertThat(builds).doesNotContainKey("delta");
        assertThat(onFx(() -> view.viewModel().selectedSectionProperty().get())).isEqualTo(BETA);
    }

    @Test
    void aPermissionChangeOnRefreshReachesTheNavigationAndDisposesWhatMayNoLongerBeSeen(FxRobot robot) {
        // The desktop last heard that support may read stock (it may not): Delta shows until F5.
        show("support", List.of("failures.read", "audit.read", "inventory.read"));
        click(robot, "#nav-delta");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(builds).containsKey("delta");

        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onFx(() -> robot.lookup("#nav-delta").tryQuery())).isEmpty();
        assertThat(built.get("delta").disposed).isEqualTo(1);
        assertThat(onFx(() -> view.viewModel().selectedSectionProperty().get())).isEqualTo(ALPHA);
        assertThat(onFx(() -> view.section(DELTA))).isEmpty();
    }
}
