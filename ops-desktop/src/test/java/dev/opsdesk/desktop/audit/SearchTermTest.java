package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.model.AuditFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the one search box reads what people paste into it. */
class SearchTermTest {

    private static AuditFilter filterOf(String text) {
        return SearchTerm.parse(text).applyTo(AuditFilter.none());
    }

    @Test
    void anOrderNumberOpensTheOrdersTimelineWhateverItsCase() {
        assertThat(filterOf(" ord-100123 ").entity()).isEqualTo("order:ORD-100123");
        assertThat(filterOf("ORD-100123").q()).isNull();
        assertThat(SearchTerm.parse("ORD-100123").describe()).isEqualTo("Order ORD-100123’s timeline");
    }

    @Test
    void aFailureIdOpensThatFailuresEvents() {
        assertThat(filterOf("f-0000042").entity()).isEqualTo("failure:F-0000042");
        assertThat(SearchTerm.parse("F-0000042").describe()).isEqualTo("Failure F-0000042");
    }

    @Test
    void aJobIdShowsEverythingTheJobDidAndAHashNumberOneEvent() {
        assertThat(filterOf("j-000017").correlationId()).isEqualTo("J-000017");
        AuditFilter one = filterOf("#1234");
        assertThat(one.fromSequence()).isEqualTo(1234L);
        assertThat(one.toSequence()).isEqualTo(1234L);
        assertThat(filterOf("#0").q()).as("no event #0: searched as text").isEqualTo("#0");
    }

    @Test
    void aTypedEntityIsTakenAsItIsAndEverythingElseIsAnExactSearch() {
        assertThat(filterOf("payment:pi_3N5xYz").entity()).isEqualTo("payment:pi_3N5xYz");
        assertThat(filterOf("User:support").entity()).isEqualTo("user:support");
        assertThat(filterOf("pi_3N5xYz").q()).isEqualTo("pi_3N5xYz");
        assertThat(filterOf("5697301357807810").q()).as("Adyen references are digits: not a sequence")
                .isEqualTo("5697301357807810");
        assertThat(filterOf("SKU-74353").q()).isEqualTo("SKU-74353");
        assertThat(filterOf("warehouse:WH-1").q()).as("not an entity type of the trail").isEqualTo("warehouse:WH-1");
        assertThat(filterOf("x".repeat(300)).q()).hasSize(SearchTerm.MAX_TEXT);
        assertThat(filterOf("   ")).isEqualTo(AuditFilter.none());
    }

    @Test
    void aNewSearchReplacesTheLastOneButKeepsTheOtherFilters() {
        AuditFilter before = AuditFilter.none().withEntity("order:ORD-1").withActor("support").withAction("failure.*");
        AuditFilter after = SearchTerm.parse("SKU-1").applyTo(before);
        assertThat(after.entity()).isNull();
        assertThat(after.q()).isEqualTo("SKU-1");
        assertThat(after.actor()).isEqualTo("support");
        assertThat(after.action()).isEqualTo("failure.*");
    }

    @Test
    void theBoxShowsTheBareIdWhereThatIsEnough() {
        assertThat(SearchTerm.boxTextFor("order:ORD-100123")).isEqualTo("ORD-100123");
        assertThat(SearchTerm.boxTextFor("failure:F-0000042")).isEqualTo("F-0000042");
        assertThat(SearchTerm.boxTextFor("payment:pi_1")).isEqualTo("payment:pi_1");
        assertThat(SearchTerm.boxTextFor("order:12345")).as("a bare 12345 would be a text search")
                .isEqualTo("order:12345");
    }
}
