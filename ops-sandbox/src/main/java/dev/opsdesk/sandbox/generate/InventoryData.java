package dev.opsdesk.sandbox.generate;

import java.util.List;
import java.util.Random;

/**
 * Realistic-looking catalogue data for seeding and simulated traffic: SKU codes, product names, EAN-13 barcodes with a
 * valid check digit, units, and stock movements. All of it comes from the given {@link Random} (or the SKU's index),
 * so a seeded run makes the same data every time.
 */
public final class InventoryData {

    private static final List<String> COLOURS = List.of("Black", "White", "Navy", "Olive", "Sand", "Grey", "Red",
            "Forest", "Rust", "Sky");
    private static final List<String> PRODUCTS = List.of("Merino T-shirt", "Rain jacket", "Trail runner",
            "Canvas tote", "Wool beanie", "Down vest", "Hiking sock 3-pack", "Water bottle 0.75 l", "Fleece hoodie",
            "Chino trousers", "Packable daypack", "Linen shirt", "Leather belt", "Cotton scarf", "Sun cap");
    private static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL", "One size");
    /** The shop's price of each product, in euro cents (what a unit cost is a share of). */
    private static final int[] PRICES = {3900, 12900, 11900, 2500, 2200, 8900, 1900, 1500, 6900, 5900, 4500, 4900,
        3500, 2400, 1800};
    private static final String ZONES = "ABCDEF";

    private final Random random;

    public InventoryData(Random random) {
        this.random = random;
    }

    /** The n-th SKU code, e.g. {@code SKU-100042}. */
    public static String sku(int n) {
        return "SKU-" + (100_000 + n);
    }

    /** The n-th SKU's EAN-13: a GS1 Germany prefix, the index and the check digit. */
    public static String ean(int n) {
        String first12 = "400" + String.format("%09d", 123_457L * n % 1_000_000_000L);
        return first12 + checkDigit(first12);
    }

    /** The EAN-13 check digit of 12 digits. */
    public static int checkDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = first12.charAt(i) - '0';
            sum += i % 2 == 0 ? d : 3 * d;
        }
        return (10 - sum % 10) % 10;
    }

    /** The n-th SKU's name, e.g. "Rain jacket, Navy, M". */
    public static String name(int n) {
        String product = PRODUCTS.get(n % PRODUCTS.size());
        String colour = COLOURS.get(n / PRODUCTS.size() % COLOURS.size());
        String size = SIZES.get(n / (PRODUCTS.size() * COLOURS.size()) % SIZES.size());
        return product + ", " + colour + ", " + size;
    }

    /** The n-th SKU's unit cost in euro cents: 40 to 70 % of its product's price, varying with the SKU. */
    public static long unitCostMinor(int n) {
        int percent = 40 + (n * 37 % 31);
        return PRICES[n % PRICES.length] * (long) percent / 100;
    }

    /**
     * Where the n-th SKU lies in the warehouse of index {@code warehouse}: a zone letter (A to F; a product family keeps
     * together, each warehouse lays them out differently) and an aisle of 1 to 12, e.g. {@code C-07}.
     */
    public static String zone(int n, int warehouse) {
        char letter = ZONES.charAt((n % PRODUCTS.size() + warehouse * 2) % ZONES.length());
        return letter + String.format("-%02d", 1 + (n / PRODUCTS.size() + warehouse) % 12);
    }

    public static String unit(int n) {
        return n % 15 == 7 ? "pack" : "pcs";
    }

    /** A quantity on hand: mostly tens to a few hundred, some empty. */
    public int onHand() {
        return random.nextInt(12) == 0 ? 0 : 5 + random.nextInt(400);
    }

    /** A stock movement: orders take one or a few units, receipts bring many, returns one. */
    public int movement() {
        int r = random.nextInt(10);
        if (r < 7) {
            return -(1 + random.nextInt(3));
        }
        return r < 9 ? 1 : 12 + random.nextInt(48);
    }
}
