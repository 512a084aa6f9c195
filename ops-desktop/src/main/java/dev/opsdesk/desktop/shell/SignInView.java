package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.shell.SignInViewModel.SandboxStatus;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.sandbox.DemoUser;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The sign-in view: where to connect on the left (built-in sandbox with its demo users, or a server
 * address), the credentials on the right. Enter signs in; errors appear under the button and the
 * form stays as typed, except the password.
 */
public final class SignInView {

    private final SignInViewModel viewModel;
    private final StackPane root = new StackPane();
    private final TextField usernameField = new TextField();
    private final PasswordField passwordField = new PasswordField();
    private final ComboBox<String> serverField = new ComboBox<>();
    private final TableView<DemoUser> demoTable = new TableView<>();

    public SignInView(SignInViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add(Styles.SIGN_IN_ROOT);
        root.setId("sign-in-view");

        VBox card = new VBox(24, brand(), columns());
        card.getStyleClass().addAll(Styles.CARD, Styles.SIGN_IN_CARD);
        card.setMaxWidth(980);
        card.setMaxHeight(Region.USE_PREF_SIZE);

        ScrollPane scroll = new ScrollPane(new StackPane(card));
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("sign-in-scroll");
        root.getChildren().add(scroll);

        viewModel.errorProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(() -> {
                    passwordField.requestFocus();
                });
            }
        });
    }

    private Parent brand() {
        var mark = Icons.icon(Icons.APP, 30);
        StackPane markBox = new StackPane(mark);
        markBox.getStyleClass().add(Styles.BRAND_MARK);
        Label title = new Label("Ops Desk");
        title.getStyleClass().add(Styles.TITLE);
        Label subtitle = new Label("Back office for failed payments, stock drift and reconciliation");
        subtitle.getStyleClass().add(Styles.SUBTITLE);
        HBox brand = new HBox(14, markBox, new VBox(2, title, subtitle));
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add(Styles.BRAND);
        return brand;
    }

    private Parent columns() {
        Parent connect = connectPane();
        Parent credentials = credentialsPane();
        HBox.setHgrow(connect, Priority.ALWAYS);
        HBox columns = new HBox(36, connect, new Separator(javafx.geometry.Orientation.VERTICAL), credentials);
        columns.setFillHeight(true);
        return columns;
    }

    private VBox connectPane() {
        Label heading = new Label("1  Connect to");
        heading.getStyleClass().add(Styles.SECTION_TITLE);

        ToggleGroup group = new ToggleGroup();
        RadioButton sandboxOption = new RadioButton("_Built-in training sandbox");
        sandboxOption.setId("connection-sandbox");
        sandboxOption.setUserData(ConnectionChoice.BUILT_IN_SANDBOX);
        sandboxOption.setToggleGroup(group);
        sandboxOption.getStyleClass().add(Styles.STRONG);
        Label sandboxHint = new Label("Runs on this computer with demo data. Nothing here touches real orders — safe to practise.");
        sandboxHint.getStyleClass().add(Styles.OPTION_HINT);
        sandboxHint.setWrapText(true);

        ProgressIndicator starting = new ProgressIndicator();
        starting.setPrefSize(16, 16);
        starting.visibleProperty().bind(viewModel.sandboxStatusProperty().isEqualTo(SandboxStatus.STARTING));
        starting.managedProperty().bind(starting.visibleProperty());
        var running = Icons.icon(Icons.CHECK, 16);
        running.getStyleClass().add("ok-icon");
        running.visibleProperty().bind(viewModel.sandboxStatusProperty().isEqualTo(SandboxStatus.RUNNING));
        running.managedProperty().bind(running.visibleProperty());
        Label status = new Label();
        status.setId("sandbox-status");
        status.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        status.textProperty().bind(viewModel.sandboxStatusTextProperty());
        HBox statusRow = new HBox(8, starting, running, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        demoTable.setId("demo-users");
        demoTable.getStyleClass().add(Styles.DEMO_USERS);
        demoTable.setItems(viewModel.demoUsers());
        demoTable.setPlaceholder(new Label("The demo users appear when the sandbox has started."));
        demoTable.setFixedCellSize(30);
        demoTable.setPrefHeight(30 * 7 + 28); // seven demo users, no scrolling
        demoTable.setMinHeight(120);
        demoTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DemoUser, String> userCol = column("Username", DemoUser::username, 110);
        userCol.getStyleClass().add("username-column");
        TableColumn<DemoUser, String> roleCol = column("Role", DemoUser::role, 90);
        TableColumn<DemoUser, String> whCol = column("Warehouses",
                u -> u.warehouses().isEmpty() ? "all" : String.join(", ", u.warehouses()), 100);
        TableColumn<DemoUser, String> nameCol = column("Name", DemoUser::displayName, 140);
        demoTable.getColumns().setAll(java.util.List.of(userCol, roleCol, whCol, nameCol));
        demoTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.chooseDemoUser(now));
        // Picking a user (a click, or Enter after the arrows) is done with the list: the password is
        // next, so the keyboard goes there — typing must never go nowhere.
        demoTable.setRowFactory(table -> {
            TableRow<DemoUser> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getButton() == MouseButton.PRIMARY) {
                    viewModel.chooseDemoUser(row.getItem());
                    passwordField.requestFocus();
                }
            });
            return row;
        });
        demoTable.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && demoTable.getSelectionModel().getSelectedItem() != null) {
                passwordField.requestFocus();
                e.consume();
            }
        });
        Label demoHint = new Label();
        demoHint.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        demoHint.setWrapText(true);
        demoHint.textProperty().bind(Bindings.createStringBinding(() -> viewModel.demoPassword() == null ? ""
                        : "Pick a demo user to fill in the username. Every demo user's password is “"
                        + viewModel.demoPassword() + "”.", viewModel.demoUsers()));

        VBox sandboxBox = new VBox(8, sandboxHint, statusRow, demoTable, demoHint);
        sandboxBox.getStyleClass().add("option-body");
        sandboxBox.disableProperty().bind(viewModel.connectionProperty().isNotEqualTo(ConnectionChoice.BUILT_IN_SANDBOX));
        VBox.setVgrow(demoTable, Priority.ALWAYS);

        RadioButton urlOption = new RadioButton("Server _URL");
        urlOption.setId("connection-url");
        urlOption.setUserData(ConnectionChoice.SERVER_URL);
        urlOption.setToggleGroup(group);
        urlOption.getStyleClass().add(Styles.STRONG);

        serverField.setId("server-url");
        serverField.setEditable(true);
        serverField.setItems(viewModel.knownServers());
        serverField.setPromptText("https://ops.example.com");
        // With no history the list would open as an empty sliver: it says why it is empty instead.
        Label noHistory = new Label("No servers used yet — type the address above");
        noHistory.setId("server-history-empty");
        noHistory.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        serverField.setPlaceholder(noHistory);
        serverField.setMaxWidth(Double.MAX_VALUE);
        serverField.getEditor().textProperty().bindBidirectional(viewModel.serverAddressProperty());
        serverField.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.serverAddressProperty().set(now);
            }
        });
        Label urlHint = new Label("The address of your company's ops API. Recently used addresses are in the list.");
        urlHint.getStyleClass().add(Styles.OPTION_HINT);
        urlHint.setWrapText(true);
        VBox urlBox = new VBox(8, serverField, urlHint);
        urlBox.getStyleClass().add("option-body");
        urlBox.disableProperty().bind(viewModel.connectionProperty().isNotEqualTo(ConnectionChoice.SERVER_URL));

        // Alt+B / Alt+U (or Tab) to an option chooses it: the window signs in where it shows it will,
        // never to the sandbox while a typed address waits in a greyed-out field.
        sandboxOption.focusedProperty().addListener((obs, was, now) -> {
            if (now) {
                group.selectToggle(sandboxOption);
            }
        });
        urlOption.focusedProperty().addListener((obs, was, now) -> {
            if (now) {
                group.selectToggle(urlOption);
            }
        });

        // Two-way between the radio buttons and the view model.
        group.selectToggle(viewModel.connectionProperty().get() == ConnectionChoice.SERVER_URL ? urlOption : sandboxOption);
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(old);
            } else {
                viewModel.connectionProperty().set((ConnectionChoice) now.getUserData());
            }
        });
        viewModel.connectionProperty().addListener((obs, old, now) ->
                group.selectToggle(now == ConnectionChoice.SERVER_URL ? urlOption : sandboxOption));
        urlOption.selectedProperty().addListener((obs, was, is) -> {
            if (is) {
                Platform.runLater(serverField::requestFocus);
            }
        });

        VBox pane = new VBox(10, heading, sandboxOption, sandboxBox, new Separator(), urlOption, urlBox);
        pane.setMinWidth(420);
        pane.setPrefWidth(520);
        pane.disableProperty().bind(viewModel.busyProperty());
        return pane;
    }

    private static TableColumn<DemoUser, String> column(String title, java.util.function.Function<DemoUser, String> value,
                                                        double width) {
        TableColumn<DemoUser, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setReorderable(false);
        return column;
    }

    private VBox credentialsPane() {
        Label heading = new Label("2  Sign in");
        heading.getStyleClass().add(Styles.SECTION_TITLE);

        Label userLabel = new Label("_Username");
        userLabel.setMnemonicParsing(true);
        userLabel.setLabelFor(usernameField);
        userLabel.getStyleClass().add(Styles.FIELD_LABEL);
        usernameField.setId("username");
        usernameField.setPromptText("e.g. ops");
        usernameField.textProperty().bindBidirectional(viewModel.usernameProperty());

        Label passwordLabel = new Label("_Password");
        passwordLabel.setMnemonicParsing(true);
        passwordLabel.setLabelFor(passwordField);
        passwordLabel.getStyleClass().add(Styles.FIELD_LABEL);
        passwordField.setId("password");
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());

        Button signIn = new Button("_Sign in", Icons.icon(Icons.SIGN_IN, 18));
        signIn.setId("sign-in");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.disableProperty().bind(viewModel.canSignInProperty().not());
        signIn.setOnAction(e -> viewModel.signIn());
        HBox.setHgrow(signIn, Priority.ALWAYS);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("signin-progress");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("signin-cancel");
        cancel.setCancelButton(true);
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.disableProperty().bind(viewModel.busyProperty().not());
        cancel.setOnAction(e -> viewModel.cancelSignIn());

        HBox buttons = new HBox(10, signIn, progress, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label progressText = new Label();
        progressText.setId("signin-progress-text");
        progressText.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        progressText.textProperty().bind(viewModel.progressTextProperty());
        progressText.setWrapText(true);
        progressText.visibleProperty().bind(viewModel.busyProperty());
        progressText.managedProperty().bind(progressText.visibleProperty());

        MessagePane notice = new MessagePane(MessagePane.Kind.INFO, viewModel.noticeProperty(), null);
        notice.setId("signin-notice");
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, viewModel.errorProperty(), null);
        error.setId("signin-error");

        VBox fields = new VBox(6, userLabel, usernameField, spacer(6), passwordLabel, passwordField);
        fields.disableProperty().bind(viewModel.busyProperty());
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Label keys = new Label("Enter signs in  ·  Alt+B built-in sandbox  ·  Alt+U server URL  ·  Esc cancels");
        keys.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        keys.setWrapText(true);
        VBox pane = new VBox(10, heading, notice, fields, spacer(4), buttons, progressText, error, grow, keys);
        pane.setMinWidth(320);
        pane.setPrefWidth(370);
        pane.setMaxWidth(390);
        return pane;
    }

    private static Region spacer(double height) {
        Region r = new Region();
        r.setMinHeight(height);
        return r;
    }

    public Parent root() {
        return root;
    }

    /** Puts the cursor where typing is needed: the username, or the password when it is known. */
    public void focusFirstField() {
        Platform.runLater(() -> {
            if (viewModel.usernameProperty().get().isBlank()) {
                usernameField.requestFocus();
            } else {
                passwordField.requestFocus();
            }
        });
    }
}
