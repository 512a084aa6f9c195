package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.requires;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.reconciliation.NewRun;
import dev.opsdesk.sandbox.reconciliation.Provider;
import dev.opsdesk.sandbox.reconciliation.ReconQueries;
import dev.opsdesk.sandbox.reconciliation.ReconRuns;
import dev.opsdesk.sandbox.reconciliation.ReconService;
import dev.opsdesk.sandbox.reconciliation.ReconViews;
import dev.opsdesk.sandbox.reconciliation.SettlementFiles;
import dev.opsdesk.sandbox.reconciliation.Slice;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** {@code /v1/reconciliation/*}: settlement runs, their uploads, matching, exceptions, transitions and layouts. */
public final class ReconciliationRoutes implements RouteModule {

    private static final String RUNS = "/v1/reconciliation/runs";
    private static final String RUN = RUNS + "/{runId}";
    private static final String FILE = RUN + "/file";
    private static final Pattern RUN_ID = Pattern.compile("R-[0-9]{6,}");
    private static final Pattern EXCEPTION_ID = Pattern.compile("X-[0-9]{8,}");
    private static final Pattern LAYOUT_NAME = Pattern.compile("[A-Za-z0-9._-]([A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final List<String> STATES = List.of("DRAFT", "IN_REVIEW", "SUBMITTED", "APPROVED", "DECERTIFIED");
    private static final List<String> KINDS = List.of("CAPTURE", "REFUND", "CHARGEBACK", "CHARGEBACK_REVERSAL", "FEE",
            "PAYOUT", "ADJUSTMENT", "OTHER");
    private static final List<String> CODES = List.of("TIMING_DIFFERENCE", "WRITE_OFF", "REFUND_PENDING",
            "CLAIMED_WITH_PROVIDER", "MANUAL_MATCH", "DUPLICATE_CONFIRMED", "FEE_ACCEPTED", "NOT_AN_ERROR",
            "RECOUNT", "DAMAGED", "THEFT_OR_LOSS", "BOOKING_ERROR", "MOVEMENT_EXPLAINED");
    private static final List<String> CATEGORIES = List.of("MISSING_IN_PLATFORM", "MISSING_IN_SETTLEMENT",
            "AMOUNT_MISMATCH", "CURRENCY_MISMATCH", "DUPLICATE_REFERENCE", "FEE_VARIANCE", "PAYOUT_TOTAL_MISMATCH",
            "COUNT_SHORT", "COUNT_OVER", "UNKNOWN_SKU", "MOVED_SINCE_COUNT");
    private static final Set<String> BUILT_IN_LAYOUTS = Set.of("stripe", "adyen", "paypal");
    /** The mapping's fields and the amounts it may map. */
    private static final Set<String> MAPPING_FIELDS = Set.of("bookedAt", "currency", "providerReference",
            "merchantReference", "batchReference", "kind", "description", "gross", "net", "credit", "debit", "fee");

    private final ReconService service;
    private final ReconQueries queries;
    private final SettlementFiles files;
    private final Idempotency idempotency;

    public ReconciliationRoutes(ReconService service, ReconQueries queries, SettlementFiles files,
                                Idempotency idempotency) {
        this.service = service;
        this.queries = queries;
        this.files = files;
        this.idempotency = idempotency;
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        return Map.ofEntries(
                Map.entry(RUNS, Set.of("limit", "cursor", "kind", "state", "provider", "preparer")),
                Map.entry(RUN, Set.of()),
                Map.entry(RUN + "/lines", Set.of("limit", "cursor", "kind", "status")),
                Map.entry(FILE, Set.of()),
                Map.entry(RUN + "/matches", Set.of("limit", "cursor", "rule", "q")),
                Map.entry(RUN + "/exceptions", Set.of("limit", "cursor", "category", "status", "q")),
                Map.entry(RUN + "/exceptions/{exceptionId}", Set.of()),
                Map.entry(RUN + "/unmatched-payments", Set.of("limit", "cursor", "overdue")),
                Map.entry("/v1/reconciliation/layouts", Set.of()),
                Map.entry("/v1/reconciliation/fee-schedules", Set.of()),
                Map.entry("/v1/reconciliation/settlement-files/{provider}", Set.of("date", "format")));
    }

    /** The one route whose body is not JSON: pieces of the original file, up to 4 MiB each. */
    @Override
    public List<RawBody> rawBodies() {
        return List.of(new RawBody("PUT", FILE, "application/octet-stream", ReconService.MAX_PIECE));
    }

    @Override
    public void register(Javalin app) {
        app.get(RUNS, this::list, requires(Permission.RECON_READ));
        app.post(RUNS, this::create, requires(Permission.RECON_PREPARE));
        app.get(RUN, ctx -> Json.respond(ctx, 200, service.get(scopes(ctx), runId(ctx))),
                requires(Permission.RECON_READ));
        app.get(RUN + "/lines", this::lines, requires(Permission.RECON_READ));
        app.post(RUN + "/lines", this::uploadLines, requires(Permission.RECON_PREPARE));
        app.get(FILE, this::download, requires(Permission.RECON_READ));
        app.put(FILE, this::uploadFile, requires(Permission.RECON_PREPARE));
        app.post(RUN + "/match", this::match, requires(Permission.RECON_PREPARE));
        app.get(RUN + "/matches", this::matches, requires(Permission.RECON_READ));
        app.get(RUN + "/exceptions", this::exceptions, requires(Permission.RECON_READ));
        app.post(RUN + "/exceptions/bulk-resolve", this::bulkResolve, requires(Permission.RECON_PREPARE));
        app.get(RUN + "/exceptions/{exceptionId}", ctx -> Json.respond(ctx, 200,
                ReconQueries.exception(service.dsl(), scopes(ctx), runId(ctx), exceptionId(ctx))),
                requires(Permission.RECON_READ));
        app.post(RUN + "/exceptions/{exceptionId}/resolve", this::resolve, requires(Permission.RECON_PREPARE));
        app.post(RUN + "/exceptions/{exceptionId}/reopen", this::reopen, requires(Permission.RECON_PREPARE));
        app.get(RUN + "/unmatched-payments", this::unmatched, requires(Permission.RECON_READ));
        app.post(RUN + "/transitions", this::transition, requires(Permission.RECON_READ));
        app.get("/v1/reconciliation/layouts", ctx -> Json.respond(ctx, 200,
                new ReconViews.Items<>(service.layouts())), requires(Permission.RECON_READ));
        app.put("/v1/reconciliation/layouts/{name}", this::saveLayout, requires(Permission.RECON_PREPARE));
        app.delete("/v1/reconciliation/layouts/{name}", this::deleteLayout, requires(Permission.RECON_PREPARE));
        app.get("/v1/reconciliation/fee-schedules", ctx -> Json.respond(ctx, 200,
                new ReconViews.Items<>(ReconService.feeSchedules())), requires(Permission.RECON_READ));
        app.get("/v1/reconciliation/settlement-files/{provider}", this::settlementFile,
                requires(Permission.RECON_READ));
    }

    private static Scopes scopes(Context ctx) {
        return Access.principal(ctx).scopes();
    }

    private static String runId(Context ctx) {
        String id = ctx.pathParam("runId");
        if (!RUN_ID.matcher(id).matches()) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no reconciliation run " + id + ".");
        }
        return id;
    }

    private static String exceptionId(Context ctx) {
        String id = ctx.pathParam("exceptionId");
        if (!EXCEPTION_ID.matcher(id).matches()) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no exception " + id + ".");
        }
        return id;
    }

    private static <T> void page(Context ctx, String kind, Slice<T> slice) {
        Json.respond(ctx, 200, new ReconViews.Page<>(slice.items(),
                slice.nextKey() == null ? null : Paging.nextCursor(kind, slice.nextKey())));
    }

    void list(Context ctx) {
        Principal principal = Access.principal(ctx);
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String kind = oneOf(params, "kind", List.of("PAYMENT_SETTLEMENT", "STOCK_COUNT"));
        Set<String> states = params.list("state", 16);
        if (states != null && !STATES.containsAll(states)) {
            params.error("state", "Must be states among " + STATES + ", separated by commas.");
        }
        String provider = oneOf(params, "provider", Arrays.stream(Provider.values()).map(Provider::name).toList());
        String preparer = params.text("preparer", 64);
        params.validate("filter");
        if ("me".equals(preparer)) {
            preparer = principal.user().username();
        }
        String cursor = Paging.cursor(ctx, "runs");
        page(ctx, "runs", ReconRuns.list(service.dsl(), principal.scopes(), kind, states, provider, preparer, cursor,
                limit));
    }

    /** Settlement runs and their shared layouts: a stock-count-only preparer (warehouse staff) has no say here. */
    private static void requireSettlementPreparer(Principal principal) {
        if (!principal.scopes().may(Permission.RECON_PREPARE, dev.opsdesk.sandbox.auth.Target.reconciliation(
                "PAYMENT_SETTLEMENT", null, null))) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role prepares stock counts only, not settlement"
                    + " reconciliations.");
        }
    }

    void create(Context ctx) {
        Principal principal = Access.principal(ctx);
        requireSettlementPreparer(principal);
        Body body = Body.of(ctx, "run", "kind", "provider", "periodFrom", "periodTo", "layout", "fileName",
                "fileSha256", "fileSize", "lineCount", "allowDuplicateFile", "amountToleranceMinor", "dateWindowDays");
        String kind = body.requiredString("kind", 32);
        if (kind != null && !kind.equals("PAYMENT_SETTLEMENT")) {
            body.error("kind", "Must be PAYMENT_SETTLEMENT (stock counts are started from the inventory).");
        }
        Provider provider = body.requiredEnum("provider", 16, Provider::parse, List.of(Provider.values()));
        LocalDate from = date(body, "periodFrom");
        LocalDate to = date(body, "periodTo");
        if (from != null && to != null && (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > 92)) {
            body.error("periodTo", "Must be on or after periodFrom and at most 92 days after it.");
        }
        String layout = body.requiredString("layout", 64);
        String fileName = body.requiredString("fileName", 255);
        String sha = body.requiredString("fileSha256", 64);
        if (sha != null && !SHA256.matcher(sha).matches()) {
            body.error("fileSha256", "Must be the file's SHA-256 as 64 lower-case hexadecimal digits.");
        }
        long fileSize = longIn(body, "fileSize", 1, Integer.MAX_VALUE, true, 0);
        int lineCount = (int) longIn(body, "lineCount", 0, 5_000_000, true, 0);
        boolean allowDuplicate = bool(body, "allowDuplicateFile");
        long tolerance = longIn(body, "amountToleranceMinor", 0, 100_000, false, 0);
        int window = (int) longIn(body, "dateWindowDays", 0, 31, false, 3);
        body.validate();
        if (!BUILT_IN_LAYOUTS.contains(layout) && !service.layoutExists(layout)) {
            throw ApiException.unprocessable("layout", "There is no layout '" + layout + "': use stripe, adyen,"
                    + " paypal or the name of a saved layout.");
        }
        NewRun run = new NewRun(provider, from, to, layout, fileName, sha, fileSize, lineCount, allowDuplicate,
                tolerance, window);
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(201,
                service.create(principal.scopes(), run)));
    }

    private static LocalDate date(Body body, String field) {
        String text = body.requiredString(field, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            body.error(field, "Must be a date, e.g. 2026-11-21.");
            return null;
        }
    }

    private static long longIn(Body body, String field, long min, long max, boolean required, long otherwise) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                body.error(field, "Required: a whole number from " + min + " to " + max + ".");
            }
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            body.error(field, "Must be a whole number from " + min + " to " + max + ".");
            return otherwise;
        }
        return v.asLong();
    }

    private static boolean bool(Body body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            body.error(field, "Must be true or false.");
            return false;
        }
        return v.asBoolean();
    }

    void lines(Context ctx) {
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String kind = oneOf(params, "kind", KINDS);
        String status = oneOf(params, "status", List.of("MATCHED", "EXCEPTION", "INFO",
                "PENDING"));
        params.validate("filter");
        page(ctx, "lines", queries.lines(scopes(ctx), runId(ctx), kind, status, Paging.cursor(ctx, "lines"), limit));
    }

    void uploadLines(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        service.checkReadable(principal.scopes(), runId);
        Body body = Body.of(ctx, "line batch", "firstIndex", "lines");
        long first = longIn(body, "firstIndex", 0, Integer.MAX_VALUE, true, 0);
        List<ReconViews.SettlementLine> lines = new ArrayList<>();
        JsonNode array = body.get("lines");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > 5000) {
            body.error("lines", "Must be a list of 1 to 5,000 lines.");
        } else {
            for (int i = 0; i < array.size(); i++) {
                ReconViews.SettlementLine line = line(array.get(i), "lines[" + i + "].", body);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.uploadLines(principal.scopes(), runId, (int) first, lines)));
    }

    private static final Set<String> LINE_FIELDS = Set.of("lineNumber", "kind", "providerReference",
            "merchantReference", "batchReference", "currency", "gross", "fee", "net", "bookedAt", "description",
            "raw");

    /** One line of a batch, every problem named with its position ({@code lines[3].gross}). */
    private static ReconViews.SettlementLine line(JsonNode n, String at, Body body) {
        if (n == null || !n.isObject()) {
            body.error(at.substring(0, at.length() - 1), "Must be a settlement line (an object).");
            return null;
        }
        int before = errors(body);
        n.fieldNames().forEachRemaining(f -> {
            if (!LINE_FIELDS.contains(f)) {
                body.error(at + f, "Unknown property.");
            }
        });
        Long lineNumber = number(n, "lineNumber", 1, Integer.MAX_VALUE, true, at, body);
        String kind = text(n, "kind", 24, true, at, body);
        if (kind != null && !KINDS.contains(kind)) {
            body.error(at + "kind", "Must be one of " + KINDS + ".");
        }
        String providerRef = text(n, "providerReference", 128, false, at, body);
        String merchantRef = text(n, "merchantReference", 128, false, at, body);
        String batch = text(n, "batchReference", 128, false, at, body);
        String currency = text(n, "currency", 3, true, at, body);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            body.error(at + "currency", "Must be an ISO 4217 code, e.g. EUR.");
        }
        long limit = 100_000_000_000L;
        Long gross = number(n, "gross", -limit, limit, true, at, body);
        Long fee = number(n, "fee", -limit, limit, true, at, body);
        Long net = number(n, "net", -limit, limit, true, at, body);
        String booked = text(n, "bookedAt", 64, true, at, body);
        java.time.Instant bookedAt = null;
        if (booked != null) {
            List<dev.opsdesk.sandbox.service.FieldError> errors = new ArrayList<>();
            bookedAt = Params.instant(booked, at + "bookedAt", errors);
            errors.forEach(e -> body.error(e.field(), e.message()));
        }
        String description = text(n, "description", 500, false, at, body);
        String raw = text(n, "raw", 20_000, true, at, true, body);
        if (errors(body) > before) {
            return null;
        }
        return new ReconViews.SettlementLine(lineNumber.intValue(), kind, providerRef, merchantRef, batch, currency,
                gross, fee, net, bookedAt, description, raw);
    }

    private static int errors(Body body) {
        return body.errorCount();
    }

    private static Long number(JsonNode n, String field, long min, long max, boolean required, String at, Body body) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                body.error(at + field, "Required: a whole number.");
            }
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            body.error(at + field, "Must be a whole number from " + min + " to " + max + ".");
            return null;
        }
        return v.asLong();
    }

    private static String text(JsonNode n, String field, int max, boolean required, String at, Body body) {
        return text(n, field, max, required, at, false, body);
    }

    private static String text(JsonNode n, String field, int max, boolean required, String at, boolean emptyOk,
                               Body body) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                body.error(at + field, "Required.");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().length() > max || (!emptyOk && required && v.asText().isEmpty())) {
            body.error(at + field, "Must be a string of " + (required && !emptyOk ? "1" : "0") + " to " + max
                    + " characters.");
            return null;
        }
        return v.asText();
    }

    void uploadFile(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        service.checkReadable(principal.scopes(), runId);
        Params params = new Params(ctx);
        Integer ignored = null;
        String raw = params.raw("offset");
        long offset = -1;
        if (raw == null) {
            params.error("offset", "Required: where this piece goes in the file (0 for the first).");
        } else {
            try {
                offset = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                params.error("offset", "Must be a whole number from 0.");
            }
        }
        params.validate("upload");
        byte[] piece = ctx.bodyAsBytes();
        if (piece.length == 0) {
            throw ApiException.validation("body", "The piece must hold at least one byte.");
        }
        long at = offset;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.uploadFile(principal.scopes(), runId, at, piece)));
    }

    void download(Context ctx) {
        ReconService.StoredFile file = service.file(scopes(ctx), runId(ctx));
        ctx.header("Content-Disposition", disposition(file.name()));
        ctx.status(200).contentType("application/octet-stream").result(file.content());
    }

    /** {@code attachment; filename="…"; filename*=UTF-8''…} (RFC 6266), safe for any name. */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    void match(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        service.checkReadable(principal.scopes(), runId);
        Body body = Body.optional(ctx, "match request", "amountToleranceMinor", "dateWindowDays");
        Long tolerance = body.has("amountToleranceMinor") ? longIn(body, "amountToleranceMinor", 0, 100_000, true, 0)
                : null;
        Integer window = body.has("dateWindowDays") ? (int) longIn(body, "dateWindowDays", 0, 31, true, 3) : null;
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.match(principal.scopes(), runId, tolerance, window)));
    }

    void matches(Context ctx) {
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String rule = oneOf(params, "rule", List.of("PROVIDER_REFERENCE", "MERCHANT_REFERENCE",
                "MANY_TO_ONE", "REVERSAL", "MANUAL"));
        String q = params.text("q", 100);
        params.validate("filter");
        page(ctx, "matches", queries.matches(scopes(ctx), runId(ctx), rule, q, Paging.cursor(ctx, "matches"), limit));
    }

    void exceptions(Context ctx) {
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String category = oneOf(params, "category", CATEGORIES);
        String status = oneOf(params, "status", List.of("OPEN", "RESOLVED", "SUPERSEDED"));
        String q = params.text("q", 100);
        params.validate("filter");
        page(ctx, "exceptions", queries.exceptions(scopes(ctx), runId(ctx), category, status, q,
                Paging.cursor(ctx, "exceptions"), limit));
    }

    void unmatched(Context ctx) {
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        Boolean overdue = params.bool("overdue");
        params.validate("filter");
        page(ctx, "unmatched", queries.unmatched(scopes(ctx), runId(ctx), overdue, Paging.cursor(ctx, "unmatched"),
                limit));
    }

    void resolve(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        String exceptionId = exceptionId(ctx);
        ReconQueries.exception(service.dsl(), principal.scopes(), runId, exceptionId);
        Body body = Body.of(ctx, "resolution", "code", "note", "paymentReference", "version");
        String code = oneOf(body, "code", CODES);
        String note = body.requiredString("note", 2000);
        String payment = body.has("paymentReference") ? body.requiredString("paymentReference", 64) : null;
        int version = body.requiredInt("version", 0, Integer.MAX_VALUE);
        body.validate();
        if ("MANUAL_MATCH".equals(code) && payment == null) {
            throw ApiException.unprocessable("paymentReference", "A manual match names the payment the line settles.");
        }
        if (!"MANUAL_MATCH".equals(code) && payment != null) {
            throw ApiException.unprocessable("paymentReference", "Only a manual match names a payment.");
        }
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.resolve(principal.scopes(), runId, exceptionId, code, note, payment, version)));
    }

    void bulkResolve(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        service.checkReadable(principal.scopes(), runId);
        Body body = Body.of(ctx, "bulk resolution", "exceptionIds", "code", "note");
        List<String> ids = new ArrayList<>();
        JsonNode array = body.get("exceptionIds");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > 500) {
            body.error("exceptionIds", "Must be a list of 1 to 500 exception ids.");
        } else {
            for (JsonNode id : array) {
                if (!id.isTextual() || !EXCEPTION_ID.matcher(id.asText()).matches()) {
                    body.error("exceptionIds", "Every id must be an exception id, e.g. X-00000042.");
                    break;
                }
                ids.add(id.asText());
            }
            if (new LinkedHashSet<>(ids).size() != ids.size()) {
                body.error("exceptionIds", "Must not name an exception twice.");
            }
        }
        String code = oneOf(body, "code", CODES);
        String note = body.requiredString("note", 2000);
        body.validate();
        if ("MANUAL_MATCH".equals(code)) {
            throw ApiException.unprocessable("code", "A manual match pairs one line with one payment; resolve it on"
                    + " its own.");
        }
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.bulkResolve(principal.scopes(), runId, ids, code, note)));
    }

    void reopen(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        String exceptionId = exceptionId(ctx);
        ReconQueries.exception(service.dsl(), principal.scopes(), runId, exceptionId);
        Body body = Body.of(ctx, "reopening", "reason");
        String reason = body.requiredString("reason", 2000);
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.reopenException(principal.scopes(), runId, exceptionId, reason)));
    }

    void transition(Context ctx) {
        Principal principal = Access.principal(ctx);
        String runId = runId(ctx);
        service.checkReadable(principal.scopes(), runId);
        Body body = Body.of(ctx, "transition", "action", "comment", "version");
        String action = oneOf(body, "action", List.of("SUBMIT", "APPROVE", "REJECT",
                "REOPEN"));
        String comment = body.has("comment") ? body.requiredString("comment", 2000) : null;
        int version = body.requiredInt("version", 0, Integer.MAX_VALUE);
        body.validate();
        if (("REJECT".equals(action) || "REOPEN".equals(action)) && (comment == null || comment.isBlank())) {
            throw ApiException.unprocessable("comment", "Say why: a comment is required to "
                    + action.toLowerCase(java.util.Locale.ROOT) + " a run.");
        }
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.transition(principal.scopes(), runId, action, comment, version)));
    }

    void saveLayout(Context ctx) {
        Principal principal = Access.principal(ctx);
        requireSettlementPreparer(principal);
        String name = layoutName(ctx);
        Body body = Body.of(ctx, "layout", "columns", "kinds", "dateFormat", "timeZone", "decimalComma", "minorUnits");
        Map<String, String> columns = new TreeMap<>();
        JsonNode cols = body.get("columns");
        if (cols == null || !cols.isObject()) {
            body.error("columns", "Required: an object of our field → the file's header.");
        } else {
            cols.fields().forEachRemaining(e -> {
                if (!MAPPING_FIELDS.contains(e.getKey())) {
                    body.error("columns." + e.getKey(), "Unknown field; map some of " + new TreeMap<>(
                            Map.of("fields", MAPPING_FIELDS)).get("fields") + ".");
                } else if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()
                        || e.getValue().asText().length() > 128) {
                    body.error("columns." + e.getKey(), "Must be the file's header, 1 to 128 characters.");
                } else {
                    columns.put(e.getKey(), e.getValue().asText());
                }
            });
            for (String required : List.of("bookedAt", "currency")) {
                if (!cols.has(required)) {
                    body.error("columns." + required, "Required: which column holds it.");
                }
            }
            boolean signed = cols.has("gross") || cols.has("net");
            boolean split = cols.has("credit") || cols.has("debit");
            if (!signed && !(cols.has("credit") && cols.has("debit"))) {
                body.error("columns", "Map the amounts: gross and/or net (signed), or both credit and debit.");
            } else if (signed && split) {
                body.error("columns", "Map the amounts one way: gross/net, or credit and debit, not both.");
            }
        }
        Map<String, String> kinds = new TreeMap<>();
        JsonNode k = body.get("kinds");
        if (k != null && !k.isNull()) {
            if (!k.isObject()) {
                body.error("kinds", "Must be an object: a value of the kind column → our kind.");
            } else {
                k.fields().forEachRemaining(e -> {
                    if (!e.getValue().isTextual() || !KINDS.contains(e.getValue().asText())) {
                        body.error("kinds." + e.getKey(), "Must be one of " + KINDS + ".");
                    } else {
                        kinds.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        String dateFormat = body.requiredString("dateFormat", 64);
        if (dateFormat != null) {
            try {
                DateTimeFormatter.ofPattern(dateFormat);
            } catch (IllegalArgumentException e) {
                body.error("dateFormat", "Must be a date-time pattern such as yyyy-MM-dd HH:mm:ss.");
            }
        }
        String zone = body.requiredString("timeZone", 64);
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                body.error("timeZone", "Must be a time zone id such as Europe/Amsterdam or UTC.");
            }
        }
        boolean decimalComma = bool(body, "decimalComma");
        boolean minorUnits = bool(body, "minorUnits");
        body.validate();
        ReconViews.Mapping mapping = new ReconViews.Mapping(name, columns, kinds, dateFormat, zone, decimalComma,
                minorUnits, null, null);
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                service.saveLayout(principal.user().username(), mapping)));
    }

    void deleteLayout(Context ctx) {
        Principal principal = Access.principal(ctx);
        requireSettlementPreparer(principal);
        String name = layoutName(ctx);
        if (service.layouts().stream().noneMatch(m -> m.name().equals(name))) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no saved layout '" + name + "'.");
        }
        idempotency.run(ctx, principal.userId(), () -> {
            service.deleteLayout(principal.user().username(), name);
            return Idempotency.Response.noContent();
        });
    }

    private static String layoutName(Context ctx) {
        String name = ctx.pathParam("name");
        if (!LAYOUT_NAME.matcher(name).matches()) {
            throw ApiException.validation("name", "A layout's name is 1 to 64 letters, digits, spaces and ._-, not"
                    + " starting or ending with a space.");
        }
        return name;
    }

    void settlementFile(Context ctx) {
        Params params = new Params(ctx);
        Provider provider = Provider.parse(ctx.pathParam("provider")).filter(p -> p != Provider.OTHER).orElse(null);
        if (provider == null) {
            params.error("provider", "Must be STRIPE, ADYEN or PAYPAL.");
        }
        String rawDate = params.raw("date");
        LocalDate date = null;
        if (rawDate == null) {
            params.error("date", "Required: the settlement date, e.g. 2026-11-21.");
        } else {
            try {
                date = LocalDate.parse(rawDate);
            } catch (DateTimeParseException e) {
                params.error("date", "Must be a date, e.g. 2026-11-21.");
            }
        }
        String format = params.raw("format");
        if (format != null && !format.equals(SettlementFiles.CSV) && !format.equals(SettlementFiles.XLSX)) {
            params.error("format", "Must be csv or xlsx.");
        }
        params.validate("request");
        SettlementFiles.Report report = files.generate(provider, date, format == null ? SettlementFiles.CSV : format);
        ctx.header("Content-Disposition", disposition(report.fileName()));
        ctx.status(200).contentType(report.contentType()).result(report.content());
    }

    private static String oneOf(Params params, String name, List<String> allowed) {
        String v = params.raw(name);
        if (v != null && !allowed.contains(v)) {
            params.error(name, "Must be one of " + allowed + ".");
            return null;
        }
        return v;
    }

    private static String oneOf(Body body, String field, List<String> allowed) {
        String v = body.requiredString(field, 64);
        if (v != null && !allowed.contains(v)) {
            body.error(field, "Must be one of " + allowed + ".");
            return null;
        }
        return v;
    }

    static Map<String, Object> none() {
        return new LinkedHashMap<>();
    }
}
