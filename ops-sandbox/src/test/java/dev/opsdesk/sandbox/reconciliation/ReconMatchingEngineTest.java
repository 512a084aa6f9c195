package dev.opsdesk.sandbox.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matching engine on its own (no database): what needs a zone or an edge the HTTP tests cannot reach. */
class ReconMatchingEngineTest {

    private static final MatchingEngine.PaymentSource NO_PAYMENTS = new MatchingEngine.PaymentSource() {
        @Override
        public List<MatchingEngine.Payment> between(Instant from, Instant to) {
            return List.of();
        }

        @Override
        public List<MatchingEngine.Payment> byReferences(Collection<String> references) {
            return List.of();
        }

        @Override
        public List<MatchingEngine.Payment> byOrderNumbers(Collection<String> orderNumbers) {
            return List.of();
        }
    };

    @Test
    void aLineMissingInThePlatformIsDatedOnTheProvidersDay() {
        // 23:30 UTC on the 20th is half past midnight on the 21st in Amsterdam, where Adyen counts its days.
        MatchingEngine.Line line = new MatchingEngine.Line(0, 2, "CAPTURE", "8816000000000001", "ORD-NONE", "1325",
                "EUR", 1999, 23, 1976, Instant.parse("2026-11-20T23:30:00Z"));
        MatchingEngine.Result result = MatchingEngine.match(List.of(line), Set.of(), Set.of(), NO_PAYMENTS,
                new MatchingEngine.Settings(Provider.ADYEN, LocalDate.parse("2026-11-21"),
                        LocalDate.parse("2026-11-21"), 0, 3, Instant.parse("2026-11-25T09:00:00Z")));
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo("MISSING_IN_PLATFORM");
            assertThat(f.summary()).isEqualTo("Adyen reports a capture of 19.99 EUR (8816000000000001, ORD-NONE) on"
                    + " 2026-11-21; the platform has no payment it fits.");
        });
    }
}
