package dev.opsdesk.desktop.bench;

import dev.opsdesk.desktop.testing.FxThread;
import javafx.application.Platform;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** What the desktop benchmarks that drive a real view share: headless set-up, FX-thread calls, frames, figures. */
public final class FxBench {

    private FxBench() {
    }

    /** Monocle, software rendering, a 1600×1000 screen — unless {@code -Dbench.window=true} asks for a real window. */
    public static void headlessUnlessAsked() {
        if (!Boolean.getBoolean("bench.window")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", "1600x1000-32");
        }
    }

    /** Runs {@code call} on the FX thread and waits for its result (at most a minute). */
    public static <T> T fx(Callable<T> call) {
        return FxThread.call(call, 60);
    }

    /** Waits until {@code condition} holds on the FX thread and a frame with it was laid out. */
    public static void awaitDrawn(Node node, BooleanSupplier condition, long timeoutMinutes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes);
        while (!fx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeoutMinutes + " min");
            }
            Thread.sleep(1);
        }
        CountDownLatch laidOut = new CountDownLatch(1);
        Platform.runLater(() -> {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                node.getScene().removePostLayoutPulseListener(once[0]);
                laidOut.countDown();
            };
            node.getScene().addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
        });
        laidOut.await(10, TimeUnit.SECONDS);
    }

    public static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    public static long ms(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    public static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /**
     * How long a click would wait: posts a task to the FX thread every 20 ms and records how long it waited
     * until it ran. {@link #stop()} ends the sampling and prints the figures.
     */
    public static final class Latency {
        private final List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean sampling = new AtomicBoolean(true);
        private final Thread sampler;

        private Latency() {
            sampler = new Thread(() -> {
                while (sampling.get()) {
                    long posted = System.nanoTime();
                    CountDownLatch ran = new CountDownLatch(1);
                    Platform.runLater(() -> {
                        waits.add(System.nanoTime() - posted);
                        ran.countDown();
                    });
                    try {
                        ran.await();
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fx-latency-sampler");
            sampler.setDaemon(true);
        }

        public static Latency start() {
            Latency latency = new Latency();
            latency.sampler.start();
            return latency;
        }

        /** Stops sampling; "median …, p99 …, worst …" of the waits. */
        public String stop() throws InterruptedException {
            sampling.set(false);
            sampler.join();
            List<Long> sorted;
            synchronized (waits) {
                sorted = new ArrayList<>(waits);
            }
            Collections.sort(sorted);
            return String.format("%d samples: median %.1f ms, p99 %.1f ms, worst %.1f ms", sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                    sorted.get(sorted.size() - 1) / 1e6);
        }
    }
}
