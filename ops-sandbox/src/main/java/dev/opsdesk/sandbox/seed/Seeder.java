package dev.opsdesk.sandbox.seed;

import static dev.opsdesk.sandbox.db.Tables.APP_USER;

import dev.opsdesk.sandbox.auth.Passwords;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.db.tables.records.AppUserRecord;
import dev.opsdesk.sandbox.db.tables.records.UserRoleRecord;
import dev.opsdesk.sandbox.db.tables.records.UserWarehouseRecord;
import dev.opsdesk.sandbox.db.tables.records.WarehouseRecord;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/**
 * Fills an empty database with the demo data: four warehouses, one demo user per role and a staff of generated
 * users. Everything visible is derived from the seed, so the same seed gives the same users.
 */
public final class Seeder {

    /** A user to seed; {@code demo} users get the demo password, the others a credential nobody can sign in with. */
    public record SeedUser(String id, String username, String displayName, RoleName role, List<String> warehouses,
                           boolean demo) {
    }

    public record SeedWarehouse(String code, String name, String city, String country, String timeZone) {
    }

    public static final List<SeedWarehouse> WAREHOUSES = List.of(
            new SeedWarehouse("WH-1", "Leipzig hub", "Leipzig", "DE", "Europe/Berlin"),
            new SeedWarehouse("WH-2", "Rotterdam port", "Rotterdam", "NL", "Europe/Amsterdam"),
            new SeedWarehouse("WH-3", "Dublin returns", "Dublin", "IE", "Europe/Dublin"),
            new SeedWarehouse("WH-4", "Poznań cross-dock", "Poznań", "PL", "Europe/Warsaw"));

    /** The two more warehouses of the large seed (inventory at scale: 6 warehouses). */
    public static final List<SeedWarehouse> LARGE_EXTRA_WAREHOUSES = List.of(
            new SeedWarehouse("WH-5", "Madrid south", "Madrid", "ES", "Europe/Madrid"),
            new SeedWarehouse("WH-6", "Milan north", "Milan", "IT", "Europe/Rome"));

    /** How many generated staff users besides the demo users. */
    public static final int STAFF_USERS = 60;

    private static final List<String> FIRST_NAMES = List.of(
            "Anna", "Lukas", "Sophie", "Jonas", "Marie", "Felix", "Lea", "Paul", "Hannah", "Maximilian",
            "Daan", "Sanne", "Bram", "Fleur", "Thijs", "Lotte", "Niamh", "Cian", "Aoife", "Seán", "Siobhán",
            "Oisín", "Ciara", "Darragh", "Zofia", "Jakub", "Łukasz", "Agnieszka", "Kacper", "Małgorzata",
            "Piotr", "Katarzyna", "Mateusz", "Joanna", "Emma", "Noah", "Mia", "Elias", "Amira", "Yusuf",
            "Chloé", "Mehmet", "Ingrid", "Tomás", "Greta", "Nils");
    private static final List<String> LAST_NAMES = List.of(
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch",
            "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
            "Murphy", "Kelly", "O'Sullivan", "Walsh", "Byrne", "Ryan", "O'Brien", "Nowak", "Kowalski",
            "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowski", "Zieliński", "Szymańska",
            "Yılmaz", "Rossi", "García", "Novák", "Lindqvist", "Dubois", "Andersen");

    private Seeder() {
    }

    /** The demo users (one per role, in role order) and the generated staff for {@code seed}. */
    public static List<SeedUser> users(long seed) {
        Random random = new Random(seed);
        List<SeedUser> users = new ArrayList<>();
        Set<String> usernames = new HashSet<>();
        Set<String> displayNames = new HashSet<>();
        for (RoleName role : RoleName.values()) {
            String displayName = uniqueName(random, displayNames);
            List<String> warehouses = role == RoleName.WAREHOUSE ? List.of("WH-1", "WH-2") : List.of();
            users.add(new SeedUser(uuid(random), role.wireName(), displayName, role, warehouses, true));
            usernames.add(role.wireName());
        }
        for (int i = 0; i < STAFF_USERS; i++) {
            String displayName = uniqueName(random, displayNames);
            String username = uniqueUsername(displayName, usernames);
            RoleName role = staffRole(random);
            List<String> warehouses = List.of();
            if (role == RoleName.WAREHOUSE) {
                int first = random.nextInt(WAREHOUSES.size());
                warehouses = random.nextInt(5) == 0
                        ? List.of(WAREHOUSES.get(first).code(), WAREHOUSES.get((first + 1) % WAREHOUSES.size()).code())
                                .stream().sorted().toList()
                        : List.of(WAREHOUSES.get(first).code());
            }
            users.add(new SeedUser(uuid(random), username, displayName, role, warehouses, false));
        }
        return users;
    }

    /** Whether the database has been seeded already (a persistent database is seeded once). */
    public static boolean isSeeded(DSLContext dsl) {
        return dsl.fetchExists(APP_USER);
    }

