package dev.opsdesk.sandbox.service;

import static dev.opsdesk.sandbox.db.Tables.APP_USER;
import static dev.opsdesk.sandbox.db.Tables.AUTH_SESSION;
import static dev.opsdesk.sandbox.db.Tables.SIGN_IN_ATTEMPT;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Passwords;
import dev.opsdesk.sandbox.auth.Tokens;
import dev.opsdesk.sandbox.db.tables.records.AppUserRecord;
import dev.opsdesk.sandbox.db.tables.records.AuthSessionRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Sign-in (with throttling), bearer-token authentication, sign-out. */
public final class SessionService {

    /** Failed sign-ins for one username from one source within {@link #THROTTLE_WINDOW} after which it is locked there. */
    public static final int MAX_FAILURES = 5;
    public static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
    /** How long a sign-in from a clean source waits while its username is under attack from elsewhere. */
    public static final Duration SLOW_DOWN = Duration.ofSeconds(1);

    static final String WRONG_CREDENTIALS = "Wrong username or password.";
    static final String NO_TOKEN = "No bearer token; sign in and send 'Authorization: Bearer <token>'.";
    static final String MALFORMED_AUTHORIZATION = "The Authorization header must be 'Bearer <token>'.";
    static final String UNKNOWN_TOKEN = "The token is not valid; sign in again.";
    static final String REVOKED_TOKEN = "The session has been signed out; sign in again.";
    static final String EXPIRED_TOKEN = "The session has expired; sign in again.";

    private final DSLContext dsl;
    private final UserService users;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration tokenTtl;
    /** Checked against when the username is unknown, so that a miss costs as much as a wrong password. */
    private final Passwords.Hash decoy;

    public SessionService(DSLContext dsl, UserService users, Passwords passwords, Tokens tokens, Clock clock,
                          Duration tokenTtl) {
        this.dsl = dsl;
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.decoy = passwords.unusable();
    }

    /** A new session: the bearer token (shown once, never stored), its expiry and the user. */
    public record SignedIn(String token, Instant expiresAt, Principal principal) {
    }

    /**
     * Signs in {@code username} coming from {@code source} (the client's address). Failures are counted per username
     * and source together: {@link #MAX_FAILURES} within {@link #THROTTLE_WINDOW} lock that username for that source
     * only ({@code 429}), so nobody can lock anyone out by guessing from elsewhere. While a username is under attack
     * from other sources, an attempt from a clean source is slowed down ({@link #SLOW_DOWN}) instead of refused. Of
     * the failures, the audit trail records the first per username and source in the window and the one that locks
     * it, not every guess.
     */
    public SignedIn signIn(String username, String password, String source) {
        String key = username.toLowerCase(Locale.ROOT);
        String from = source == null ? "" : source.length() > 64 ? source.substring(0, 64) : source;
        Instant now = now();
        int fromHere = checkNotLocked(key, from, now);
        if (fromHere == 0 && failuresElsewhere(key, from, now) >= MAX_FAILURES) {
            pause(SLOW_DOWN);
        }

        AppUserRecord user = dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(key)).fetchOne();
        Passwords.Hash stored = user == null
                ? decoy
                : new Passwords.Hash(user.getPasswordHash(), user.getPasswordSalt(), user.getPasswordIterations());
        boolean ok = Passwords.matches(password, stored) && user != null;
        if (!ok) {
            dsl.transaction(tx -> {
                recordAttempt(tx.dsl(), key, from, now, false);
                if (fromHere == 0 || fromHere + 1 == MAX_FAILURES) {
                    AuditLog.append(tx.dsl(), AuditEntry.byUser(now, key, "session.sign_in_failed", "user", key)
                            .with("reason", user == null ? "unknown username" : "wrong password")
                            .with("source", from)
                            .with("failures", (long) fromHere + 1)
                            .with("locked", fromHere + 1 == MAX_FAILURES));
                }
            });
            throw new ApiException(ProblemType.UNAUTHENTICATED, WRONG_CREDENTIALS);
        }

