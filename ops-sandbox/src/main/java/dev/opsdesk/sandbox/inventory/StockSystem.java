package dev.opsdesk.sandbox.inventory;

import java.util.Arrays;
import java.util.Optional;

/** The three systems that each hold a number for every SKU in every warehouse. */
public enum StockSystem {
    /** What customers can buy. */
    PLATFORM,
    /** What finance values. */
    ERP,
    /** What is on the shelf. */
    WMS;

    public static Optional<StockSystem> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
