package dev.opsdesk.sandbox.reconciliation;

import java.time.LocalDate;

/** A settlement run to start, as the contract's {@code NewReconRun} (validated by the HTTP layer). */
public record NewRun(Provider provider, LocalDate periodFrom, LocalDate periodTo, String layout, String fileName,
                     String fileSha256, long fileSize, int lineCount, boolean allowDuplicateFile,
                     long amountToleranceMinor, int dateWindowDays) {
}
