package dev.opsdesk.desktop.reconciliation.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The hand-written provider files under src/test/resources/settlement, and variants of them written to a folder. */
final class SettlementFixtures {

    static final String ADYEN = "adyen-settlement-details.csv";
    static final String STRIPE_PAYOUT = "stripe-payout-reconciliation.itemized.csv";
    static final String STRIPE_BALANCE = "stripe-balance-change.itemized.csv";
    static final String PAYPAL = "paypal-settlement.STL-20261205.01.009.csv";
    static final String GENERIC = "generic-bank-export.csv";

    private SettlementFixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(SettlementFixtures.class.getResource("/settlement/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
