package dev.opsdesk.sandbox.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches a run's settlement lines against the platform's payments, in memory: the payments of the provider around
 * the period are loaded once into hash maps (references the period does not hold are looked up in batches), and every
 * line is decided by the rules in order — the provider's reference, the order number with amount and date window,
 * several captures settling one payment, reversals against the payment they reverse. What does not pair becomes a
 * {@link Finding} in business words; nothing ambiguous is applied automatically. Pure: no database, no clock.
 */
public final class MatchingEngine {

    public static final String PROVIDER_REFERENCE = "PROVIDER_REFERENCE";
    public static final String MERCHANT_REFERENCE = "MERCHANT_REFERENCE";
    public static final String MANY_TO_ONE = "MANY_TO_ONE";
    public static final String REVERSAL = "REVERSAL";
    public static final String MANUAL = "MANUAL";

    /** A normalised settlement line. */
    public record Line(int idx, int lineNumber, String kind, String providerReference, String merchantReference,
                       String batchReference, String currency, long gross, long fee, long net, Instant bookedAt) {
    }

    /** A platform payment of the run's provider. */
    public record Payment(String reference, String orderNumber, long amount, String currency, String state,
                          Instant createdAt, Instant capturedAt, Instant refundedAt) {
    }

    /** Where payments come from besides the period's: by reference and by order number (same provider). */
    public interface PaymentSource {
        /** Payments captured (or created) in {@code [from, to)}. */
        List<Payment> between(Instant from, Instant to);

        List<Payment> byReferences(Collection<String> references);

        List<Payment> byOrderNumbers(Collection<String> orderNumbers);
    }

    public record Settings(Provider provider, LocalDate periodFrom, LocalDate periodTo, long toleranceMinor,
                           int windowDays, Instant now) {
    }

    public record Match(int idx, String rule, String why, Payment payment, int groupSize) {
    }

    /** An exception found: its category, lines (indexes), payment if any, and what is wrong in words. */
    public record Finding(String category, List<Integer> lines, Payment payment, String providerReference,
                          String orderNumber, String currency, Long expected, Long actual, Instant bookedAt,
                          String summary, List<String> candidates) {

        /** What makes it "the same exception" in another round of matching: category, lines, payment. */
        public String fingerprint() {
            return category + "|" + lines.stream().map(String::valueOf).collect(Collectors.joining(",")) + "|"
                    + (payment == null ? "" : payment.reference());
        }
    }

    public record Unmatched(Payment payment, Instant dueBy, boolean overdue) {
    }

    public record Payout(String batchReference, String currency, long amount, long linesNet, int idx) {
    }

    public record Result(List<Match> matches, List<Finding> findings, List<Unmatched> unmatched, List<Payout> payouts) {
    }

    private static final Set<String> INFO_KINDS = Set.of("FEE", "PAYOUT", "ADJUSTMENT", "OTHER");

    private MatchingEngine() {
    }

