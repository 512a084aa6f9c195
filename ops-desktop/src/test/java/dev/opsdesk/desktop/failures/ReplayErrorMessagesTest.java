package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.ConflictException;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.Problem;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay-specific problems in words (the problem documents as the ops API sends them; the
 * not-replayable case is also checked against the real sandbox in FailureDetailViewModelTest).
 */
class ReplayErrorMessagesTest {

    private final ErrorMessages messages = ErrorMessages.systemDefault();

    private static Problem problem(String kind, int status, String detail) {
        return new Problem("https://opsdesk.dev/problems/" + kind, kind, status, detail, null, "req-9", List.of());
    }

    @Test
    void aReplayInProgressSaysSomeoneElseIsOnItAndNothingRanTwice() {
        var e = new ConflictException("409", 409, problem("replay-in-progress", 409,
                "Failure F-1 is being replayed right now"), "req-9", "POST", "https://ops.example.com/v1/failures/F-1/replay");

        UserMessage m = messages.describe("Replay of ORD-1 did not go through", e);

        assertThat(m.reason()).isEqualTo("Someone else — or a bulk replay — is replaying it right now: Failure F-1 is being "
                + "replayed right now.");
        assertThat(m.action()).contains("updates by itself").contains("Nothing was run twice");
        assertThat(m.requestId()).isEqualTo("req-9");
    }

    @Test
    void aKeyStillInUseAndAKeyReusedForSomethingElseAreExplained() {
        var inUse = new ConflictException("409", 409, problem("idempotency-key-in-use", 409, null), "req-9", "POST",
                "https://ops.example.com/v1/failures/F-1/replay");
        var mismatch = new ValidationException("422", 422, problem("idempotency-key-mismatch", 422, null), "req-9", "POST",
                "https://ops.example.com/v1/failures/F-1/replay");

        assertThat(messages.describe("Replay did not go through", inUse).reason())
                .isEqualTo("The server is still working on this same action from a moment ago.");
        assertThat(messages.describe("Replay did not go through", mismatch).reason())
                .isEqualTo("The server already received a different request under this action's key.");
    }

    @Test
    void aPlainConflictStillReadsAsBefore() {
        var e = new ConflictException("409", 409, problem("conflict", 409, "Failure F-1 is already resolved (by ops)"),
                "req-9", "POST", "https://ops.example.com/v1/failures/F-1/resolve");

        assertThat(messages.describe("Could not resolve it", e).reason()).isEqualTo("Failure F-1 is already resolved (by ops).");
    }
}
