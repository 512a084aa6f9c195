package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION;
import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.RECON_FILE_PIECE;
import static dev.opsdesk.sandbox.db.Tables.RECON_LAYOUT;
import static dev.opsdesk.sandbox.db.Tables.RECON_LINE;
import static dev.opsdesk.sandbox.db.Tables.RECON_MATCH;
import static dev.opsdesk.sandbox.db.Tables.RECON_RUN;
import static dev.opsdesk.sandbox.reconciliation.ReconRuns.utc;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.db.tables.records.PaymentRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconExceptionRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The changes to settlement runs: create, upload (lines by position, the file by offset), match, resolve and reopen
 * exceptions, the four-eyes transitions, shared layouts. Each is one transaction that locks the run's row first and
 * appends its audit event last; live events follow from the committed audit events ({@link ReconEvents}).
 */
public final class ReconService {

    public static final String ENTITY = "recon_run";

    private final DSLContext dsl;
    private final Clock clock;
    private final Matcher matcher;
    /** Told (sku, warehouse) of each pair an approved stock count adjusted, once the approval committed. */
    private volatile java.util.function.BiConsumer<String, String> stockAdjusted = (sku, warehouse) -> { };

    public ReconService(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.matcher = new Matcher(dsl);
    }

    /** The stock that approving a stock count writes to (given by the composition root). */
    private volatile StockCountRuns.Stock stock;

    public void stock(StockCountRuns.Stock stock) {
        this.stock = Objects.requireNonNull(stock, "stock");
    }