    /**
     * Matches {@code lines}, except those already matched by hand ({@code manualLines}, whose payments are
     * {@code manualPayments}).
     */
    public static Result match(List<Line> lines, Set<Integer> manualLines, Set<String> manualPayments,
                               PaymentSource source, Settings s) {
        Provider provider = s.provider();
        ZoneId zone = provider.zone();
        Instant periodStart = s.periodFrom().atStartOfDay(zone).toInstant();
        Instant periodEnd = s.periodTo().plusDays(1).atStartOfDay(zone).toInstant();
        Duration reach = Duration.ofDays(s.windowDays() + provider.settlementDelayDays() + 7L);
        Map<String, Payment> byRef = new HashMap<>();
        Map<String, List<Payment>> byOrder = new HashMap<>();
        for (Payment p : source.between(periodStart.minus(reach), periodEnd.plus(reach))) {
            index(p, byRef, byOrder);
        }
        // References and order numbers the window does not hold: one batched look-up each.
        Set<String> missingRefs = new HashSet<>();
        Set<String> missingOrders = new HashSet<>();
        for (Line l : lines) {
            if (manualLines.contains(l.idx()) || INFO_KINDS.contains(l.kind())) {
                continue;
            }
            if (l.providerReference() != null && !byRef.containsKey(l.providerReference())) {
                missingRefs.add(l.providerReference());
            }
            if (l.merchantReference() != null && !byOrder.containsKey(l.merchantReference())) {
                missingOrders.add(l.merchantReference());
            }
        }
        if (!missingRefs.isEmpty()) {
            source.byReferences(missingRefs).forEach(p -> index(p, byRef, byOrder));
        }
        if (!missingOrders.isEmpty()) {
            source.byOrderNumbers(missingOrders).forEach(p -> {
                if (!byRef.containsKey(p.reference())) {
                    index(p, byRef, byOrder);
                }
            });
        }

        List<Match> matches = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<String> settled = new HashSet<>(manualPayments);
        String who = provider.displayName();

        // Group the lines to decide by (reference, kind): one line, or several with one reference.
        Map<String, List<Line>> groups = new LinkedHashMap<>();
        List<Line> unreferenced = new ArrayList<>();
        for (Line l : lines) {
            if (manualLines.contains(l.idx()) || INFO_KINDS.contains(l.kind())) {
                continue;
            }
            if (l.providerReference() != null && byRef.containsKey(l.providerReference())) {
                groups.computeIfAbsent(l.kind() + "\u0000" + l.providerReference(), k -> new ArrayList<>(1)).add(l);
            } else if (l.providerReference() != null && !"CAPTURE".equals(l.kind())) {
                groups.computeIfAbsent(l.kind() + "\u0000" + l.providerReference(), k -> new ArrayList<>(1)).add(l);
            } else {
                unreferenced.add(l);
            }
        }
        for (List<Line> group : groups.values()) {
            Line first = group.get(0);
            Payment p = byRef.get(first.providerReference());
            if (p == null) {
                // A reversal whose payment the reference does not name: try the order number.
                if (group.size() == 1) {
                    unreferenced.add(first);
                } else {
                    findings.add(duplicate(group, null, who));
                }
                continue;
            }
            if ("CAPTURE".equals(first.kind())) {
                if (group.size() == 1) {
                    settled.add(p.reference());
                    capture(first, p, PROVIDER_REFERENCE, "provider reference " + first.providerReference()
                            + " = payment reference", s, matches, findings, who);
                } else {
                    settled.add(p.reference());
                    manyToOne(group, p, s, matches, findings, who);
                }
            } else {
                if (group.size() > 1) {
                    findings.add(duplicate(group, p, who));
                } else {
                    reversal(first, p, s, matches, findings, who);
                }
            }
        }
        // Rule 2: the order number, amount within tolerance, booking within the window; never a guess among equals.
        for (Line l : unreferenced) {
            List<Payment> candidates = l.merchantReference() == null ? List.of()
                    : byOrder.getOrDefault(l.merchantReference(), List.of());
            if (!"CAPTURE".equals(l.kind())) {
                // Of the order's payments, the one this reversal can reverse (a refund the refunded one), closest in
                // amount; only if none can does the first stand for the order in the exception.
                Payment p = candidates.stream().filter(c -> reverses(l, c))
                        .min(Comparator.comparingLong(c -> Math.abs(Math.abs(l.gross()) - c.amount())))
                        .orElse(candidates.isEmpty() ? null : candidates.get(0));
                if (p == null) {
                    findings.add(missingInPlatform(l, who, zone, List.of()));
                } else {
                    reversal(l, p, s, matches, findings, who);
                }
                continue;
            }
            List<Payment> open = candidates.stream().filter(p -> !settled.contains(p.reference())
                    && p.capturedAt() != null).toList();
            List<Payment> fitting = new ArrayList<>();
            for (Payment p : open) {
                if (p.currency().equals(l.currency()) && Math.abs(l.gross() - p.amount()) <= s.toleranceMinor()
                        && days(p.capturedAt(), l.bookedAt()) <= s.windowDays()) {
                    fitting.add(p);
                }
            }
            if (!fitting.isEmpty()) {
                Comparator<Payment> score = Comparator.comparingLong((Payment p) -> Math.abs(l.gross() - p.amount()))
                        .thenComparingLong(p -> days(p.capturedAt(), l.bookedAt()));
                fitting.sort(score);
                Payment best = fitting.get(0);
                if (fitting.size() > 1 && score.compare(best, fitting.get(1)) == 0) {
                    List<Payment> equal = fitting.stream().filter(p -> score.compare(best, p) == 0).toList();
                    findings.add(new Finding("MISSING_IN_PLATFORM", List.of(l.idx()), null, l.providerReference(),
                            l.merchantReference(), l.currency(), null, l.gross(), l.bookedAt(),
                            who + " settled " + Money.format(l.gross(), l.currency()) + " for "
                                    + l.merchantReference() + ", which fits " + equal.size()
                                    + " platform payments equally (" + equal.stream().map(Payment::reference)
                                    .collect(Collectors.joining(", ")) + "); nothing was matched automatically —"
                                    + " choose the payment it settles.",
                            equal.stream().map(Payment::reference).toList()));
                    continue;
                }
                settled.add(best.reference());
                capture(l, best, MERCHANT_REFERENCE, "merchant reference " + l.merchantReference()
                        + " = order number; amount " + (best.amount() == l.gross() ? "equal" : "within "
                        + Money.format(s.toleranceMinor(), l.currency())) + "; booked "
                        + dayWords(best.capturedAt(), l.bookedAt()) + " capture", s, matches, findings, who);
                continue;
            }
            Payment near = open.isEmpty() ? null : open.get(0);
            if (near != null && !near.currency().equals(l.currency())) {
                settled.add(near.reference());
                findings.add(currencyMismatch(l, near, who));
            } else if (near != null && days(near.capturedAt(), l.bookedAt()) <= s.windowDays()) {
                settled.add(near.reference());
                findings.add(amountMismatch(l, near, who));
            } else {
                findings.add(missingInPlatform(l, who, zone, open.stream().map(Payment::reference).toList()));
            }
        }
        // Payouts: per batch and currency, the payout against the net of the batch's other lines.
        Map<String, long[]> net = new HashMap<>();
        for (Line l : lines) {
            if (!"PAYOUT".equals(l.kind())) {
                net.computeIfAbsent(l.batchReference() + "\u0000" + l.currency(), k -> new long[1])[0] += l.net();
            }
        }
        List<Payout> payouts = new ArrayList<>();
        for (Line l : lines) {
            if ("PAYOUT".equals(l.kind())) {
                long amount = -l.gross();
                long linesNet = net.getOrDefault(l.batchReference() + "\u0000" + l.currency(), new long[1])[0];
                payouts.add(new Payout(l.batchReference(), l.currency(), amount, linesNet, l.idx()));
                if (amount != linesNet) {
                    findings.add(new Finding("PAYOUT_TOTAL_MISMATCH", List.of(l.idx()), null, l.providerReference(),
                            null, l.currency(), linesNet, amount, l.bookedAt(), who + " paid out "
                            + Money.format(amount, l.currency()) + (l.batchReference() == null ? ""
                            : " for batch " + l.batchReference()) + "; the batch's lines net "
                            + Money.format(linesNet, l.currency()) + " (difference "
                            + Money.format(amount - linesNet, l.currency()) + ").", List.of()));
                }
            }
        }
        // Payments captured in the period that no line settles: overdue once the settlement delay has passed.
        List<Unmatched> unmatched = new ArrayList<>();
        for (Payment p : byRef.values()) {
            if (p.capturedAt() == null || settled.contains(p.reference()) || p.capturedAt().isBefore(periodStart)
                    || !p.capturedAt().isBefore(periodEnd)) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(p.capturedAt(), zone);
            Instant dueBy = day.plusDays(provider.settlementDelayDays() + 1L).atStartOfDay(zone).toInstant();
            boolean overdue = !s.now().isBefore(dueBy);
            unmatched.add(new Unmatched(p, dueBy, overdue));
            if (overdue) {
                findings.add(new Finding("MISSING_IN_SETTLEMENT", List.of(), p, p.reference(), p.orderNumber(),
                        p.currency(), p.amount(), null, null, "The platform captured "
                        + Money.format(p.amount(), p.currency()) + " on " + p.orderNumber() + " (" + p.reference()
                        + ") on " + day + "; " + who + " has not settled it (due by "
                        + LocalDate.ofInstant(dueBy, zone) + ").", List.of()));
            }
        }
        unmatched.sort(Comparator.comparing((Unmatched u) -> u.payment().capturedAt())
                .thenComparing(u -> u.payment().reference()));
        return new Result(matches, findings, unmatched, payouts);
    }