    /** Inserts the warehouses and {@code users}; demo users get {@code demoPassword}. */
    public static void seed(DSLContext dsl, List<SeedUser> users, String demoPassword, Passwords passwords,
                            Instant now) {
        seed(dsl, users, demoPassword, List.of(), passwords, now);
    }

    /**
     * As {@link #seed(DSLContext, List, String, Passwords, Instant)}, with hashes of {@code demoPassword} made
     * before ({@link Passwords#prepared()} for the default one), used for the demo users as far as they go.
     */
    public static void seed(DSLContext dsl, List<SeedUser> users, String demoPassword,
                            List<Passwords.Hash> preparedDemoHashes, Passwords passwords, Instant now) {
        // Hashing is the slow part (one PBKDF2 per demo user): do it before the transaction, in parallel.
        int demoCount = (int) users.stream().filter(SeedUser::demo).count();
        Iterator<Passwords.Hash> demoHashes = passwords.hashes(demoPassword, demoCount, preparedDemoHashes)
                .iterator();
        List<Passwords.Hash> hashes = users.stream()
                .map(u -> u.demo() ? demoHashes.next() : passwords.unusable())
                .toList();
        Random random = new Random(users.size());
        List<TableRecord<?>> rows = new ArrayList<>();
        for (SeedWarehouse w : WAREHOUSES) {
            rows.add(record(w));
        }
        for (int i = 0; i < users.size(); i++) {
            SeedUser u = users.get(i);
            Passwords.Hash hash = hashes.get(i);
            Instant createdAt = now.minus(Duration.ofDays(1 + random.nextInt(700)))
                    .minus(Duration.ofMinutes(random.nextInt(24 * 60)))
                    .truncatedTo(ChronoUnit.SECONDS);
            rows.add(new AppUserRecord(u.id(), u.username(), u.displayName(), hash.hash(), hash.salt(),
                    hash.iterations(), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)));
        }
        for (SeedUser u : users) {
            rows.add(new UserRoleRecord(u.id(), u.role().wireName()));
            for (String code : u.warehouses()) {
                rows.add(new UserWarehouseRecord(u.id(), code));
            }
        }
        dsl.transaction(tx -> tx.dsl().batchInsert(rows).execute());
    }

    /** A warehouse's row. */
    public static WarehouseRecord record(SeedWarehouse w) {
        WarehouseRecord r = new WarehouseRecord();
        r.setCode(w.code());
        r.setName(w.name());
        r.setCity(w.city());
        r.setCountry(w.country());
        r.setTimeZone(w.timeZone());
        return r;
    }

    /** Gives the demo users {@code demoPassword} (a persistent database started again with another password). */
    public static void resetDemoPasswords(DSLContext dsl, List<SeedUser> users, String demoPassword,
                                          Passwords passwords) {
        resetDemoPasswords(dsl, users, demoPassword, List.of(), passwords);
    }

    /** As {@link #resetDemoPasswords(DSLContext, List, String, Passwords)}, with hashes made before. */
    public static void resetDemoPasswords(DSLContext dsl, List<SeedUser> users, String demoPassword,
                                          List<Passwords.Hash> preparedDemoHashes, Passwords passwords) {
        List<String> demoUsernames = users.stream().filter(SeedUser::demo).map(SeedUser::username).toList();
        List<Passwords.Hash> hashes = passwords.hashes(demoPassword, demoUsernames.size(), preparedDemoHashes);
        dsl.transaction(tx -> {
            for (int i = 0; i < demoUsernames.size(); i++) {
                Passwords.Hash hash = hashes.get(i);
                tx.dsl().update(APP_USER)
                        .set(APP_USER.PASSWORD_HASH, hash.hash())
                        .set(APP_USER.PASSWORD_SALT, hash.salt())
                        .set(APP_USER.PASSWORD_ITERATIONS, hash.iterations())
                        .where(APP_USER.USERNAME.eq(demoUsernames.get(i)))
                        .execute();
            }
        });
    }

    private static RoleName staffRole(Random random) {
        int r = random.nextInt(100);
        if (r < 40) {
            return RoleName.WAREHOUSE;
        } else if (r < 55) {
            return RoleName.SUPPORT;
        } else if (r < 70) {
            return RoleName.OPS;
        } else if (r < 82) {
            return RoleName.FINANCE;
        } else if (r < 89) {
            return RoleName.APPROVER;
        } else if (r < 95) {
            return RoleName.AUDITOR;
        }
        return RoleName.ADMIN;
    }

    private static String uniqueName(Random random, Set<String> taken) {
        while (true) {
            String name = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " "
                    + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
            if (taken.add(name)) {
                return name;
            }
        }
    }

    /** First initial plus surname, folded to ASCII: "Łukasz Wójcik" -> "lwojcik". */
    private static String uniqueUsername(String displayName, Set<String> taken) {
        int space = displayName.indexOf(' ');
        String base = ascii(displayName.substring(0, 1) + displayName.substring(space + 1));
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    private static String ascii(String s) {
        String folded = s.replace("Ł", "L").replace("ł", "l").replace("ı", "i");
        folded = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
