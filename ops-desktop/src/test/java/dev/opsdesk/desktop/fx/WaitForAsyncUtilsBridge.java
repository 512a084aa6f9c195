package dev.opsdesk.desktop.fx;

import org.testfx.util.WaitForAsyncUtils;

/** Lets pending FX events run before asserting that nothing changed. */
final class WaitForAsyncUtilsBridge {

    private WaitForAsyncUtilsBridge() {
    }

    static void settle() {
        WaitForAsyncUtils.waitForFxEvents(3);
    }
}
