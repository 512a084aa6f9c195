package dev.opsdesk.sandbox.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
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

    /** Whether {@code password} matches the stored hash; compares in constant time. */
    public static boolean matches(String password, Hash stored) {
        byte[] expected = HEX.parseHex(stored.hash());
        byte[] actual = derive(password, HEX.parseHex(stored.salt()), stored.iterations());
        return MessageDigest.isEqual(expected, actual);
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