    private static void index(Payment p, Map<String, Payment> byRef, Map<String, List<Payment>> byOrder) {
        if (byRef.putIfAbsent(p.reference(), p) == null) {
            byOrder.computeIfAbsent(p.orderNumber(), k -> new ArrayList<>(1)).add(p);
        }
    }

    /** A single capture paired with its payment: currency, amount, then the fee against the schedule. */
    private static void capture(Line l, Payment p, String rule, String why, Settings s, List<Match> matches,
                                List<Finding> findings, String who) {
        if (!p.currency().equals(l.currency())) {
            findings.add(currencyMismatch(l, p, who));
            return;
        }
        if (Math.abs(l.gross() - p.amount()) > s.toleranceMinor()) {
            findings.add(amountMismatch(l, p, who));
            return;
        }
        matches.add(new Match(l.idx(), rule, why + "; amount " + Money.format(l.gross(), l.currency())
                + (l.gross() == p.amount() ? " equal" : " within tolerance of " + Money.format(p.amount(),
                p.currency())), p, 1));
        feeCheck(l, p, s, findings, who);
    }

    private static void feeCheck(Line l, Payment p, Settings s, List<Finding> findings, String who) {
        s.provider().schedule(l.currency()).ifPresent(schedule -> {
            long expected = schedule.feeFor(l.gross());
            if (Math.abs(l.fee() - expected) > schedule.toleranceMinor()) {
                findings.add(new Finding("FEE_VARIANCE", List.of(l.idx()), p, l.providerReference(), p.orderNumber(),
                        l.currency(), expected, l.fee(), l.bookedAt(), who + " charged a fee of "
                        + Money.format(l.fee(), l.currency()) + " on " + Money.format(l.gross(), l.currency())
                        + " for " + p.orderNumber() + "; its fee schedule says " + Money.format(expected,
                        l.currency()) + " (" + Money.major(schedule.percentBps(), "XXX") + " % + "
                        + Money.format(schedule.fixedMinor(), l.currency()) + ").", List.of()));
            }
        });
    }

