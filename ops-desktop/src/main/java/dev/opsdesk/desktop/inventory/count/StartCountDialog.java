package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Optional;

/** "Count…": start a count of a warehouse (everything, a zone, a list of codes) or resume an open one. */
final class StartCountDialog {

    private StartCountDialog() {
    }

    static Optional<StockCount.Count> ask(StartCountForm form, Formats formats, Node owner) {
        Dialog<StockCount.Count> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.setTitle("Count stock");
        dialog.getDialogPane().setId("count-start-dialog");

        Label headline = new Label("Count what is on the shelf. The count is blind: nobody counting sees what the"
                + " systems expect.");
        headline.setWrapText(true);
        headline.setMaxWidth(460);
        headline.getStyleClass().add(Styles.DIALOG_HEADLINE);

        ComboBox<String> warehouse = new ComboBox<>(form.warehouses());
        warehouse.setId("count-warehouse");
        warehouse.valueProperty().bindBidirectional(form.warehouseProperty());

        ToggleGroup group = new ToggleGroup();
        RadioButton all = radio("count-scope-all", "_Everything in the warehouse", StockCount.Scope.ALL, group);
        RadioButton zone = radio("count-scope-zone", "One _zone", StockCount.Scope.ZONE, group);
        RadioButton list = radio("count-scope-list", "A _list of SKUs or EANs", StockCount.Scope.LIST, group);
        group.selectToggle(switch (form.scopeProperty().get()) {
            case ALL -> all;
            case ZONE -> zone;
            case LIST -> list;
        });
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                form.scopeProperty().set((StockCount.Scope) now.getUserData());
            }
        });
        TextField zoneName = new TextField();
        zoneName.setId("count-zone");
        zoneName.setPromptText("Zone, e.g. A");
        zoneName.textProperty().bindBidirectional(form.zoneProperty());
        zoneName.disableProperty().bind(form.scopeProperty().isNotEqualTo(StockCount.Scope.ZONE));
        TextArea codes = new TextArea();
        codes.setId("count-codes");
        codes.setPromptText("One SKU or EAN per line (type, scan or paste)");
        codes.setPrefRowCount(5);
        codes.textProperty().bindBidirectional(form.codesProperty());
        codes.disableProperty().bind(form.scopeProperty().isNotEqualTo(StockCount.Scope.LIST));
        // Tab leaves the list (a scanner's Enter is a new line in it).
        codes.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                if (e.isShiftDown()) {
                    list.requestFocus();
                } else {
                    dialog.getDialogPane().lookupButton(dialog.getDialogPane().getButtonTypes().get(0)).requestFocus();
                }
            }
        });

        ListView<StartCountForm.Resumable> open = new ListView<>(form.openCounts());
        open.setId("count-open");
        open.setPrefHeight(110);
        open.setPlaceholder(new Label("No open count of yours here."));
        open.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(StartCountForm.Resumable item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : CountView.title(item.count()) + " · started "
                        + formats.absolute(item.count().startedAt()) + " · counted " + item.count().countedLines()
                        + " of " + item.count().lines() + " lines" + (item.waiting() == 0 ? ""
                        : " · " + Formats.plural(item.waiting(), "entry", "entries") + " waiting on this computer"));
            }
        });
        Button resume = new Button("_Resume");
        resume.setId("count-resume");
        resume.setMnemonicParsing(true);
        resume.disableProperty().bind(open.getSelectionModel().selectedItemProperty().isNull());
        resume.setOnAction(e -> form.resume(open.getSelectionModel().getSelectedItem().count()));
        open.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && open.getSelectionModel().getSelectedItem() != null) {
                e.consume();
                form.resume(open.getSelectionModel().getSelectedItem().count());
            }
        });
        open.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && open.getSelectionModel().getSelectedItem() != null) {
                form.resume(open.getSelectionModel().getSelectedItem().count());
            }
        });

        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, form.errorProperty(), null);
        error.setId("count-start-error");
        VBox body = new VBox(8, headline, field("_Warehouse", warehouse), warehouse, all, new HBox(8, zone, zoneName),
                list, codes, error, field("Or res_ume one of your open counts", open), open, resume);
        body.setPrefWidth(500);
        dialog.getDialogPane().setContent(body);

        ButtonType startType = new ButtonType("Start count", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(startType, ButtonType.CANCEL);
        Button start = (Button) dialog.getDialogPane().lookupButton(startType);
        start.setId("count-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(form.validProperty().not().or(form.busyProperty()));
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            form.start();
        });
        form.doneProperty().addListener((obs, old, now) -> {
            if (now != null) {
                dialog.setResult(now);
                dialog.close();
            }
        });
        dialog.setResultConverter(b -> form.doneProperty().get());
        dialog.setOnShown(e -> (form.warehouses().size() > 1 ? warehouse : codes).requestFocus());
        return dialog.showAndWait();
    }

    private static RadioButton radio(String id, String text, StockCount.Scope scope, ToggleGroup group) {
        RadioButton r = new RadioButton(text);
        r.setId(id);
        r.setMnemonicParsing(true);
        r.setUserData(scope);
        r.setToggleGroup(group);
        return r;
    }

    private static Label field(String text, Node control) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(control);
        label.getStyleClass().add(Styles.FIELD_LABEL);
        return label;
    }
}
