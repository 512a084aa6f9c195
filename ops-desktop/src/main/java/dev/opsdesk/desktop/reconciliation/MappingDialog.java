package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Settlement;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks which column of a settlement file holds each of our fields, for a file of no known provider layout: a
 * {@link Settlement.Mapping} the person can then save and reuse. OK stays disabled until the mapping can read a file
 * (see {@link #problem}); the reason is shown under the fields.
 */
public final class MappingDialog {

    /** Our fields, in the order asked. */
    public static final List<String> FIELDS = List.of("bookedAt", "currency", "providerReference", "merchantReference",
            "batchReference", "kind", "description", "gross", "net", "fee", "credit", "debit");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("bookedAt", "_Booked at"), Map.entry("currency", "C_urrency"),
            Map.entry("providerReference", "_Provider reference"), Map.entry("merchantReference", "_Merchant reference"),
            Map.entry("batchReference", "_Batch reference"), Map.entry("kind", "_Kind"),
            Map.entry("description", "D_escription"), Map.entry("gross", "_Gross"), Map.entry("net", "_Net"),
            Map.entry("fee", "_Fee"), Map.entry("credit", "C_redit"), Map.entry("debit", "_Debit"));

    private MappingDialog() {
    }

    /**
     * What keeps the choices from being a usable mapping, in words, or null when they are one: a name, the booked-at
     * and currency columns, an amount (gross or net, or credit and debit), a valid date pattern and time zone.
     *
     * @param columns our field to the chosen header; a field left out or blank is not mapped
     */
    public static String problem(String name, Map<String, String> columns, String dateFormat, String timeZone) {
        if (name == null || name.isBlank()) {
            return "Give the mapping a name.";
        }
        if (!chosen(columns, "bookedAt")) {
            return "Choose the column with the booking date.";
        }
        if (!chosen(columns, "currency")) {
            return "Choose the column with the currency.";
        }
        if (!chosen(columns, "gross") && !chosen(columns, "net")
                && !(chosen(columns, "credit") && chosen(columns, "debit"))) {
            return "Choose the amount: gross or net, or both credit and debit.";
        }
        if (dateFormat == null || dateFormat.isBlank()) {
            return "Give the date format, e.g. dd.MM.yyyy HH:mm.";
        }
        try {
            DateTimeFormatter.ofPattern(dateFormat.strip());
        } catch (IllegalArgumentException e) {
            return "The date format is not a pattern: " + e.getMessage();
        }
        try {
            ZoneId.of(timeZone == null ? "" : timeZone.strip());
        } catch (DateTimeException e) {
            return "Choose a time zone such as Europe/Amsterdam.";
        }
        return null;
    }

    private static boolean chosen(Map<String, String> columns, String field) {
        String column = columns.get(field);
        return column != null && !column.isBlank();
    }

    /** The mapping the choices make (unsaved: no updatedBy, no updatedAt); only when {@link #problem} is null. */
    public static Settlement.Mapping mapping(String name, Map<String, String> columns, String dateFormat,
                                             String timeZone, boolean decimalComma, boolean minorUnits) {
        Map<String, String> mapped = new LinkedHashMap<>();
        columns.forEach((field, column) -> {
            if (column != null && !column.isBlank()) {
                mapped.put(field, column);
            }
        });
        return new Settlement.Mapping(name.strip(), mapped, Map.of(), dateFormat.strip(), timeZone.strip(),
                decimalComma, minorUnits, null, null);
    }

    /**
     * Shows the dialog over {@code owner}'s window and waits.
     *
     * @param header the file's header cells ({@code SettlementReader.header(file)}, read off the FX thread)
     * @return the mapping, or empty when the person cancelled
     */
    public static Optional<Settlement.Mapping> ask(Node owner, Path file, List<String> header) {
        Dialog<Settlement.Mapping> dialog = new Dialog<>();
        dialog.setTitle("Map the columns of " + file.getFileName());
        dialog.setHeaderText("Which column of " + file.getFileName() + " holds what?");
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        List<String> choices = new ArrayList<>();
        choices.add("");
        header.stream().filter(h -> !h.isBlank()).forEach(choices::add);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        TextField name = new TextField();
        name.setId("mapping-name");
        row = addRow(grid, row, "Na_me", name);
        Map<String, ComboBox<String>> columns = new LinkedHashMap<>();
        for (String field : FIELDS) {
            ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(choices));
            box.setId("mapping-" + field);
            box.setMaxWidth(Double.MAX_VALUE);
            columns.put(field, box);
            row = addRow(grid, row, LABELS.get(field), box);
        }
        TextField dateFormat = new TextField("yyyy-MM-dd HH:mm:ss");
        dateFormat.setId("mapping-dateFormat");
        row = addRow(grid, row, "Date _format", dateFormat);
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.sort(null);
        ComboBox<String> zone = new ComboBox<>(FXCollections.observableArrayList(zones));
        zone.setId("mapping-timeZone");
        zone.setEditable(true);
        zone.setValue(ZoneId.systemDefault().getId());
        row = addRow(grid, row, "Time _zone", zone);
        CheckBox decimalComma = new CheckBox("Amounts use a decimal _comma (1.234,56)");
        decimalComma.setId("mapping-decimalComma");
        grid.add(decimalComma, 1, row++);
        CheckBox minorUnits = new CheckBox("Amounts are in minor units (_cents)");
        minorUnits.setId("mapping-minorUnits");
        grid.add(minorUnits, 1, row++);
        Label problem = new Label();
        problem.setId("mapping-problem");
        problem.setWrapText(true);
        grid.add(problem, 0, row, 2, 1);

        StringBinding reason = Bindings.createStringBinding(
                () -> problem(name.getText(), values(columns), dateFormat.getText(), zoneText(zone)),
                name.textProperty(), dateFormat.textProperty(), zone.valueProperty(), zone.getEditor().textProperty());
        for (ComboBox<String> box : columns.values()) {
            box.valueProperty().addListener((o, a, b) -> reason.invalidate());
        }
        problem.textProperty().bind(reason);

        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(reason.isNotNull());
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? mapping(name.getText(), values(columns), dateFormat.getText(), zoneText(zone),
                decimalComma.isSelected(), minorUnits.isSelected())
                : null);
        return dialog.showAndWait();
    }

    private static int addRow(GridPane grid, int row, String label, Node control) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(control);
        grid.add(l, 0, row);
        grid.add(control, 1, row);
        return row + 1;
    }

    private static Map<String, String> values(Map<String, ComboBox<String>> columns) {
        Map<String, String> values = new LinkedHashMap<>();
        columns.forEach((field, box) -> values.put(field, box.getValue()));
        return values;
    }

    /** An editable ComboBox commits its text only on Enter: read what is typed. */
    private static String zoneText(ComboBox<String> zone) {
        String typed = zone.getEditor().getText();
        return typed == null || typed.isBlank() ? zone.getValue() : typed;
    }
}
