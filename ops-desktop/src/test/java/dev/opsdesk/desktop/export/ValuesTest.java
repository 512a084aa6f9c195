package dev.opsdesk.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The CSV amount text is exactly BigDecimal's plain text, with the profile's decimal mark. */
class ValuesTest {

    @Test
    void decimalTextMatchesBigDecimalForEveryShapeOfAmount() {
        long[] amounts = {0, 1, -1, 5, -5, 9, 10, 99, 100, -100, 101, 1999, -1999, 123_456_789, -42,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long minor : amounts) {
            for (int digits : new int[] {0, 2, 3}) {
                String plain = BigDecimal.valueOf(minor, digits).toPlainString();
                assertThat(Values.decimalText(minor, digits, '.')).as("%d / %d", minor, digits).isEqualTo(plain);
                assertThat(Values.decimalText(minor, digits, ',')).as("%d / %d", minor, digits)
                        .isEqualTo(plain.replace('.', ','));
            }
        }
    }
}