    /** Who publishes a pair that approving a stock count adjusted (the inventory's live {@code stock.changed}). */
    public void onStockAdjusted(java.util.function.BiConsumer<String, String> listener) {
        this.stockAdjusted = Objects.requireNonNull(listener, "listener");
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public DSLContext dsl() {
        return dsl;
    }

    // --- runs ---

    public ReconViews.Run create(Scopes actor, NewRun n) {
        Instant now = now();
        String id = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            if (!n.allowDuplicateFile()) {
                String holder = tx.select(RECON_RUN.ID).from(RECON_RUN).where(RECON_RUN.FILE_SHA256.eq(n.fileSha256()))
                        .orderBy(RECON_RUN.ID).limit(1).fetchOne(RECON_RUN.ID);
                if (holder != null) {
                    throw new ApiException(ProblemType.DUPLICATE_FILE, "This file (SHA-256 " + n.fileSha256()
                            .substring(0, 12) + "…) is already imported in run " + holder + ". Open that run, or"
                            + " import it again on purpose with allowDuplicateFile.").with("runId", holder);
                }
            }
            String runId = String.format("R-%06d", tx.nextval(Sequences.RECON_RUN_ID_SEQ));
            tx.insertInto(RECON_RUN)
                    .set(RECON_RUN.ID, runId)
                    .set(RECON_RUN.KIND, "PAYMENT_SETTLEMENT")
                    .set(RECON_RUN.PROVIDER, n.provider().name())
                    .set(RECON_RUN.PERIOD_FROM, n.periodFrom())
                    .set(RECON_RUN.PERIOD_TO, n.periodTo())
                    .set(RECON_RUN.STATE, "DRAFT")
                    .set(RECON_RUN.PREPARER, actor.username())
                    .set(RECON_RUN.CREATED_AT, utc(now))
                    .set(RECON_RUN.UPDATED_AT, utc(now))
                    .set(RECON_RUN.LAYOUT, n.layout())
                    .set(RECON_RUN.FILE_NAME, n.fileName())
                    .set(RECON_RUN.FILE_SHA256, n.fileSha256())
                    .set(RECON_RUN.FILE_SIZE, n.fileSize())
                    .set(RECON_RUN.FILE_RECEIVED, 0L)
                    .set(RECON_RUN.FILE_COMPLETE, false)
                    .set(RECON_RUN.LINE_COUNT, n.lineCount())
                    .set(RECON_RUN.UPLOADED_LINES, 0)
                    .set(RECON_RUN.LINES_AUDITED, n.lineCount() == 0)
                    .set(RECON_RUN.AMOUNT_TOLERANCE_MINOR, n.amountToleranceMinor())
                    .set(RECON_RUN.DATE_WINDOW_DAYS, n.dateWindowDays())
                    .set(RECON_RUN.MATCH_GENERATION, 0)
                    .set(RECON_RUN.VERSION, 1)
                    .execute();
            ReconRuns.transition(tx, runId, now, actor.username(), "CREATE", null, "DRAFT", null);
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "recon.created", ENTITY, runId)
                    .with("provider", n.provider().name()).with("periodFrom", n.periodFrom().toString())
                    .with("periodTo", n.periodTo().toString()).with("file", AuditEntry.values("name", n.fileName(),
                            "sha256", n.fileSha256(), "size", n.fileSize()))
                    .with("lineCount", (long) n.lineCount()).with("duplicateAllowed", n.allowDuplicateFile()));
            return runId;
        });
        return ReconRuns.view(dsl, ReconRuns.readable(dsl, actor, id), actor);
    }

    public ReconViews.Run get(Scopes reader, String id) {
        return ReconRuns.view(dsl, ReconRuns.readable(dsl, reader, id), reader);
    }

    /** 404/403 before anything about a request's body. */
    public void checkReadable(Scopes reader, String id) {
        ReconRuns.readable(dsl, reader, id);
    }

    /** The refusal of a preparer's change in the run's state, as the problem the contract names. */
    static void requirePreparer(ReconRunRecord run, Scopes actor, String action) {
        RunActions.Refusal r = RunActions.refusal(action, ReconRuns.facts(run), actor);
        if (r == null) {
            return;
        }
        throw switch (r.kind()) {
            case FORBIDDEN, FOUR_EYES -> new ApiException(ProblemType.FORBIDDEN, r.reason());
            case LOCKED -> new ApiException(ProblemType.RUN_LOCKED, r.reason());
            case INCOMPLETE -> new ApiException(ProblemType.UPLOAD_INCOMPLETE, r.reason());
            case OPEN_EXCEPTIONS -> new ApiException(ProblemType.OPEN_EXCEPTIONS, r.reason())
                    .with("openExceptions", ReconRuns.facts(run).openExceptions());
            case STATE -> new ApiException(ProblemType.INVALID_TRANSITION, r.reason());
        };
    }

    /** Uploads are the preparer's, in DRAFT only. */
    private static void requireDraft(ReconRunRecord run, Scopes actor) {
        if (!actor.may(Permission.RECON_PREPARE, ReconRuns.facts(run).target())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role cannot prepare reconciliations.");
        }
        if (!actor.username().equals(run.getPreparer())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only " + run.getPreparer()
                    + ", who prepared this run, can upload to it.");
        }
        if ("APPROVED".equals(run.getState())) {
            throw new ApiException(ProblemType.RUN_LOCKED, "The run is approved and locked; an approver can reopen"
                    + " it.");
        }
        if (!"DRAFT".equals(run.getState())) {
            throw new ApiException(ProblemType.CONFLICT, "The run is " + RunActions.words(run.getState())
                    + "; its lines and file were complete when it was matched and cannot change now.");
        }
    }

    public ReconViews.UploadProgress uploadLines(Scopes actor, String runId, int firstIndex,
                                                 List<ReconViews.SettlementLine> lines) {
        Instant now = now();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
            requireDraft(run, actor);
            int uploaded = run.getUploadedLines();
            if (firstIndex > uploaded) {
                throw new ApiException(ProblemType.UPLOAD_GAP, "Lines up to index " + (uploaded - 1)
                        + " are stored; this batch starts at " + firstIndex + ". Resume from index " + uploaded + ".")
                        .with("expectedIndex", uploaded);
            }
            if ((long) firstIndex + lines.size() > run.getLineCount()) {
                throw ApiException.validation("lines", "The run declared " + run.getLineCount()
                        + " lines; this batch would end at line " + (firstIndex + lines.size()) + ".");
            }
            int overlap = Math.min(uploaded, firstIndex + lines.size()) - firstIndex;
            if (overlap > 0) {
                List<ReconViews.SettlementLine> stored = tx.selectFrom(RECON_LINE).where(RECON_LINE.RUN_ID.eq(runId))
                        .and(RECON_LINE.IDX.between(firstIndex, firstIndex + overlap - 1)).orderBy(RECON_LINE.IDX)
                        .fetch(ReconQueries::line);
                for (int i = 0; i < overlap; i++) {
                    if (!stored.get(i).equals(lines.get(i))) {
                        throw new ApiException(ProblemType.CONFLICT, "Line " + (firstIndex + i)
                                + " is stored already with other content; nothing of this batch was stored.");
                    }
                }
            }
            List<ReconViews.SettlementLine> fresh = lines.subList(overlap, lines.size());
            if (!fresh.isEmpty()) {
                insertLines(tx, runId, firstIndex + overlap, fresh);
                run.setUploadedLines(firstIndex + lines.size());
                tx.update(RECON_RUN).set(RECON_RUN.UPLOADED_LINES, run.getUploadedLines())
                        .set(RECON_RUN.UPDATED_AT, utc(now)).where(RECON_RUN.ID.eq(runId)).execute();
            }
            if (run.getUploadedLines() >= run.getLineCount() && !run.getLinesAudited()) {
                tx.update(RECON_RUN).set(RECON_RUN.LINES_AUDITED, true).where(RECON_RUN.ID.eq(runId)).execute();
                AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "recon.lines.uploaded", ENTITY, runId)
                        .with("lineCount", (long) run.getLineCount()));
            }
        });
        return progress(runId);
    }

    /** Inserts lines in JDBC batches (the benchmark and the seed load through here too). */
    public static void insertLines(DSLContext tx, String runId, int firstIndex,
                                   List<ReconViews.SettlementLine> lines) {
        Batches.insert(tx, "INSERT INTO recon_line (run_id, idx, line_number, kind, provider_reference,"
                + " merchant_reference, batch_reference, currency, gross, fee, net, booked_at, description, raw)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines.size(), (i, ps) -> {
                    ReconViews.SettlementLine l = lines.get(i);
                    ps.setString(1, runId);
                    ps.setInt(2, firstIndex + i);
                    ps.setInt(3, l.lineNumber());
                    ps.setString(4, l.kind());
                    ps.setString(5, l.providerReference());
                    ps.setString(6, l.merchantReference());
                    ps.setString(7, l.batchReference());
                    ps.setString(8, l.currency());
                    ps.setLong(9, l.gross());
                    ps.setLong(10, l.fee());
                    ps.setLong(11, l.net());
                    ps.setObject(12, utc(l.bookedAt()));
                    ps.setString(13, l.description());
                    ps.setString(14, l.raw());
                });
    }

    public ReconViews.UploadProgress progress(String runId) {
        ReconRunRecord r = dsl.selectFrom(RECON_RUN).where(RECON_RUN.ID.eq(runId)).fetchSingle();
        return new ReconViews.UploadProgress(r.getLineCount(), r.getUploadedLines(), r.getFileSize(),
                r.getFileReceived(), ReconRuns.complete(r));
    }

    public static final int MAX_PIECE = 4 * 1024 * 1024;

    public ReconViews.UploadProgress uploadFile(Scopes actor, String runId, long offset, byte[] piece) {
        Instant now = now();
        boolean mismatch = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
            requireDraft(run, actor);
            long received = run.getFileReceived();
            if (offset > received) {
                throw new ApiException(ProblemType.UPLOAD_GAP, received + " bytes are stored; this piece starts at "
                        + offset + ". Resume from offset " + received + ".").with("expectedOffset", received);
            }
            if (offset + piece.length > run.getFileSize()) {
                throw ApiException.validation("offset", "The run declared a file of " + run.getFileSize()
                        + " bytes; this piece would end at byte " + (offset + piece.length) + ".");
            }
            int overlap = (int) Math.min(piece.length, received - offset);
            if (overlap > 0 && !java.util.Arrays.equals(read(tx, runId, offset, overlap), 0, overlap, piece, 0,
                    overlap)) {
                throw new ApiException(ProblemType.CONFLICT, "Other bytes are stored at offset " + offset
                        + "; nothing of this piece was written.");
            }
            if (overlap == piece.length) {
                return false;
            }
            byte[] rest = java.util.Arrays.copyOfRange(piece, overlap, piece.length);
            tx.insertInto(RECON_FILE_PIECE).set(RECON_FILE_PIECE.RUN_ID, runId)
                    .set(RECON_FILE_PIECE.START_AT, received).set(RECON_FILE_PIECE.LENGTH, rest.length)
                    .set(RECON_FILE_PIECE.CONTENT, rest).execute();
            long now2 = received + rest.length;
            if (now2 < run.getFileSize()) {
                tx.update(RECON_RUN).set(RECON_RUN.FILE_RECEIVED, now2).set(RECON_RUN.UPDATED_AT, utc(now))
                        .where(RECON_RUN.ID.eq(runId)).execute();
                return false;
            }
            String sha = sha256(tx, runId);
            if (!sha.equals(run.getFileSha256())) {
                tx.deleteFrom(RECON_FILE_PIECE).where(RECON_FILE_PIECE.RUN_ID.eq(runId)).execute();
                tx.update(RECON_RUN).set(RECON_RUN.FILE_RECEIVED, 0L).set(RECON_RUN.UPDATED_AT, utc(now))
                        .where(RECON_RUN.ID.eq(runId)).execute();
                return true;
            }
            tx.update(RECON_RUN).set(RECON_RUN.FILE_RECEIVED, now2).set(RECON_RUN.FILE_COMPLETE, true)
                    .set(RECON_RUN.UPDATED_AT, utc(now)).where(RECON_RUN.ID.eq(runId)).execute();
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "recon.file.received", ENTITY, runId)
                    .with("file", AuditEntry.values("name", run.getFileName(), "sha256", sha, "size",
                            run.getFileSize())));
            return false;
        });
        if (mismatch) {
            throw new ApiException(ProblemType.FILE_HASH_MISMATCH, "The whole file's SHA-256 is not the one the run"
                    + " declared; the file was discarded. Upload it again from offset 0.");
        }
        return progress(runId);
    }

    /** {@code length} bytes of the stored file from {@code offset}. */
    private static byte[] read(DSLContext tx, String runId, long offset, int length) {
        byte[] out = new byte[length];
        tx.selectFrom(RECON_FILE_PIECE).where(RECON_FILE_PIECE.RUN_ID.eq(runId))
                .and(RECON_FILE_PIECE.START_AT.lt(offset + length))
                .and(RECON_FILE_PIECE.START_AT.plus(RECON_FILE_PIECE.LENGTH).gt(offset))
                .orderBy(RECON_FILE_PIECE.START_AT).forEach(p -> {
                    long start = p.getStartAt();
                    byte[] content = p.getContent();
                    long from = Math.max(start, offset);
                    long to = Math.min(start + content.length, offset + length);
                    System.arraycopy(content, (int) (from - start), out, (int) (from - offset), (int) (to - from));
                });
        return out;
    }

    private static String sha256(DSLContext tx, String runId) {
        MessageDigest digest = sha256();
        tx.select(RECON_FILE_PIECE.CONTENT).from(RECON_FILE_PIECE).where(RECON_FILE_PIECE.RUN_ID.eq(runId))
                .orderBy(RECON_FILE_PIECE.START_AT).forEach(r -> digest.update(r.value1()));
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The original file: its name and bytes (only once it is complete). */
    public record StoredFile(String name, byte[] content) {
    }

    public StoredFile file(Scopes reader, String runId) {
        ReconRunRecord run = ReconRuns.readable(dsl, reader, runId);
        if (!Boolean.TRUE.equals(run.getFileComplete())) {
            throw new ApiException(ProblemType.NOT_FOUND, "Run " + runId + " has not received its whole file yet ("
                    + run.getFileReceived() + " of " + run.getFileSize() + " bytes).");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(run.getFileSize(),
                Integer.MAX_VALUE - 8));
        dsl.select(RECON_FILE_PIECE.CONTENT).from(RECON_FILE_PIECE).where(RECON_FILE_PIECE.RUN_ID.eq(runId))
                .orderBy(RECON_FILE_PIECE.START_AT).forEach(r -> out.writeBytes(r.value1()));
        return new StoredFile(run.getFileName(), out.toByteArray());
    }

    // --- matching ---

    public ReconViews.Run match(Scopes actor, String runId, Long tolerance, Integer window) {
        Instant now = now();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
            requirePreparer(run, actor, "MATCH");
            if (StockCountRuns.KIND.equals(run.getKind())) {
                throw new ApiException(ProblemType.INVALID_TRANSITION, RunActions.STOCK_COUNT_MATCH);
            }
            if (tolerance != null) {
                run.setAmountToleranceMinor(tolerance);
            }
            if (window != null) {
                run.setDateWindowDays(window);
            }
            Matcher.Outcome outcome = matcher.run(tx, run, now, actor.username());
            String from = run.getState();
            tx.update(RECON_RUN).set(RECON_RUN.STATE, "IN_REVIEW")
                    .set(RECON_RUN.AMOUNT_TOLERANCE_MINOR, run.getAmountToleranceMinor())
                    .set(RECON_RUN.DATE_WINDOW_DAYS, run.getDateWindowDays())
                    .set(RECON_RUN.MATCHED_AT, utc(now)).set(RECON_RUN.UPDATED_AT, utc(now))
                    .set(RECON_RUN.VERSION, run.getVersion() + 1)
                    .where(RECON_RUN.ID.eq(runId)).execute();
            ReconRuns.transition(tx, runId, now, actor.username(), "MATCH", from, "IN_REVIEW", null);
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "recon.matched", ENTITY, runId)
                    .with("matchedLines", outcome.matched()).with("exceptions", outcome.exceptions())
                    .with("kept", outcome.kept()).with("superseded", outcome.superseded())
                    .with("amountToleranceMinor", run.getAmountToleranceMinor())
                    .with("dateWindowDays", (long) run.getDateWindowDays())
                    .change(AuditEntry.values("state", from), AuditEntry.values("state", "IN_REVIEW")));
        });
        return get(actor, runId);
    }

    // --- exceptions ---

    public ReconViews.ExceptionDetail resolve(Scopes actor, String runId, String exceptionId, String code, String note,
                                              String paymentReference, int version) {
        Instant now = now();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
            ReconExceptionRecord x = lockException(tx, runId, exceptionId);
            requirePreparer(run, actor, "MATCH");
            requireInReview(run);
            resolveOne(tx, run, x, actor.username(), code, note, paymentReference, version, now);
        });
        return ReconQueries.exception(dsl, actor, runId, exceptionId);
    }

    private static void requireInReview(ReconRunRecord run) {
        if (!"IN_REVIEW".equals(run.getState())) {
            throw new ApiException(ProblemType.INVALID_TRANSITION, "The run is " + RunActions.words(run.getState())
                    + "; exceptions can be worked on only while it is in review.");
        }
    }

    private static ReconExceptionRecord lockException(DSLContext tx, String runId, String exceptionId) {
        ReconExceptionRecord x = tx.selectFrom(RECON_EXCEPTION).where(RECON_EXCEPTION.ID.eq(exceptionId))
                .and(RECON_EXCEPTION.RUN_ID.eq(runId)).forUpdate().fetchOne();
        if (x == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "Run " + runId + " has no exception " + exceptionId + ".");
        }
        return x;
    }

    private void resolveOne(DSLContext tx, ReconRunRecord run, ReconExceptionRecord x, String actor, String code,
                            String note, String paymentReference, Integer version, Instant now) {
        StockCountRuns.checkCode(run, x, code);
        if (!"OPEN".equals(x.getStatus())) {
            throw new ApiException(ProblemType.CONFLICT, "Exception " + x.getId() + " is "
                    + x.getStatus().toLowerCase(java.util.Locale.ROOT) + ", not open.");
        }
        if (version != null && x.getVersion() != version.intValue()) {
            throw new ApiException(ProblemType.CONFLICT, "Exception " + x.getId() + " changed since you looked at it"
                    + " (version " + x.getVersion() + ", you saw " + version + "); look again and decide.");
        }
        String matchId = null;
        if ("MANUAL_MATCH".equals(code)) {
            matchId = manualMatch(tx, run, x, actor, note, paymentReference, now);
        }
        tx.update(RECON_EXCEPTION).set(RECON_EXCEPTION.STATUS, "RESOLVED")
                .set(RECON_EXCEPTION.RESOLUTION_CODE, code).set(RECON_EXCEPTION.RESOLUTION_NOTE, note)
                .set(RECON_EXCEPTION.RESOLVED_BY, actor).set(RECON_EXCEPTION.RESOLVED_AT, utc(now))
                .set(RECON_EXCEPTION.RESOLUTION_PAYMENT, "MANUAL_MATCH".equals(code) ? paymentReference : null)
                .set(RECON_EXCEPTION.RESOLUTION_MATCH_ID, matchId)
                .set(RECON_EXCEPTION.VERSION, x.getVersion() + 1)
                .where(RECON_EXCEPTION.ID.eq(x.getId())).execute();
        history(tx, x.getId(), now, actor, "RESOLVED", code, note);
        ReconRuns.refreshExceptionCounts(tx, run);
        if (matchId != null) {
            Matcher.refreshMatched(tx, run);
        }
        tx.update(RECON_RUN).set(RECON_RUN.UPDATED_AT, utc(now)).where(RECON_RUN.ID.eq(run.getId())).execute();
        AuditLog.append(tx, AuditEntry.byUser(now, actor, "recon.exception.resolved", ENTITY, run.getId())
                .correlation(x.getId()).with("exceptionId", x.getId()).with("category", x.getCategory())
                .with("code", code).with("note", note).with("paymentReference", paymentReference)
                .change(AuditEntry.values("status", "OPEN"), AuditEntry.values("status", "RESOLVED")));
    }

    private static String manualMatch(DSLContext tx, ReconRunRecord run, ReconExceptionRecord x, String actor,
                                      String note, String paymentReference, Instant now) {
        if (x.getLineIndexes().isEmpty()) {
            throw ApiException.unprocessable("code", "A manual match pairs a settlement line with a payment; this"
                    + " exception has no line (the payment is missing from the report).");
        }
        PaymentRecord p = tx.selectFrom(PAYMENT).where(PAYMENT.REFERENCE.eq(paymentReference)).fetchOne();
        String provider = Provider.parse(run.getProvider()).orElse(Provider.OTHER).dbName();
        if (p == null || !p.getProvider().equals(provider)) {
            throw ApiException.unprocessable("paymentReference", "There is no " + run.getProvider()
                    + " payment " + paymentReference + ".");
        }
        if (tx.fetchExists(RECON_MATCH, RECON_MATCH.RUN_ID.eq(run.getId()).and(RECON_MATCH.ACTIVE.isTrue())
                .and(RECON_MATCH.PAYMENT_REFERENCE.eq(paymentReference)))) {
            throw new ApiException(ProblemType.CONFLICT, "Payment " + paymentReference + " is already matched to"
                    + " another line of this run.");
        }
        int idx = Integer.parseInt(x.getLineIndexes().split(",")[0]);
        int generation = run.getMatchGeneration();
        String id = "M" + generation + "-" + idx + "-" + x.getId();
        tx.insertInto(RECON_MATCH)
                .set(RECON_MATCH.RUN_ID, run.getId()).set(RECON_MATCH.ID, id).set(RECON_MATCH.IDX, idx)
                .set(RECON_MATCH.RULE, MatchingEngine.MANUAL)
                .set(RECON_MATCH.WHY, "paired by " + actor + ": " + note)
                .set(RECON_MATCH.PAYMENT_REFERENCE, p.getReference()).set(RECON_MATCH.ORDER_NUMBER, p.getOrderNumber())
                .set(RECON_MATCH.PAYMENT_AMOUNT, p.getAmountMinor()).set(RECON_MATCH.CAPTURED_AT, p.getCapturedAt())
                .set(RECON_MATCH.GROUP_SIZE, 1).set(RECON_MATCH.MATCHED_AT, utc(now))
                .set(RECON_MATCH.MATCHED_BY, actor).set(RECON_MATCH.NOTE, note).set(RECON_MATCH.ACTIVE, true)
                .execute();
        return id;
    }

    static void history(DSLContext tx, String exceptionId, Instant at, String actor, String action, String code,
                        String note) {
        Integer last = tx.select(DSL.max(RECON_EXCEPTION_HISTORY.SEQ)).from(RECON_EXCEPTION_HISTORY)
                .where(RECON_EXCEPTION_HISTORY.EXCEPTION_ID.eq(exceptionId)).fetchOne(0, Integer.class);
        tx.insertInto(RECON_EXCEPTION_HISTORY).set(RECON_EXCEPTION_HISTORY.EXCEPTION_ID, exceptionId)
                .set(RECON_EXCEPTION_HISTORY.SEQ, last == null ? 1 : last + 1)
                .set(RECON_EXCEPTION_HISTORY.AT, utc(at)).set(RECON_EXCEPTION_HISTORY.ACTOR, actor)
                .set(RECON_EXCEPTION_HISTORY.ACTION, action).set(RECON_EXCEPTION_HISTORY.CODE, code)
                .set(RECON_EXCEPTION_HISTORY.NOTE, note).execute();
    }

    public ReconViews.BulkResult bulkResolve(Scopes actor, String runId, List<String> ids, String code, String note) {
        ReconRunRecord first = ReconRuns.readable(dsl, actor, runId);
        requirePreparer(first, actor, "MATCH");
        requireInReview(first);
        List<String> resolved = new ArrayList<>();
        List<ReconViews.Skipped> skipped = new ArrayList<>();
        for (String id : ids) {
            try {
                dsl.transaction(c -> {
                    DSLContext tx = c.dsl();
                    ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
                    requirePreparer(run, actor, "MATCH");
                    requireInReview(run);
                    ReconExceptionRecord x = tx.selectFrom(RECON_EXCEPTION).where(RECON_EXCEPTION.ID.eq(id))
                            .and(RECON_EXCEPTION.RUN_ID.eq(runId)).forUpdate().fetchOne();
                    if (x == null) {
                        throw new ApiException(ProblemType.NOT_FOUND, "This run has no such exception.");
                    }
                    resolveOne(tx, run, x, actor.username(), code, note, null, null, now());
                });
                resolved.add(id);
            } catch (ApiException e) {
                if (e.type() == ProblemType.RUN_LOCKED || e.type() == ProblemType.FORBIDDEN) {
                    throw e;
                }
                skipped.add(new ReconViews.Skipped(id, e.detail()));
            }
        }
        return new ReconViews.BulkResult(resolved, skipped);
    }

    public ReconViews.ExceptionDetail reopenException(Scopes actor, String runId, String exceptionId, String reason) {
        Instant now = now();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
            ReconExceptionRecord x = lockException(tx, runId, exceptionId);
            requirePreparer(run, actor, "MATCH");
            requireInReview(run);
            if (!"RESOLVED".equals(x.getStatus())) {
                throw new ApiException(ProblemType.CONFLICT, "Exception " + exceptionId + " is "
                        + x.getStatus().toLowerCase(java.util.Locale.ROOT) + "; only a resolved one can be reopened.");
            }
            if (x.getResolutionMatchId() != null) {
                tx.update(RECON_MATCH).set(RECON_MATCH.ACTIVE, false).where(RECON_MATCH.RUN_ID.eq(runId))
                        .and(RECON_MATCH.ID.eq(x.getResolutionMatchId())).execute();
            }
            tx.update(RECON_EXCEPTION).set(RECON_EXCEPTION.STATUS, "OPEN")
                    .setNull(RECON_EXCEPTION.RESOLUTION_CODE).setNull(RECON_EXCEPTION.RESOLUTION_NOTE)
                    .setNull(RECON_EXCEPTION.RESOLVED_BY).setNull(RECON_EXCEPTION.RESOLVED_AT)
                    .setNull(RECON_EXCEPTION.RESOLUTION_PAYMENT).setNull(RECON_EXCEPTION.RESOLUTION_MATCH_ID)
                    .set(RECON_EXCEPTION.VERSION, x.getVersion() + 1)
                    .where(RECON_EXCEPTION.ID.eq(exceptionId)).execute();
            history(tx, exceptionId, now, actor.username(), "REOPENED", null, reason);
            ReconRuns.refreshExceptionCounts(tx, run);
            if (x.getResolutionMatchId() != null) {
                Matcher.refreshMatched(tx, run);
            }
            tx.update(RECON_RUN).set(RECON_RUN.UPDATED_AT, utc(now)).where(RECON_RUN.ID.eq(runId)).execute();
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "recon.exception.reopened", ENTITY, runId)
                    .correlation(exceptionId).with("exceptionId", exceptionId).with("reason", reason)
                    .with("undoneMatch", x.getResolutionMatchId())
                    .change(AuditEntry.values("status", "RESOLVED", "code", x.getResolutionCode()),
                            AuditEntry.values("status", "OPEN", "code", null)));
        });
        return ReconQueries.exception(dsl, actor, runId, exceptionId);
    }

    // --- transitions ---

    public ReconViews.Run transition(Scopes actor, String runId, String action, String comment, int version) {
        Instant now = now();
        List<String> adjusted = new ArrayList<>();
        String[] warehouse = new String[1];
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            ReconRunRecord run = ReconRuns.lock(tx, actor, runId);
            RunActions.Refusal refusal = RunActions.refusal(action, ReconRuns.facts(run), actor);
            if (refusal != null) {
                throw switch (refusal.kind()) {
                    case FORBIDDEN -> new ApiException(ProblemType.FORBIDDEN, refusal.reason());
                    case FOUR_EYES -> new ApiException(ProblemType.FOUR_EYES, refusal.reason());
                    case LOCKED -> new ApiException(ProblemType.RUN_LOCKED, refusal.reason());
                    case OPEN_EXCEPTIONS -> new ApiException(ProblemType.OPEN_EXCEPTIONS, refusal.reason())
                            .with("openExceptions", ReconRuns.facts(run).openExceptions());
                    case STATE, INCOMPLETE -> new ApiException(ProblemType.INVALID_TRANSITION, refusal.reason());
                };
            }
            if (run.getVersion() != version) {
                throw new ApiException(ProblemType.CONFLICT, "Run " + runId + " changed since you looked at it"
                        + " (version " + run.getVersion() + ", you saw " + version + "); look again and decide.");
            }
            String from = run.getState();
            String to;
            String auditAction;
            String note = comment;
            List<AuditEntry> first = new ArrayList<>();
            var update = tx.update(RECON_RUN).set(RECON_RUN.UPDATED_AT, utc(now))
                    .set(RECON_RUN.VERSION, run.getVersion() + 1);
            switch (action) {
                case "SUBMIT" -> {
                    to = "SUBMITTED";
                    auditAction = "recon.submitted";
                    update = update.set(RECON_RUN.SUBMITTED_AT, utc(now));
                }
                case "APPROVE" -> {
                    to = "APPROVED";
                    auditAction = "recon.approved";
                    update = update.set(RECON_RUN.APPROVER, actor.username()).set(RECON_RUN.APPROVED_AT, utc(now));
                    if (StockCountRuns.KIND.equals(run.getKind())) {
                        // Approving a count writes its settled variances to stock; lines that moved again go back.
                        StockCountRuns.Approval approval = StockCountRuns.approve(tx, run, actor.username(), now,
                                stock);
                        first.addAll(approval.audit());
                        adjusted.addAll(approval.appliedSkus());
                        warehouse[0] = run.getWarehouse();
                        if (!approval.complete()) {
                            to = "IN_REVIEW";
                            update = tx.update(RECON_RUN).set(RECON_RUN.UPDATED_AT, utc(now))
                                    .set(RECON_RUN.VERSION, run.getVersion() + 1).setNull(RECON_RUN.SUBMITTED_AT);
                            note = (comment == null ? "" : comment + " — ") + approval.applied() + " variances"
                                    + " written to stock; " + approval.movedAgain() + " moved again after the review"
                                    + " and are back in review: " + String.join(", ", approval.movedSkus()) + ".";
                        }
                    }
                }
                case "REJECT" -> {
                    to = "IN_REVIEW";
                    auditAction = "recon.rejected";
                    update = update.setNull(RECON_RUN.SUBMITTED_AT);
                }
                default -> {
                    to = "IN_REVIEW";
                    auditAction = "recon.reopened";
                    update = update.setNull(RECON_RUN.APPROVER).setNull(RECON_RUN.APPROVED_AT)
                            .setNull(RECON_RUN.SUBMITTED_AT).setNull(RECON_RUN.DECERTIFIED_AT)
                            .setNull(RECON_RUN.DECERTIFIED_REASON);
                }
            }
            update.set(RECON_RUN.STATE, to).where(RECON_RUN.ID.eq(runId)).execute();
            ReconRuns.transition(tx, runId, now, actor.username(), action, from, to, note);
            AuditEntry event = AuditEntry.byUser(now, actor.username(), auditAction, ENTITY, runId)
                    .with("comment", note).with("preparer", run.getPreparer())
                    .change(AuditEntry.values("state", from), AuditEntry.values("state", to));
            if (run.getWarehouse() != null) {
                event = event.warehouse(run.getWarehouse());
            }
            first.add(event);
            AuditLog.append(tx, first);
        });
        adjusted.forEach(sku -> stockAdjusted.accept(sku, warehouse[0]));
        return get(actor, runId);
    }

    // --- layouts ---

    public List<ReconViews.Mapping> layouts() {
        return dsl.selectFrom(RECON_LAYOUT).orderBy(RECON_LAYOUT.NAME)
                .fetch(r -> ReconJson.read(r.getMapping(), ReconViews.Mapping.class));
    }

    public ReconViews.Mapping saveLayout(String actor, ReconViews.Mapping mapping) {
        Instant now = now();
        ReconViews.Mapping saved = new ReconViews.Mapping(mapping.name(), mapping.columns(), mapping.kinds(),
                mapping.dateFormat(), mapping.timeZone(), mapping.decimalComma(), mapping.minorUnits(), actor, now);
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            boolean existed = tx.fetchExists(RECON_LAYOUT, RECON_LAYOUT.NAME.eq(mapping.name()));
            tx.mergeInto(RECON_LAYOUT).using(DSL.selectOne())
                    .on(RECON_LAYOUT.NAME.eq(mapping.name()))
                    .whenMatchedThenUpdate().set(RECON_LAYOUT.MAPPING, ReconJson.write(saved))
                    .set(RECON_LAYOUT.UPDATED_BY, actor).set(RECON_LAYOUT.UPDATED_AT, utc(now))
                    .whenNotMatchedThenInsert(RECON_LAYOUT.NAME, RECON_LAYOUT.MAPPING, RECON_LAYOUT.UPDATED_BY,
                            RECON_LAYOUT.UPDATED_AT)
                    .values(mapping.name(), ReconJson.write(saved), actor, utc(now)).execute();
            AuditLog.append(tx, AuditEntry.byUser(now, actor, "recon.layout.saved", "recon_layout", mapping.name())
                    .with("replaced", existed).with("columns", new java.util.TreeMap<>(mapping.columns())));
        });
        return saved;
    }

    public void deleteLayout(String actor, String name) {
        Instant now = now();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            if (tx.deleteFrom(RECON_LAYOUT).where(RECON_LAYOUT.NAME.eq(name)).execute() == 0) {
                throw new ApiException(ProblemType.NOT_FOUND, "There is no saved layout '" + name + "'.");
            }
            AuditLog.append(tx, AuditEntry.byUser(now, actor, "recon.layout.deleted", "recon_layout", name));
        });
    }

    public boolean layoutExists(String name) {
        return dsl.fetchExists(RECON_LAYOUT, RECON_LAYOUT.NAME.eq(name));
    }

    public static List<ReconViews.FeeSchedule> feeSchedules() {
        List<ReconViews.FeeSchedule> out = new ArrayList<>();
        for (Provider p : Provider.values()) {
            for (Provider.FeeSchedule s : p.schedules()) {
                out.add(new ReconViews.FeeSchedule(p.name(), s.currency(), s.percentBps(), s.fixedMinor(),
                        s.toleranceMinor(), p.settlementDelayDays(), p.zone().getId()));
            }
        }
        return out;
    }

    static Map<String, Object> noDetails() {
        return Map.of();
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