    /** Several captures with one reference: a partial-capture set if they add up, else a duplicate question. */
    private static void manyToOne(List<Line> group, Payment p, Settings s, List<Match> matches,
                                  List<Finding> findings, String who) {
        long sum = 0;
        boolean sameCurrency = true;
        boolean partial = true;
        for (Line l : group) {
            sum += l.gross();
            sameCurrency &= l.currency().equals(p.currency());
            partial &= l.gross() > 0 && l.gross() < p.amount();
        }
        if (sameCurrency && partial && Math.abs(sum - p.amount()) <= s.toleranceMinor()) {
            String lineNumbers = group.stream().map(l -> String.valueOf(l.lineNumber())).collect(Collectors.joining(", "));
            for (Line l : group) {
                matches.add(new Match(l.idx(), MANY_TO_ONE, group.size() + " captures with provider reference "
                        + l.providerReference() + " (lines " + lineNumbers + ") add up to "
                        + Money.format(sum, p.currency()) + ", the payment's amount", p, group.size()));
            }
            return;
        }
        findings.add(duplicate(group, p, who));
    }

    private static void reversal(Line l, Payment p, Settings s, List<Match> matches, List<Finding> findings,
                                 String who) {
        if (!reverses(l, p)) {
            findings.add(new Finding("MISSING_IN_PLATFORM", List.of(l.idx()), p, l.providerReference(),
                    p.orderNumber(), l.currency(), null, l.gross(), l.bookedAt(), who + " reports a "
                    + words(l.kind()) + " of " + Money.format(Math.abs(l.gross()), l.currency()) + " on "
                    + p.orderNumber() + " (" + p.reference() + "); the platform's payment is " + p.state()
                    + (l.kind().equals("REFUND") ? " and has no refund." : "."), List.of()));
            return;
        }
        if (!p.currency().equals(l.currency())) {
            findings.add(currencyMismatch(l, p, who));
            return;
        }
        if (Math.abs(Math.abs(l.gross()) - p.amount()) > s.toleranceMinor() && !"REFUND".equals(l.kind())) {
            findings.add(amountMismatch(l, p, who));
            return;
        }
        matches.add(new Match(l.idx(), REVERSAL, words(l.kind()) + " of " + Money.format(Math.abs(l.gross()),
                l.currency()) + " against payment " + p.reference() + " (" + p.orderNumber() + ", "
                + ("REFUND".equals(l.kind()) ? "refunded" : "disputed") + ")", p, 1));
    }

