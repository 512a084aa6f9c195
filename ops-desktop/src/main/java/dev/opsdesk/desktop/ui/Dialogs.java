package dev.opsdesk.desktop.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Dialogs and extra windows with the application's stylesheet and the owner's theme (a dialog's
 * scene does not inherit the main window's stylesheet by itself).
 */
public final class Dialogs {

    private Dialogs() {
    }

    /** Styles {@code dialog} like its owner (the window of {@code ownerNode}) and makes it modal to it. */
    public static <R> Dialog<R> themed(Dialog<R> dialog, Node ownerNode) {
        Window owner = ownerNode == null || ownerNode.getScene() == null ? null : ownerNode.getScene().getWindow();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().getStylesheets().add(Styles.stylesheetUrl());
        dialog.getDialogPane().getStyleClass().add(Styles.APP_ROOT);
        if (isDark(ownerNode)) {
            dialog.getDialogPane().getStyleClass().add(Styles.DARK);
        }
        return dialog;
    }

    /** A window modal to the window of {@code ownerNode}, with {@code root} styled like it. */
    public static Stage window(Node ownerNode, String title, Parent root, double width, double height) {
        Stage stage = new Stage();
        Window owner = ownerNode == null || ownerNode.getScene() == null ? null : ownerNode.getScene().getWindow();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(title);
        Scene scene = new Scene(root, width, height);
        Styles.applyTheme(scene, isDark(ownerNode) ? Theme.DARK : Theme.LIGHT);
        stage.setScene(scene);
        return stage;
    }

    private static boolean isDark(Node ownerNode) {
        return ownerNode != null && ownerNode.getScene() != null && ownerNode.getScene().getRoot() != null
                && ownerNode.getScene().getRoot().getStyleClass().contains(Styles.DARK);
    }
}