        String token = tokens.newToken();
        String tokenHash = Tokens.sha256Hex(token);
        Instant expiresAt = now.plus(tokenTtl).truncatedTo(ChronoUnit.SECONDS);
        dsl.transaction(tx -> {
            recordAttempt(tx.dsl(), key, from, now, true);
            tx.dsl().insertInto(AUTH_SESSION)
                    .set(AUTH_SESSION.TOKEN_HASH, tokenHash)
                    .set(AUTH_SESSION.USER_ID, user.getId())
                    .set(AUTH_SESSION.CREATED_AT, utc(now))
                    .set(AUTH_SESSION.EXPIRES_AT, utc(expiresAt))
                    .execute();
            AuditLog.append(tx.dsl(), AuditEntry.byUser(now, key, "session.signed_in", "user", key)
                    .with("expiresAt", expiresAt));
        });
        UserView view = users.views(List.of(user)).get(0);
        return new SignedIn(token, expiresAt, Principal.of(view, tokenHash));
    }

    /** As {@link #signIn(String, String, String)} from an unnamed source (tools, tests). */
    public SignedIn signIn(String username, String password) {
        return signIn(username, password, "");
    }

    /**
     * Locked when the last {@link #MAX_FAILURES} attempts of this username from this source within the window (since
     * its last success there) all failed; then it may retry when the oldest of them leaves the window. Otherwise
     * returns how many failed so far.
     */
    private int checkNotLocked(String key, String source, Instant now) {
        OffsetDateTime windowStart = utc(now.minus(THROTTLE_WINDOW));
        OffsetDateTime lastSuccess = dsl.select(DSL.max(SIGN_IN_ATTEMPT.ATTEMPTED_AT))
                .from(SIGN_IN_ATTEMPT)
                .where(SIGN_IN_ATTEMPT.USERNAME.eq(key))
                .and(SIGN_IN_ATTEMPT.SOURCE.eq(source))
                .and(SIGN_IN_ATTEMPT.SUCCESS.isTrue())
                .and(SIGN_IN_ATTEMPT.ATTEMPTED_AT.gt(windowStart))
                .fetchOne(0, OffsetDateTime.class);
        OffsetDateTime since = lastSuccess != null && lastSuccess.isAfter(windowStart) ? lastSuccess : windowStart;
        List<OffsetDateTime> failures = dsl.select(SIGN_IN_ATTEMPT.ATTEMPTED_AT)
                .from(SIGN_IN_ATTEMPT)
                .where(SIGN_IN_ATTEMPT.USERNAME.eq(key))
                .and(SIGN_IN_ATTEMPT.SOURCE.eq(source))
                .and(SIGN_IN_ATTEMPT.SUCCESS.isFalse())
                .and(SIGN_IN_ATTEMPT.ATTEMPTED_AT.gt(since))
                .orderBy(SIGN_IN_ATTEMPT.ATTEMPTED_AT.desc())
                .limit(MAX_FAILURES)
                .fetch(SIGN_IN_ATTEMPT.ATTEMPTED_AT);
        if (failures.size() < MAX_FAILURES) {
            return failures.size();
        }
        Instant unlockAt = failures.get(MAX_FAILURES - 1).toInstant().plus(THROTTLE_WINDOW);
        long seconds = Math.max(1, (Duration.between(now, unlockAt).toMillis() + 999) / 1000);
        throw new ApiException(ProblemType.RATE_LIMITED,
                "Too many failed sign-ins for this username from here; try again in " + describe(seconds) + ".",
                List.of(), seconds);
    }

    /** Failed sign-ins of this username from other sources within the window. */
    private int failuresElsewhere(String key, String source, Instant now) {
        return dsl.fetchCount(SIGN_IN_ATTEMPT, SIGN_IN_ATTEMPT.USERNAME.eq(key)
                .and(SIGN_IN_ATTEMPT.SOURCE.ne(source))
                .and(SIGN_IN_ATTEMPT.SUCCESS.isFalse())
                .and(SIGN_IN_ATTEMPT.ATTEMPTED_AT.gt(utc(now.minus(THROTTLE_WINDOW)))));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void recordAttempt(DSLContext tx, String key, String source, Instant now, boolean success) {
        // Attempts older than the window no longer matter; dropping them keeps the table small.
        tx.deleteFrom(SIGN_IN_ATTEMPT)
                .where(SIGN_IN_ATTEMPT.USERNAME.eq(key))
                .and(SIGN_IN_ATTEMPT.ATTEMPTED_AT.lt(utc(now.minus(THROTTLE_WINDOW))))
                .execute();
        tx.insertInto(SIGN_IN_ATTEMPT, SIGN_IN_ATTEMPT.USERNAME, SIGN_IN_ATTEMPT.SOURCE, SIGN_IN_ATTEMPT.ATTEMPTED_AT,
                        SIGN_IN_ATTEMPT.SUCCESS)
                .values(key, source, utc(now), success)
                .execute();
    }

    /** The caller behind an {@code Authorization} header value (null when absent). */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, NO_TOKEN);
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, MALFORMED_AUTHORIZATION);
        }
        String tokenHash = Tokens.sha256Hex(parts[1].trim());
        AuthSessionRecord session = dsl.selectFrom(AUTH_SESSION)
                .where(AUTH_SESSION.TOKEN_HASH.eq(tokenHash))
                .fetchOne();
        if (session == null) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, UNKNOWN_TOKEN);
        }
        if (session.getRevokedAt() != null) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, REVOKED_TOKEN);
        }
        if (!now().isBefore(session.getExpiresAt().toInstant())) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, EXPIRED_TOKEN);
        }
        UserView user = users.findById(session.getUserId())
                .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, UNKNOWN_TOKEN));
        return Principal.of(user, tokenHash);
    }

    /**
     * Whether the session of {@code tokenHash} is still good (not signed out, revoked or expired): what a long-lived
     * request, such as an event stream, checks again while it runs.
     */
    public boolean isActive(String tokenHash) {
        AuthSessionRecord session = dsl.selectFrom(AUTH_SESSION)
                .where(AUTH_SESSION.TOKEN_HASH.eq(tokenHash))
                .fetchOne();
        return session != null && session.getRevokedAt() == null
                && now().isBefore(session.getExpiresAt().toInstant());
    }

    /** Revokes the caller's own session. */
    public void signOut(Principal principal) {
        Instant now = now();
        dsl.transaction(tx -> {
            int revoked = tx.dsl().update(AUTH_SESSION)
                    .set(AUTH_SESSION.REVOKED_AT, utc(now))
                    .where(AUTH_SESSION.TOKEN_HASH.eq(principal.sessionTokenHash()))
                    .and(AUTH_SESSION.REVOKED_AT.isNull())
                    .execute();
            if (revoked > 0) {
                String username = principal.user().username();
                AuditLog.append(tx.dsl(), AuditEntry.byUser(now, username, "session.signed_out", "user", username));
            }
        });
    }

    /** What the administration sees of one account's sign-ins and sessions. */
    public record AccountState(Instant lastSignInAt, boolean locked, Instant lockedUntil, int failedSignIns,
                               int openSessions) {
    }

    /**
     * The account's state now: its last sign-in (its newest session), whether it is locked from some source (as
     * {@link #signIn} decides: {@link #MAX_FAILURES} failures there since the last success, within the window) and
     * until when, its failed sign-ins within the window, and its sessions neither signed out, revoked nor expired.
     */
    public AccountState accountState(UserView user) {
        Instant now = now();
        String key = user.username();
        OffsetDateTime windowStart = utc(now.minus(THROTTLE_WINDOW));
        OffsetDateTime lastSignIn = dsl.select(DSL.max(AUTH_SESSION.CREATED_AT)).from(AUTH_SESSION)
                .where(AUTH_SESSION.USER_ID.eq(user.id())).fetchOne(0, OffsetDateTime.class);
        int open = dsl.fetchCount(AUTH_SESSION, AUTH_SESSION.USER_ID.eq(user.id())
                .and(AUTH_SESSION.REVOKED_AT.isNull()).and(AUTH_SESSION.EXPIRES_AT.gt(utc(now))));
        var attempts = dsl.select(SIGN_IN_ATTEMPT.SOURCE, SIGN_IN_ATTEMPT.ATTEMPTED_AT, SIGN_IN_ATTEMPT.SUCCESS)
                .from(SIGN_IN_ATTEMPT)
                .where(SIGN_IN_ATTEMPT.USERNAME.eq(key)).and(SIGN_IN_ATTEMPT.ATTEMPTED_AT.gt(windowStart))
                .orderBy(SIGN_IN_ATTEMPT.ATTEMPTED_AT.desc())
                .fetch();
        int failed = 0;
        Instant lockedUntil = null;
        java.util.Map<String, List<Instant>> failuresSinceSuccess = new java.util.HashMap<>();
        java.util.Set<String> succeeded = new java.util.HashSet<>();
        for (var a : attempts) {
            String source = a.value1();
            if (Boolean.TRUE.equals(a.value3())) {
                succeeded.add(source);
                continue;
            }
            failed++;
            if (!succeeded.contains(source)) {
                failuresSinceSuccess.computeIfAbsent(source, s -> new java.util.ArrayList<>()).add(a.value2().toInstant());
            }
        }
        for (List<Instant> failures : failuresSinceSuccess.values()) {
            if (failures.size() >= MAX_FAILURES) {
                Instant until = failures.get(MAX_FAILURES - 1).plus(THROTTLE_WINDOW);
                if (until.isAfter(now) && (lockedUntil == null || until.isAfter(lockedUntil))) {
                    lockedUntil = until;
                }
            }
        }
        return new AccountState(lastSignIn == null ? null : lastSignIn.toInstant(), lockedUntil != null,
                lockedUntil, failed, open);
    }

    /**
     * Unlocks an account: forgets its failed sign-ins from every source, so that it may sign in again at once.
     * Returns whether it was locked; records {@code user.unlocked} by {@code actor} either way (the failures are
     * forgotten even when they had not yet locked it).
     */
    public boolean unlock(UserView user, String actor) {
        Instant now = now();
        AccountState before = accountState(user);
        dsl.transaction(tx -> {
            int forgotten = tx.dsl().deleteFrom(SIGN_IN_ATTEMPT)
                    .where(SIGN_IN_ATTEMPT.USERNAME.eq(user.username()))
                    .and(SIGN_IN_ATTEMPT.SUCCESS.isFalse())
                    .execute();
            AuditLog.append(tx.dsl(), AuditEntry.byUser(now, actor, "user.unlocked", "user", user.username())
                    .with("wasLocked", before.locked())
                    .with("failedSignInsForgotten", (long) forgotten));
        });
        return before.locked();
    }

    /** Revokes every open session of {@code user}; records {@code user.sessions.revoked} by {@code actor}. */
    public int revokeSessions(UserView user, String actor) {
        Instant now = now();
        return dsl.transactionResult(tx -> {
            int revoked = tx.dsl().update(AUTH_SESSION)
                    .set(AUTH_SESSION.REVOKED_AT, utc(now))
                    .where(AUTH_SESSION.USER_ID.eq(user.id()))
                    .and(AUTH_SESSION.REVOKED_AT.isNull())
                    .and(AUTH_SESSION.EXPIRES_AT.gt(utc(now)))
                    .execute();
            AuditLog.append(tx.dsl(), AuditEntry.byUser(now, actor, "user.sessions.revoked", "user", user.username())
                    .with("sessions", (long) revoked));
            return revoked;
        });
    }

    /** Revokes every session there is. */
    public int revokeAll() {
        Instant now = now();
        return dsl.transactionResult(tx -> {
            int revoked = tx.dsl().update(AUTH_SESSION)
                    .set(AUTH_SESSION.REVOKED_AT, utc(now))
                    .where(AUTH_SESSION.REVOKED_AT.isNull())
                    .execute();
            if (revoked > 0) {
                AuditLog.append(tx.dsl(), AuditEntry.bySystem(now, "sandbox", "session.revoked_all", "session", "*")
                        .with("sessions", (long) revoked));
            }
            return revoked;
        });
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String describe(long seconds) {
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