    /** Whether {@code p} is a payment the reversal line {@code l} can reverse. */
    private static boolean reverses(Line l, Payment p) {
        return switch (l.kind()) {
            case "REFUND" -> "REFUNDED".equals(p.state());
            case "CHARGEBACK", "CHARGEBACK_REVERSAL" -> p.capturedAt() != null;
            default -> false;
        };
    }

    private static Finding duplicate(List<Line> group, Payment p, String who) {
        Line first = group.get(0);
        String lineNumbers = group.stream().map(l -> String.valueOf(l.lineNumber())).collect(Collectors.joining(", "));
        return new Finding("DUPLICATE_REFERENCE", group.stream().map(Line::idx).toList(), p,
                first.providerReference(), p == null ? first.merchantReference() : p.orderNumber(), first.currency(),
                p == null ? null : p.amount(), group.stream().mapToLong(Line::gross).sum(), first.bookedAt(),
                who + " reports " + first.providerReference() + " " + group.size() + " times as "
                        + words(first.kind()) + " (lines " + lineNumbers + ", "
                        + group.stream().map(l -> Money.format(l.gross(), l.currency()))
                        .collect(Collectors.joining(" + ")) + ")"
                        + (p == null ? "" : "; they do not add up to a partial capture of "
                        + Money.format(p.amount(), p.currency())) + ". Is one a duplicate? Both lines are kept.",
                List.of());
    }

    private static Finding amountMismatch(Line l, Payment p, String who) {
        return new Finding("AMOUNT_MISMATCH", List.of(l.idx()), p, l.providerReference(), p.orderNumber(),
                l.currency(), p.amount(), Math.abs(l.gross()), l.bookedAt(), who + " settled "
                + Money.format(Math.abs(l.gross()), l.currency()) + " for " + p.orderNumber() + "; the platform "
                + ("CAPTURE".equals(l.kind()) ? "captured " : "holds ") + Money.format(p.amount(), p.currency())
                + " (" + p.reference() + ").", List.of());
    }

    private static Finding currencyMismatch(Line l, Payment p, String who) {
        return new Finding("CURRENCY_MISMATCH", List.of(l.idx()), p, l.providerReference(), p.orderNumber(),
                l.currency(), p.amount(), Math.abs(l.gross()), l.bookedAt(), who + " settled "
                + Money.format(Math.abs(l.gross()), l.currency()) + " for " + p.orderNumber()
                + "; the platform captured " + Money.format(p.amount(), p.currency()) + " (" + p.reference()
                + ") — another currency.", List.of());
    }

    /** The booking day is the provider's (as the missing-in-settlement words count days), not UTC's. */
    private static Finding missingInPlatform(Line l, String who, ZoneId zone, List<String> candidates) {
        String what = l.providerReference() != null ? l.providerReference()
                + (l.merchantReference() != null ? ", " + l.merchantReference() : "")
                : l.merchantReference() != null ? l.merchantReference() : "no reference";
        return new Finding("MISSING_IN_PLATFORM", List.of(l.idx()), null, l.providerReference(),
                l.merchantReference(), l.currency(), null, l.gross(), l.bookedAt(), who + " reports a "
                + words(l.kind()) + " of " + Money.format(Math.abs(l.gross()), l.currency()) + " (" + what + ") on "
                + LocalDate.ofInstant(l.bookedAt(), zone)
                + "; the platform has no payment it fits.", candidates);
    }

    /** Whole days between two instants, either way. */
    static long days(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toDays());
    }

    private static String dayWords(Instant captured, Instant booked) {
        long d = Duration.between(captured, booked).toDays();
        if (d == 0) {
            return "the same day as the";
        }
        return Math.abs(d) + (Math.abs(d) == 1 ? " day " : " days ") + (d > 0 ? "after the" : "before the");
    }

    static String words(String kind) {
        return switch (kind) {
            case "CAPTURE" -> "capture";
            case "REFUND" -> "refund";
            case "CHARGEBACK" -> "chargeback";
            case "CHARGEBACK_REVERSAL" -> "chargeback reversal";
            default -> kind.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
