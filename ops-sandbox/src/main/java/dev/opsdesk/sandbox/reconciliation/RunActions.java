package dev.opsdesk.sandbox.reconciliation;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import java.util.List;

/**
 * What a reader may do with a run now, and if not, why, in words for the person. The server decides with the same
 * rules ({@link ReconService} calls {@link #refusal} before every change); the desktop only shows the answer.
 */
final class RunActions {

    /** The run as the rules see it. */
    record Facts(String id, String kind, String warehouse, String preparer, String state, boolean uploadComplete,
                 int uploadedLines, int lineCount, long fileReceived, long fileSize, int openExceptions) {

        Target target() {
            return Target.reconciliation(kind, warehouse, preparer);
        }
    }

    static final List<String> ACTIONS = List.of("MATCH", "RESOLVE", "SUBMIT", "APPROVE", "REJECT", "REOPEN");

    private RunActions() {
    }

    /** Why a stock count's run is never matched. */
    static final String STOCK_COUNT_MATCH = "A stock count's variances were made when it was submitted; there is"
            + " nothing to match.";

    static List<ReconViews.ActionPermit> of(Facts run, Scopes reader) {
        return ACTIONS.stream().map(a -> {
            Refusal r = refusal(a, run, reader);
            if (r == null && "MATCH".equals(a) && StockCountRuns.KIND.equals(run.kind())) {
                r = new Refusal(Refusal.Kind.STATE, STOCK_COUNT_MATCH);
            }
            return new ReconViews.ActionPermit(a, r == null, r == null ? null : r.reason());
        }).toList();
    }

    /** Why {@code reader} may not take {@code action} on {@code run} now, or null when they may. */
    record Refusal(Kind kind, String reason) {
        enum Kind { FORBIDDEN, FOUR_EYES, LOCKED, STATE, OPEN_EXCEPTIONS, INCOMPLETE }
    }

    static Refusal refusal(String action, Facts run, Scopes reader) {
        boolean preparerAction = switch (action) {
            case "MATCH", "RESOLVE", "SUBMIT" -> true;
            default -> false;
        };
        String state = run.state();
        if (preparerAction) {
            if (!reader.may(Permission.RECON_PREPARE, run.target())) {
                return new Refusal(Refusal.Kind.FORBIDDEN, "Your role cannot prepare reconciliations.");
            }
            if (!reader.username().equals(run.preparer())) {
                return new Refusal(Refusal.Kind.FORBIDDEN, "Only " + run.preparer()
                        + ", who prepared this run, can change it.");
            }
            if ("APPROVED".equals(state)) {
                return new Refusal(Refusal.Kind.LOCKED, "The run is approved and locked; an approver can reopen it.");
            }
            if ("DECERTIFIED".equals(state)) {
                return new Refusal(Refusal.Kind.STATE, "The payments under this run changed after it was approved;"
                        + " an approver must reopen it first.");
            }
            if ("SUBMITTED".equals(state)) {
                return new Refusal(Refusal.Kind.STATE, "The run is waiting for approval; it can change again only if"
                        + " an approver rejects it.");
            }
            switch (action) {
                case "MATCH" -> {
                    if ("DRAFT".equals(state) && !run.uploadComplete()) {
                        return new Refusal(Refusal.Kind.INCOMPLETE, "The upload is not complete yet: "
                                + run.uploadedLines() + " of " + run.lineCount() + " lines and " + run.fileReceived()
                                + " of " + run.fileSize() + " bytes of the file received.");
                    }
                }
                case "RESOLVE" -> {
                    if ("DRAFT".equals(state)) {
                        return new Refusal(Refusal.Kind.STATE, "The run has not been matched yet.");
                    }
                    if (run.openExceptions() == 0) {
                        return new Refusal(Refusal.Kind.STATE, "No exception is open.");
                    }
                }
                default -> {
                    if ("DRAFT".equals(state)) {
                        return new Refusal(Refusal.Kind.STATE, "The run has not been matched yet.");
                    }
                    if (run.openExceptions() > 0) {
                        return new Refusal(Refusal.Kind.OPEN_EXCEPTIONS, run.openExceptions() == 1
                                ? "1 exception is still open." : run.openExceptions() + " exceptions are still open.");
                    }
                }
            }
            return null;
        }
        if (!reader.has(Permission.RECON_APPROVE)) {
            return new Refusal(Refusal.Kind.FORBIDDEN, "Your role cannot approve reconciliations.");
        }
        if (!reader.may(Permission.RECON_APPROVE, run.target())) {
            return new Refusal(Refusal.Kind.FOUR_EYES, reader.username().equals(run.preparer())
                    ? "You prepared this run — someone else must approve it."
                    : "Your role cannot approve this run.");
        }
        return switch (action) {
            case "APPROVE", "REJECT" -> "SUBMITTED".equals(state) ? null : new Refusal(
                    "APPROVED".equals(state) ? Refusal.Kind.LOCKED : Refusal.Kind.STATE,
                    "APPROVED".equals(state) ? "The run is approved and locked; an approver can reopen it."
                            : "Only a submitted run can be " + ("APPROVE".equals(action) ? "approved" : "rejected")
                            + "; this one is " + words(state) + ".");
            default -> "APPROVED".equals(state) || "DECERTIFIED".equals(state) ? null : new Refusal(
                    Refusal.Kind.STATE, "Only an approved or decertified run can be reopened; this one is "
                    + words(state) + ".");
        };
    }

    static String words(String state) {
        return switch (state) {
            case "DRAFT" -> "a draft";
            case "IN_REVIEW" -> "in review";
            case "SUBMITTED" -> "submitted";
            case "APPROVED" -> "approved";
            default -> "decertified";
        };
    }
}
