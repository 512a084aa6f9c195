package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.ReconHttp.Line;
import dev.opsdesk.sandbox.db.tables.records.PaymentRecord;
import dev.opsdesk.sandbox.reconciliation.Provider;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every matching rule and every exception category of a payment settlement, one case each, over HTTP against a real
 * sandbox: the lines are made by hand from the sandbox's own payments (read through jOOQ) and uploaded as the desktop
 * would. Each match must say which rule paired it and why; each exception says what is wrong in business words with
 * amounts in major units. The sandbox has a clock of its own so that the settlement delay can pass.
 */
class ReconMatchingTest {

    private static MutableClock clock;
    private static SandboxServer server;
    private static ReconHttp recon;

    @BeforeAll
    static void start() {
        clock = TestSandboxes.clock();
        server = TestSandboxes.withClock(clock);
        recon = new ReconHttp(server, "finance");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // --- the sandbox's payments ---

    /** A captured Stripe payment of the seed; {@code skip} keeps the cases apart. */
    private static PaymentRecord captured(int skip) {
        return server.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe")).and(PAYMENT.STATE.eq("CAPTURED"))
                .orderBy(PAYMENT.CAPTURED_AT, PAYMENT.REFERENCE).offset(skip).limit(1).fetchSingle();
    }

    /** A captured Stripe payment of the seed's last days, newest first. */
    private static PaymentRecord latest(int skip) {
        return server.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe")).and(PAYMENT.STATE.eq("CAPTURED"))
                .orderBy(PAYMENT.CAPTURED_AT.desc(), PAYMENT.REFERENCE).offset(skip).limit(1).fetchSingle();
    }

    private static Instant at(PaymentRecord p) {
        return p.getCapturedAt().toInstant();
    }

    private static LocalDate day(PaymentRecord p) {
        return LocalDate.ofInstant(at(p), ZoneOffset.UTC);
    }

    private static long fee(PaymentRecord p, long gross) {
        return Provider.STRIPE.schedule(p.getCurrency()).map(s -> s.feeFor(gross)).orElse(0L);
    }

    /** The line that settles {@code p} exactly, as Stripe would report it, booked an hour after the capture. */
    private static Line settles(PaymentRecord p) {
        return Line.capture(p.getReference(), p.getOrderNumber(), p.getCurrency(), p.getAmountMinor(),
                fee(p, p.getAmountMinor()), at(p).plus(Duration.ofHours(1)));
    }

    /** "19.99 EUR": how a summary names an amount. */
    private static String major(long minor, String currency) {
        return BigDecimal.valueOf(minor, 2).toPlainString() + " " + currency;
    }

    private static String run(PaymentRecord p, Line... lines) {
        return recon.matched("STRIPE", day(p), day(p), List.of(lines));
    }

    private static Optional<JsonNode> matchOf(String runId, int lineNumber) {
        return recon.matches(runId).stream().filter(m -> m.get("lineNumber").asInt() == lineNumber).findFirst();
    }

    private static List<JsonNode> exceptionsOf(String runId, String category) {
        return recon.exceptions(runId).stream().filter(x -> x.get("category").asText().equals(category)).toList();
    }

    /** The exceptions of a category that are about line {@code lineNumber}. */
    private static List<JsonNode> exceptionsOfLine(String runId, String category, int lineNumber) {
        return exceptionsOf(runId, category).stream().filter(x -> x.get("lineNumbers").toString()
                .matches(".*\\b" + lineNumber + "\\b.*")).toList();
    }

    private static List<JsonNode> exceptionsOfPayment(String runId, String category, String reference) {
        return exceptionsOf(runId, category).stream().filter(x -> reference.equals(x.path("paymentReference")
                .asText(null))).toList();
    }

    private static JsonNode onlyOne(List<JsonNode> found) {
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    // --- the rules ---

    @Test
    void theProvidersReferenceIsThePaymentsReference() {
        PaymentRecord p = captured(0);
        String runId = run(p, settles(p));
        JsonNode m = matchOf(runId, 2).orElseThrow();
        assertThat(m.get("rule").asText()).isEqualTo("PROVIDER_REFERENCE");
        assertThat(m.get("paymentReference").asText()).isEqualTo(p.getReference());
        assertThat(m.get("why").asText()).contains("provider reference " + p.getReference())
                .contains(major(p.getAmountMinor(), p.getCurrency()));
        assertThat(exceptionsOfLine(runId, "FEE_VARIANCE", 2)).isEmpty();
        assertThat(recon.unmatched(runId)).noneMatch(u -> u.get("reference").asText().equals(p.getReference()));
    }

    @Test
    void theOrderNumberMatchesWithinTheDateWindowAndNotJustOutsideIt() {
        PaymentRecord inside = captured(1);
        PaymentRecord outside = captured(2);
        Line near = Line.capture(null, inside.getOrderNumber(), inside.getCurrency(), inside.getAmountMinor(),
                fee(inside, inside.getAmountMinor()), at(inside).plus(Duration.ofDays(3)));
        // The default window is 3 days: booked 4 days after the capture is outside it.
        Line far = Line.capture(null, outside.getOrderNumber(), outside.getCurrency(), outside.getAmountMinor(),
                fee(outside, outside.getAmountMinor()), at(outside).plus(Duration.ofDays(4)));
        String runId = run(inside, near, far);
        JsonNode m = matchOf(runId, 2).orElseThrow();
        assertThat(m.get("rule").asText()).isEqualTo("MERCHANT_REFERENCE");
        assertThat(m.get("paymentReference").asText()).isEqualTo(inside.getReference());
        assertThat(m.get("why").asText()).contains("merchant reference " + inside.getOrderNumber())
                .contains("amount equal").contains("3 days after the capture");
        assertThat(matchOf(runId, 3)).isEmpty();
        JsonNode missing = onlyOne(exceptionsOfLine(runId, "MISSING_IN_PLATFORM", 3));
        assertThat(missing.get("summary").asText()).contains(outside.getOrderNumber())
                .contains(major(outside.getAmountMinor(), outside.getCurrency()));
        // The order's payment is offered, with why it was not taken on its own.
        JsonNode detail = recon.exception(runId, missing.get("id").asText());
        assertThat(detail.get("candidates").findValuesAsText("reference")).contains(outside.getReference());
    }

    @Test
    void twoPartialCapturesSettleOnePayment() {
        PaymentRecord p = captured(3);
        long first = p.getAmountMinor() / 3;
        long second = p.getAmountMinor() - first;
        String runId = run(p,
                Line.capture(p.getReference(), p.getOrderNumber(), p.getCurrency(), first, fee(p, first),
                        at(p).plusSeconds(60)),
                Line.capture(p.getReference(), p.getOrderNumber(), p.getCurrency(), second, fee(p, second),
                        at(p).plusSeconds(120)));
        for (int lineNumber : new int[] {2, 3}) {
            JsonNode m = matchOf(runId, lineNumber).orElseThrow();
            assertThat(m.get("rule").asText()).isEqualTo("MANY_TO_ONE");
            assertThat(m.get("groupSize").asInt()).isEqualTo(2);
            assertThat(m.get("paymentReference").asText()).isEqualTo(p.getReference());
            assertThat(m.get("why").asText()).contains("2 captures").contains("lines 2, 3")
                    .contains(major(p.getAmountMinor(), p.getCurrency()));
        }
        assertThat(exceptionsOf(runId, "DUPLICATE_REFERENCE")).isEmpty();
    }

    @Test
    void aRefundMatchesTheRefundedPaymentAndAChargebackItsPayment() {
        PaymentRecord refunded = server.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe"))
                .and(PAYMENT.STATE.eq("REFUNDED")).and(PAYMENT.CAPTURED_AT.isNotNull())
                .orderBy(PAYMENT.REFERENCE).limit(1).fetchSingle();
        PaymentRecord disputed = captured(4);
        Instant booked = at(disputed).plus(Duration.ofHours(2));
        String runId = recon.matched("STRIPE", day(refunded).isBefore(day(disputed)) ? day(refunded) : day(disputed),
                day(refunded).isBefore(day(disputed)) ? day(disputed) : day(refunded), List.of(
                        new Line("REFUND", refunded.getReference(), refunded.getOrderNumber(), "po_test",
                                refunded.getCurrency(), -refunded.getAmountMinor(), 0, booked),
                        new Line("CHARGEBACK", disputed.getReference(), disputed.getOrderNumber(), "po_test",
                                disputed.getCurrency(), -disputed.getAmountMinor(), 1500, booked)));
        JsonNode refund = matchOf(runId, 2).orElseThrow();
        assertThat(refund.get("rule").asText()).isEqualTo("REVERSAL");
        assertThat(refund.get("paymentReference").asText()).isEqualTo(refunded.getReference());
        assertThat(refund.get("why").asText()).startsWith("refund of " + major(refunded.getAmountMinor(),
                refunded.getCurrency())).contains("refunded");
        JsonNode chargeback = matchOf(runId, 3).orElseThrow();
        assertThat(chargeback.get("rule").asText()).isEqualTo("REVERSAL");
        assertThat(chargeback.get("paymentReference").asText()).isEqualTo(disputed.getReference());
        assertThat(chargeback.get("why").asText()).startsWith("chargeback of").contains("disputed");
    }

    /**
     * Stripe reports a refund under the refund's own id ({@code re_…}), so the order number has to find the payment;
     * when the order was paid twice (once refunded, once kept) the refund belongs to the refunded one.
     */
    @Test
    void aRefundFoundByItsOrderNumberReversesTheOrdersRefundedPaymentNotItsOtherOne() {
        PaymentRecord like = captured(19);
        String order = "ORD-PAID-TWICE";
        OffsetDateTime when = like.getCapturedAt();
        insertOrder(order, like.getCurrency(), when);
        // Named so that the kept payment comes first in any order by reference.
        insertPayment("pi_a_kept", order, 3100, like.getCurrency(), "CAPTURED", when);
        insertPayment("pi_b_refunded", order, 2900, like.getCurrency(), "REFUNDED", when);
        String runId = run(like, new Line("REFUND", "re_3Q1x", order, "po_test", like.getCurrency(), -2900, 0,
                at(like).plus(Duration.ofHours(3))));
        JsonNode m = matchOf(runId, 2).orElseThrow(() -> new AssertionError(recon.exceptions(runId).toString()));
        assertThat(m.get("rule").asText()).isEqualTo("REVERSAL");
        assertThat(m.get("paymentReference").asText()).isEqualTo("pi_b_refunded");
    }

    private static void insertOrder(String order, String currency, OffsetDateTime when) {
        server.dsl().insertInto(CUSTOMER_ORDER).set(CUSTOMER_ORDER.ORDER_NUMBER, order)
                .set(CUSTOMER_ORDER.STATUS, "PAID").set(CUSTOMER_ORDER.TOTAL_MINOR, 4200L)
                .set(CUSTOMER_ORDER.CURRENCY, currency).set(CUSTOMER_ORDER.CREATED_AT, when)
                .set(CUSTOMER_ORDER.UPDATED_AT, when).execute();
    }

    private static void insertPayment(String reference, String order, long amount, String currency, String state,
                                      OffsetDateTime when) {
        server.dsl().insertInto(PAYMENT).set(PAYMENT.REFERENCE, reference).set(PAYMENT.ORDER_NUMBER, order)
                .set(PAYMENT.PROVIDER, "stripe").set(PAYMENT.AMOUNT_MINOR, amount).set(PAYMENT.CURRENCY, currency)
                .set(PAYMENT.STATE, state).set(PAYMENT.CREATED_AT, when).set(PAYMENT.CAPTURED_AT, when)
                .set(PAYMENT.REFUNDED_AT, "REFUNDED".equals(state) ? when.plusHours(1) : null).execute();
    }

    @Test
    void aManualMatchPairsTheLineAndReopeningUndoesIt() {
        PaymentRecord p = captured(5);
        Line unknown = Line.capture("pi_not_on_the_platform_" + p.getReference(), null, p.getCurrency(),
                p.getAmountMinor(), fee(p, p.getAmountMinor()), at(p).plus(Duration.ofHours(1)));
        String runId = run(p, unknown);
        JsonNode missing = onlyOne(exceptionsOfLine(runId, "MISSING_IN_PLATFORM", 2));
        assertThat(missing.get("summary").asText()).isEqualTo("Stripe reports a capture of "
                + major(p.getAmountMinor(), p.getCurrency()) + " (" + unknown.providerReference() + ") on "
                + LocalDate.ofInstant(unknown.bookedAt(), ZoneOffset.UTC) + "; the platform has no payment it fits.");
        Api.Response resolved = recon.resolve(runId, missing, "MANUAL_MATCH", "Stripe confirmed by mail",
                p.getReference());
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/exceptions/{exceptionId}/resolve", resolved,
                200);
        JsonNode manual = matchOf(runId, 2).orElseThrow();
        assertThat(manual.get("rule").asText()).isEqualTo("MANUAL");
        assertThat(manual.get("paymentReference").asText()).isEqualTo(p.getReference());
        assertThat(manual.get("why").asText()).contains("finance").contains("Stripe confirmed by mail");
        assertThat(manual.get("matchedBy").asText()).isEqualTo("finance");

        // Matching again keeps the hand-made pair and the resolution it came from.
        recon.match(runId, null);
        assertThat(matchOf(runId, 2).orElseThrow().get("rule").asText()).isEqualTo("MANUAL");
        assertThat(recon.exception(runId, missing.get("id").asText()).at("/exception/status").asText())
                .isEqualTo("RESOLVED");

        Api.Response reopened = recon.reopen(runId, missing.get("id").asText(), "Wrong payment");
        ContractTest.conforms("POST", "/v1/reconciliation/runs/{runId}/exceptions/{exceptionId}/reopen", reopened,
                200);
        assertThat(matchOf(runId, 2)).isEmpty();
        assertThat(reopened.json().at("/exception/status").asText()).isEqualTo("OPEN");
    }

    // --- the exception categories ---

    @Test
    void anAmountOffBeyondTheToleranceIsAMismatchAndWithinItAMatch() {
        PaymentRecord off = captured(6);
        PaymentRecord close = captured(7);
        long offGross = off.getAmountMinor() + 250;
        long closeGross = close.getAmountMinor() - 3;
        String runId = recon.upload("STRIPE", day(off), day(close), List.of(
                Line.capture(off.getReference(), off.getOrderNumber(), off.getCurrency(), offGross, fee(off, offGross),
                        at(off)),
                Line.capture(close.getReference(), close.getOrderNumber(), close.getCurrency(), closeGross,
                        fee(close, closeGross), at(close))), "\"amountToleranceMinor\":5");
        recon.match(runId, null);
        JsonNode mismatch = onlyOne(exceptionsOfLine(runId, "AMOUNT_MISMATCH", 2));
        assertThat(mismatch.get("expected").asLong()).isEqualTo(off.getAmountMinor());
        assertThat(mismatch.get("actual").asLong()).isEqualTo(offGross);
        assertThat(mismatch.get("difference").asLong()).isEqualTo(250);
        assertThat(mismatch.get("summary").asText()).isEqualTo("Stripe settled " + major(offGross, off.getCurrency())
                + " for " + off.getOrderNumber() + "; the platform captured " + major(off.getAmountMinor(),
                off.getCurrency()) + " (" + off.getReference() + ").");
        assertThat(matchOf(runId, 2)).isEmpty();
        JsonNode m = matchOf(runId, 3).orElseThrow();
        assertThat(m.get("rule").asText()).isEqualTo("PROVIDER_REFERENCE");
        assertThat(m.get("why").asText()).contains("within tolerance of " + major(close.getAmountMinor(),
                close.getCurrency()));
        assertThat(exceptionsOfLine(runId, "AMOUNT_MISMATCH", 3)).isEmpty();
    }

    @Test
    void anotherCurrencyIsACurrencyMismatch() {
        PaymentRecord p = captured(8);
        String other = p.getCurrency().equals("USD") ? "EUR" : "USD";
        String runId = run(p, Line.capture(p.getReference(), p.getOrderNumber(), other, p.getAmountMinor(), 0, at(p)));
        JsonNode x = onlyOne(exceptionsOfLine(runId, "CURRENCY_MISMATCH", 2));
        assertThat(x.get("summary").asText()).isEqualTo("Stripe settled " + major(p.getAmountMinor(), other) + " for "
                + p.getOrderNumber() + "; the platform captured " + major(p.getAmountMinor(), p.getCurrency())
                + " (" + p.getReference() + ") — another currency.");
        assertThat(matchOf(runId, 2)).isEmpty();
    }

    @Test
    void aReferenceReportedTwiceIsADuplicateAndBothLinesAreKept() {
        PaymentRecord p = captured(9);
        String runId = run(p, settles(p), settles(p));
        JsonNode x = onlyOne(exceptionsOf(runId, "DUPLICATE_REFERENCE"));
        assertThat(x.get("lineNumbers").toString()).isEqualTo("[2,3]");
        assertThat(x.get("summary").asText()).contains(p.getReference() + " 2 times as capture")
                .contains(major(p.getAmountMinor(), p.getCurrency()) + " + " + major(p.getAmountMinor(),
                        p.getCurrency())).contains("Both lines are kept.");
        JsonNode detail = recon.exception(runId, x.get("id").asText());
        assertThat(detail.get("lines")).hasSize(2);
        assertThat(recon.matches(runId)).isEmpty();
    }

    @Test
    void aFeeBeyondTheSchedulesToleranceIsAVarianceAndWithinItIsNot() {
        PaymentRecord high = captured(10);
        PaymentRecord fine = captured(11);
        Provider.FeeSchedule schedule = Provider.STRIPE.schedule(high.getCurrency()).orElseThrow();
        long expected = fee(high, high.getAmountMinor());
        long charged = expected + schedule.toleranceMinor() + 40;
        long fineFee = fee(fine, fine.getAmountMinor()) + Provider.STRIPE.schedule(fine.getCurrency()).orElseThrow()
                .toleranceMinor();
        String runId = recon.matched("STRIPE", day(high), day(fine), List.of(
                Line.capture(high.getReference(), high.getOrderNumber(), high.getCurrency(), high.getAmountMinor(),
                        charged, at(high)),
                Line.capture(fine.getReference(), fine.getOrderNumber(), fine.getCurrency(), fine.getAmountMinor(),
                        fineFee, at(fine))));
        JsonNode x = onlyOne(exceptionsOfLine(runId, "FEE_VARIANCE", 2));
        assertThat(x.get("expected").asLong()).isEqualTo(expected);
        assertThat(x.get("actual").asLong()).isEqualTo(charged);
        assertThat(x.get("summary").asText()).contains("fee of " + major(charged, high.getCurrency()))
                .contains("schedule says " + major(expected, high.getCurrency()));
        // The capture itself is settled: the fee is a question of its own.
        assertThat(matchOf(runId, 2)).isPresent();
        assertThat(exceptionsOfLine(runId, "FEE_VARIANCE", 3)).isEmpty();
        assertThat(matchOf(runId, 3)).isPresent();
    }

    @Test
    void aPayoutThatIsNotItsBatchsNetIsAPayoutMismatch() {
        PaymentRecord a = captured(12);
        PaymentRecord b = captured(13);
        Line good = settles(a).withBatch("po_good");
        Line bad = settles(b).withBatch("po_bad");
        String runId = recon.matched("STRIPE", day(a), day(b), List.of(good,
                new Line("PAYOUT", "po_good", null, "po_good", a.getCurrency(), -good.net(), 0, at(a).plusSeconds(5)),
                bad,
                new Line("PAYOUT", "po_bad", null, "po_bad", b.getCurrency(), -(bad.net() + 1000), 0,
                        at(b).plusSeconds(5))));
        JsonNode x = onlyOne(exceptionsOf(runId, "PAYOUT_TOTAL_MISMATCH"));
        assertThat(x.get("lineNumbers").toString()).isEqualTo("[5]");
        assertThat(x.get("summary").asText()).isEqualTo("Stripe paid out " + major(bad.net() + 1000, b.getCurrency())
                + " for batch po_bad; the batch's lines net " + major(bad.net(), b.getCurrency()) + " (difference "
                + major(1000, b.getCurrency()) + ").");
        JsonNode payouts = recon.run(runId)
                .at("/summary/payouts");
        assertThat(payouts.findValuesAsText("batchReference")).containsExactlyInAnyOrder("po_good", "po_bad");
        payouts.forEach(p -> assertThat(p.get("difference").asLong())
                .isEqualTo(p.get("batchReference").asText().equals("po_bad") ? 1000 : 0));
    }

    @Test
    void severalEqualCandidatesAreOfferedAndNoneIsTaken() {
        // Two captures of one order with the same amount at the same time: only a person can tell which one settled.
        PaymentRecord like = captured(14);
        String order = "ORD-TWIN-1";
        OffsetDateTime when = like.getCapturedAt();
        insertOrder(order, like.getCurrency(), when);
        for (String ref : List.of("pi_twin_a", "pi_twin_b")) {
            insertPayment(ref, order, 4200, like.getCurrency(), "CAPTURED", when);
        }
        String runId = run(like, Line.capture(null, order, like.getCurrency(), 4200, fee(like, 4200),
                at(like).plus(Duration.ofHours(1))));
        assertThat(matchOf(runId, 2)).isEmpty();
        JsonNode x = onlyOne(exceptionsOfLine(runId, "MISSING_IN_PLATFORM", 2));
        assertThat(x.get("summary").asText()).contains("fits 2 platform payments equally")
                .contains("pi_twin_a").contains("pi_twin_b").contains("nothing was matched automatically")
                .contains(major(4200, like.getCurrency()));
        JsonNode detail = recon.exception(runId, x.get("id").asText());
        assertThat(detail.get("candidates").findValuesAsText("reference")).contains("pi_twin_a", "pi_twin_b");
        detail.get("candidates").forEach(c -> {
            if (c.get("reference").asText().startsWith("pi_twin_")) {
                assertThat(c.get("reasons").toString()).contains("fits the line as well as another payment");
            }
        });
    }

    @Test
    void aLineThePlatformHasNoPaymentForIsMissingInPlatform() {
        PaymentRecord p = captured(15);
        String runId = run(p, Line.capture("pi_nowhere_42", "ORD-NOWHERE", "EUR", 1234, 44,
                at(p).plus(Duration.ofHours(1))));
        JsonNode x = onlyOne(exceptionsOfLine(runId, "MISSING_IN_PLATFORM", 2));
        assertThat(x.get("summary").asText()).startsWith("Stripe reports a capture of 12.34 EUR (pi_nowhere_42,"
                + " ORD-NOWHERE) on ").endsWith("the platform has no payment it fits.");
        assertThat(x.get("actual").asLong()).isEqualTo(1234);
        assertThat(matchOf(runId, 2)).isEmpty();
    }

    /**
     * A captured payment no line settles: listed as unmatched but not yet an exception while the provider still has
     * time to settle it; once the settlement delay has passed, matching again raises MISSING_IN_SETTLEMENT. A
     * resolution of it that still stands survives the next round; one whose question went away is SUPERSEDED.
     */
    @Test
    void aPaymentNotSettledBecomesAnExceptionOnceTheDelayHasPassedAndResolutionsFollowTheRounds() {
        PaymentRecord unsettled = latest(0);
        PaymentRecord settled = latest(1);
        PaymentRecord off = latest(2);
        long offGross = off.getAmountMinor() + 4;
        String runId = recon.upload("STRIPE", day(off), day(unsettled), List.of(settles(settled),
                Line.capture(off.getReference(), off.getOrderNumber(), off.getCurrency(), offGross, fee(off, offGross),
                        at(off))), null);
        recon.match(runId, null);
        // The seed's newest payment is of the last day: Stripe still has time to settle it.
        assertThat(clock.instant()).isBefore(at(unsettled).plus(Duration.ofDays(2)));
        JsonNode young = recon.unmatched(runId).stream().filter(u -> u.get("reference").asText()
                .equals(unsettled.getReference())).findFirst().orElseThrow();
        assertThat(young.get("overdue").asBoolean()).isFalse();
        assertThat(young.path("exceptionId").asText(null)).isNull();
        assertThat(young.get("dueBy").asText()).isEqualTo(day(unsettled).plusDays(3).atStartOfDay()
                .toInstant(ZoneOffset.UTC).toString());
        assertThat(exceptionsOfPayment(runId, "MISSING_IN_SETTLEMENT", unsettled.getReference())).isEmpty();
        assertThat(recon.unmatched(runId)).noneMatch(u -> u.get("reference").asText().equals(settled.getReference()));

        clock.advance(Duration.ofDays(4));
        recon.signIn();
        recon.match(runId, null);
        JsonNode overdue = onlyOne(exceptionsOfPayment(runId, "MISSING_IN_SETTLEMENT", unsettled.getReference()));
        assertThat(overdue.get("summary").asText()).isEqualTo("The platform captured "
                + major(unsettled.getAmountMinor(), unsettled.getCurrency()) + " on " + unsettled.getOrderNumber()
                + " (" + unsettled.getReference() + ") on " + day(unsettled) + "; Stripe has not settled it (due by "
                + day(unsettled).plusDays(3) + ").");
        JsonNode listed = recon.unmatched(runId).stream().filter(u -> u.get("reference").asText()
                .equals(unsettled.getReference())).findFirst().orElseThrow();
        assertThat(listed.get("overdue").asBoolean()).isTrue();
        assertThat(listed.get("exceptionId").asText()).isEqualTo(overdue.get("id").asText());

        // Resolve the missing payment and the amount mismatch; then match again with a tolerance that takes the
        // mismatch away.
        assertThat(recon.resolve(runId, overdue, "TIMING_DIFFERENCE", "In Monday's payout", null).status())
                .isEqualTo(200);
        JsonNode mismatch = onlyOne(exceptionsOfLine(runId, "AMOUNT_MISMATCH", 3));
        assertThat(recon.resolve(runId, mismatch, "WRITE_OFF", "4 cents", null).status()).isEqualTo(200);
        recon.match(runId, "{\"amountToleranceMinor\":5}");

        JsonNode kept = recon.exception(runId, overdue.get("id").asText()).get("exception");
        assertThat(kept.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(kept.at("/resolution/code").asText()).isEqualTo("TIMING_DIFFERENCE");
        assertThat(exceptionsOfPayment(runId, "MISSING_IN_SETTLEMENT", unsettled.getReference())).hasSize(1);
        JsonNode gone = recon.exception(runId, mismatch.get("id").asText());
        assertThat(gone.at("/exception/status").asText()).isEqualTo("SUPERSEDED");
        assertThat(gone.get("history").findValuesAsText("action")).contains("RESOLVED", "SUPERSEDED");
        assertThat(matchOf(runId, 3).orElseThrow().get("rule").asText()).isEqualTo("PROVIDER_REFERENCE");
    }
}
