package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import com.sun.net.httpserver.HttpServer;
import dev.opsdesk.desktop.testing.FakeServers;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** A server address that is not an ops API, or where nothing answers, gets its own clear message. */
@ExtendWith(ApplicationExtension.class)
class ServerAddressFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void notAnOpsApiAndUnreachableAddressesAreExplained(FxRobot robot) {
        HttpServer html = FakeServers.htmlServer();
        try {
            URI intranet = FakeServers.uriOf(html);
            click(robot, "#connection-url");
            typeInto(robot, "#server-url", intranet.toString());
            signInWith(robot, "ops", "sandbox");

            waitUntil("the error shows", () -> isShowing(robot, "#signin-error"));
            assertThat(textOf(robot, "#signin-error")).contains(intranet + " answers, but it is not an ops API");
            assertThat(textOf(robot, "#server-url")).isEqualTo(intranet.toString());

            URI closed = FakeServers.closedPort();
            typeInto(robot, "#server-url", closed.toString());
            signInWith(robot, "ops", "sandbox");

            waitUntil("the unreachable error shows", () -> textOf(robot, "#signin-error").contains("Could not reach " + closed));
            assertThat(isShowing(robot, "#main-view")).isFalse();
            // A malformed address is covered by SignInViewModelTest (it never leaves the view model).
        } finally {
            html.stop(0);
        }
    }
}
