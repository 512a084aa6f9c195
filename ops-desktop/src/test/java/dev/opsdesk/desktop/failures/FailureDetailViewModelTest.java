package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.UserMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.opsdesk.desktop.failures.FailureFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detail pane's state and actions against the real sandbox: permission gating per failure and
 * user, the replay confirmation from a real preview, replay, resolve, notes, and what a refusal by
 * the server looks like.
 */
class FailureDetailViewModelTest {

    private final List<OpsClient> clients = new ArrayList<>();
    private final List<Failure> changed = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(OpsClient::close);
    }

    private OpsClient client(String username) {
        OpsClient c = signIn(username);
        clients.add(c);
        return c;
    }

    private FailureDetailViewModel detail(OpsClient client, Me me) {
        return new FailureDetailViewModel(client, new FailurePermissions(me), me.user().username(),
                BackgroundTasks.inline(), ErrorMessages.systemDefault(), FailureFixtures.server(), changed::add);
    }

    private FailureDetailViewModel detail(OpsClient client) {
        return detail(client, client.me());
    }

    @Test
    void replayIsGatedByPermissionAndQueueScopeWithTheReasonInWords() {
        OpsClient support = client("support");
        OpsClient ops = client("ops");
        Failure payment = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "FAIL_AGAIN");
        Failure inventory = FailureFixtures.withStatus(ops, "INVENTORY_SYNC", "OPEN");
        Failure quarantined = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "DEAD");
        Failure resolved = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "RESOLVED");

        FailurePermissions supportMay = new FailurePermissions(support.me());
        FailurePermissions opsMay = new FailurePermissions(ops.me());

        assertThat(supportMay.replay(payment)).isEqualTo(Permit.ALLOWED);
        assertThat(opsMay.replay(payment).allowed()).isFalse();
        assertThat(opsMay.replay(payment).whyNot())
                .isEqualTo("You may replay inventory sync failures and fulfillment export failures only — not payment "
                        + "callbacks. Ask a colleague who handles payment callbacks.");
        assertThat(opsMay.replay(inventory)).isEqualTo(Permit.ALLOWED);
        assertThat(opsMay.resolve(payment)).as("ops resolve every queue").isEqualTo(Permit.ALLOWED);
        assertThat(supportMay.replay(quarantined).whyNot()).startsWith("Quarantined");
        assertThat(supportMay.resolve(quarantined)).as("a quarantined one can be dismissed").isEqualTo(Permit.ALLOWED);
        assertThat(supportMay.replay(resolved).whyNot()).isEqualTo("Already resolved — there is nothing left to replay.");
        assertThat(supportMay.resolve(resolved).allowed()).isFalse();
        assertThat(supportMay.note(payment)).isEqualTo(Permit.ALLOWED);

        FailureDetailViewModel opsDetail = detail(ops);
        opsDetail.show(payment);
        assertThat(opsDetail.replayPermitProperty().get().allowed()).isFalse();
        assertThat(opsDetail.resolvePermitProperty().get().allowed()).isTrue();
        opsDetail.prepareReplay();
        assertThat(opsDetail.proposalProperty().get()).isNull();
        assertThat(opsDetail.errorProperty().get().reason()).contains("not payment callbacks");
    }

    @Test
    void noRolesAreNamedAndTheScopeDecides() {
        OpsClient ops = client("ops");
        Me real = ops.me();
        Me replayAnything = new Me(real.user(), List.of("ops"), List.of(Permissions.FAILURES_READ, Permissions.FAILURES_REPLAY),
                Map.of(), null);
        Me readOnly = new Me(real.user(), List.of("admin"), List.of(Permissions.FAILURES_READ), Map.of(), null);
        Failure payment = FailureFixtures.withStatus(ops, "PAYMENT_CALLBACK", "OPEN");

        assertThat(new FailurePermissions(replayAnything).replay(payment).allowed()).isTrue();
        assertThat(new FailurePermissions(readOnly).replay(payment).whyNot()).isEqualTo("Your role may not replay failures.");
        assertThat(new FailurePermissions(readOnly).readableQueues()).hasSize(3);
    }

    @Test
    void theServerStaysTheAuthorityAndItsRefusalIsShownClearly() {
        OpsClient ops = client("ops");
        Me real = ops.me();
        // A desktop that wrongly believes ops may replay payment callbacks: the server says no.
        Me mistaken = new Me(real.user(), real.roles(), List.of(Permissions.FAILURES_READ, Permissions.FAILURES_REPLAY),
                Map.of(), null);
        FailureDetailViewModel vm = detail(ops, mistaken);
        Failure payment = FailureFixtures.openWithEffect(client("support"), "PAYMENT_CALLBACK", "FAIL_AGAIN");
        vm.show(payment);
        vm.prepareReplay();
        ReplayProposal proposal = vm.proposalProperty().get();
        assertThat(proposal.effect()).isEqualTo("NOT_ALLOWED");
        assertThat(proposal.canConfirm()).isFalse();

        // Had the desktop sent it anyway (a stale screen), the server's 403 reads like this.
        try {
            ops.failures().replay(payment.id(), null, RequestOptions.newAction());
            throw new AssertionError("ops replayed a payment callback");
        } catch (dev.opsdesk.client.ForbiddenException e) {
            UserMessage error = ErrorMessages.systemDefault().describe("Replay of " + payment.orderNumber()
                    + " did not go through", e);
            assertThat(error.reason()).startsWith("You do not have permission for this").contains("PAYMENT_CALLBACK");
            assertThat(error.action()).contains("administrator");
            assertThat(error.requestId()).isNotBlank();
        }
    }

    @Test
    void theReplayConfirmationSaysInBusinessWordsWhatWillHappenThenReplaysOnce() {
        OpsClient support = client("support");
        Failure f = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
        FailureDetailViewModel vm = detail(support);

        vm.show(f);
        assertThat(vm.detailProperty().get()).isNotNull();
        assertThat(vm.payloadProperty().get()).contains("\n  \"type\" : ").contains(f.orderNumber());
        assertThat(vm.headers()).extracting(FailureDetailViewModel.HeaderLine::name).contains("webhook-id");
        assertThat(vm.attempts()).isNotEmpty();
        assertThat(vm.orderProperty().get().orderNumber()).isEqualTo(f.orderNumber());

        vm.prepareReplay();
        ReplayProposal proposal = vm.proposalProperty().get();
        assertThat(proposal.headline()).isEqualTo("This will capture " + Formats.money(f.amount()) + " on order "
                + f.orderNumber() + " via " + FailureTexts.provider(f.provider()) + ".");
        assertThat(proposal.headline()).matches("This will capture [€£$][0-9,]+\\.[0-9]{2} on order \\S+ via (Stripe|Adyen|PayPal)\\.");
        assertThat(proposal.canConfirm()).isTrue();
        int attemptsBefore = vm.attempts().size();

        vm.confirmReplay("customer called");

        assertThat(vm.proposalProperty().get()).isNull();
        assertThat(vm.outcomeProperty().get().headline()).isEqualTo("Replay succeeded");
        assertThat(vm.outcomeProperty().get().reason()).isNotBlank();
        assertThat(vm.failureProperty().get().status()).isEqualTo("RESOLVED");
        assertThat(changed).extracting(Failure::status).containsExactly("RESOLVED");
        assertThat(vm.attempts()).hasSize(attemptsBefore + 1);
        assertThat(vm.attempts().get(0).outcome()).as("newest first").isEqualTo("SUCCEEDED");
        assertThat(vm.attempts().get(0).effect()).isEqualTo("CAPTURE_PAYMENT");
        assertThat(vm.orderProperty().get().payments()).anySatisfy(p -> assertThat(p.state()).isEqualTo("CAPTURED"));
        assertThat(vm.replayPermitProperty().get().allowed()).isFalse();

        vm.prepareReplay();
        assertThat(vm.proposalProperty().get()).as("nothing left to replay").isNull();
    }

    @Test
    void theConfirmationNamesTheMoneyTheServerSaysTheReplayWouldCapture() {
        OpsClient support = client("support");
        Failure f = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
        ReplayPreview preview = support.failures().preview(List.of(f.id()));
        assertThat(preview.captureTotals()).containsExactly(f.amount());

        assertThat(ReplayProposal.of(f, preview).headline())
                .startsWith("This will capture " + Formats.money(preview.captureTotals().get(0)) + " on order " + f.orderNumber());

        // The server's total is what the replay moves, should it ever differ from the failure's own amount.
        Money less = new Money(f.amount().amountMinor() - 100, f.amount().currency());
        ReplayPreview partial = new ReplayPreview(preview.total(), preview.byEffect(), List.of(less), List.of(),
                preview.items(), preview.truncated());
        assertThat(ReplayProposal.of(f, partial).headline()).startsWith("This will capture " + Formats.money(less) + " on ");
    }

    @Test
    void theConfirmationWarnsWhenNothingWouldHappenOrItWouldFailAgain() {
        OpsClient support = client("support");
        Failure paid = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "ALREADY_APPLIED");
        Failure missing = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "FAIL_AGAIN");
        Failure quarantined = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "DEAD");

        ReplayProposal alreadyPaid = ReplayProposal.of(paid, support.failures().preview(List.of(paid.id())));
        assertThat(alreadyPaid.headline()).startsWith("Order " + paid.orderNumber() + " is already paid — the replay will be skipped");
        assertThat(alreadyPaid.canConfirm()).isTrue();

        ReplayProposal again = ReplayProposal.of(missing, support.failures().preview(List.of(missing.id())));
        assertThat(again.warning()).isTrue();
        assertThat(again.headline()).contains("most likely fail again");
        assertThat(again.confirmLabel()).isEqualTo("_Replay anyway");

        ReplayProposal dead = ReplayProposal.of(quarantined, support.failures().preview(List.of(quarantined.id())));
        assertThat(dead.headline()).isEqualTo("Quarantined: cannot be replayed.");
        assertThat(dead.canConfirm()).isFalse();
    }

    @Test
    void resolvingNeedsAReasonAndANote() {
        OpsClient support = client("support");
        Failure f = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "FAIL_AGAIN");
        FailureDetailViewModel vm = detail(support);
        vm.show(f);

        vm.resolve("DISMISSED", "DUPLICATE", "  ");
        assertThat(vm.errorProperty().get().headline()).isEqualTo("Dismiss needs a reason");
        assertThat(vm.failureProperty().get().status()).isEqualTo("OPEN");

        vm.resolve("DISMISSED", "DUPLICATE", "Same payment came in twice");
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.failureProperty().get().status()).isEqualTo("DISMISSED");
        assertThat(vm.failureProperty().get().resolution().code()).isEqualTo("DUPLICATE");
        assertThat(vm.failureProperty().get().resolution().note()).isEqualTo("Same payment came in twice");
        assertThat(vm.outcomeProperty().get().headline()).isEqualTo("Dismissed — duplicate");
        assertThat(changed).extracting(Failure::status).containsExactly("DISMISSED");
        assertThat(vm.resolvePermitProperty().get().allowed()).isFalse();
    }

    @Test
    void assigningAndNotesShowAtOnce() {
        OpsClient support = client("support");
        Failure f = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "FAIL_AGAIN");
        FailureDetailViewModel vm = detail(support);
        vm.show(f);
        int notesBefore = vm.notes().size();

        vm.assignToMe();
        assertThat(vm.assignedToMeProperty().get()).isTrue();
        assertThat(vm.failureProperty().get().assignee()).isEqualTo("support");
        vm.addNote("Called the customer, card was charged");
        assertThat(vm.notes()).hasSize(notesBefore + 1);
        assertThat(vm.notes().get(vm.notes().size() - 1).author()).isEqualTo("support");
        vm.unassign();
        assertThat(vm.failureProperty().get().assignee()).isNull();
        assertThat(vm.assignedToMeProperty().get()).isFalse();
    }

    @Test
    void replayingSomethingAlreadyResolvedIsExplained() {
        OpsClient support = client("support");
        Failure resolved = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "RESOLVED");
        try {
            support.failures().replay(resolved.id(), null, RequestOptions.newAction());
            throw new AssertionError("a resolved failure was replayed");
        } catch (dev.opsdesk.client.ConflictException e) {
            UserMessage m = ErrorMessages.systemDefault().describe("Replay did not go through", e);
            assertThat(e.problemKind()).isEqualTo("failure-not-replayable");
            assertThat(m.reason()).startsWith("It cannot be replayed any more");
            assertThat(m.action()).startsWith("Nothing was changed.");
        }
    }
}
