package dev.opsdesk.desktop.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/**
 * The floor for the cold-start benchmark: a JavaFX window with nothing in it. Prints
 * {@code MAIN_WINDOW_SHOWN <ms since JVM start>} on its first laid-out pulse and exits.
 */
public final class BareWindow {

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new StackPane(), 1280, 800);
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                System.out.println("MAIN_WINDOW_SHOWN "
                        + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
                Platform.runLater(Platform::exit);
            };
            scene.addPostLayoutPulseListener(once[0]);
            stage.setScene(scene);
            stage.show();
        }
    }

    private BareWindow() {
    }
}
