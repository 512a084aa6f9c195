package dev.opsdesk.sandbox.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 password hashing with a per-user random salt (JDK only). */
public final class Passwords {

    /**
     * Iterations for new hashes. Chosen so that a sign-in stays near 50 ms on a slow build machine (JDK 17's
     * PBKDF2 without SHA CPU extensions manages about 1.5 µs per iteration); the count is stored per user, so it
     * can be raised without invalidating existing hashes.
     */
    public static final int DEFAULT_ITERATIONS = 25_000;

    /**
     * Hashes of the default demo password that the build made (each with its own random salt, at
     * {@link #DEFAULT_ITERATIONS}): one line "hash salt iterations" per demo user.
     */
    public static final String PREPARED_RESOURCE = "dev/opsdesk/sandbox/auth/prepared-demo-hashes.txt";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random;

    public Passwords(SecureRandom random) {
        this.random = random;
    }

    /** A stored password: hex hash, hex salt and the iteration count used. */
    public record Hash(String hash, String salt, int iterations) {
    }

    public Hash hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Hash(HEX.formatHex(derive(password, salt, DEFAULT_ITERATIONS)), HEX.formatHex(salt),
                DEFAULT_ITERATIONS);
    }

    /**
     * A credential no password matches (random bytes as the "hash"), for accounts that cannot sign in. It costs
     * nothing to make, and checking a password against it takes as long as against a real one.
     */
    public Hash unusable() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BITS / 8];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return new Hash(HEX.formatHex(hash), HEX.formatHex(salt), DEFAULT_ITERATIONS);
    }

    /**
     * {@code count} hashes of {@code password}, each with its own salt: taken from {@code prepared} while it has
     * some (hashes of this same password made earlier, e.g. by the build), the others made now, in parallel.
     */
    public List<Hash> hashes(String password, int count, List<Hash> prepared) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> i < prepared.size() ? prepared.get(i) : hash(password))
                .toList();
    }

    /**
     * The hashes of the default demo password the build prepared ({@link #PREPARED_RESOURCE}), only for that
     * password; none when run from classes the build did not prepare.
     */
    public static List<Hash> prepared() {
        try (InputStream in = Passwords.class.getClassLoader().getResourceAsStream(PREPARED_RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split(" "))
                    .map(f -> new Hash(f[0], f[1], Integer.parseInt(f[2])))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code count} hashes of {@code password} to {@code classes}/{@link #PREPARED_RESOURCE} (the build). */
    public static Path writePrepared(Path classes, String password, int count) throws IOException {
        Passwords passwords = new Passwords(new SecureRandom());
        StringBuilder text = new StringBuilder();
        for (Hash h : passwords.hashes(password, count, List.of())) {
            text.append(h.hash()).append(' ').append(h.salt()).append(' ').append(h.iterations()).append('\n');
        }
        Path file = classes.resolve(PREPARED_RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Whether {@code password} matches the stored hash; compares in constant time. */
    public static boolean matches(String password, Hash stored) {
        byte[] expected = HEX.parseHex(stored.hash());
        byte[] actual = derive(password, HEX.parseHex(stored.salt()), stored.iterations());
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * One derivation at {@link #DEFAULT_ITERATIONS} of a throwaway password: loads and compiles the hashing code, so
     * that the first sign-in after start does not pay for it.
     */
    public static void warmUp() {
        derive("warm-up", new byte[SALT_BYTES], DEFAULT_ITERATIONS);
    }

    static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
