package dev.opsdesk.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.OpsClientConfig;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;

/**
 * Plain HTTP to this computer (the built-in sandbox) skips setting up TLS, which costs a tenth of a second of a
 * cold start; anything else (a real server, an https address, a host that merely starts with 127) keeps TLS.
 */
class LoopbackConnectionSpecTest {

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:8080/, true",
            "http://127.1.2.3/, true",
            "http://localhost:7070/, true",
            "http://[::1]:7070/, true",
            "https://127.0.0.1:8443/, false",
            "https://localhost/, false",
            "http://10.0.0.7:8080/, false",
            "http://127.example.com/, false",
            "http://ops.example.com/, false"})
    void loopbackHttpOnly(String url, boolean loopback) {
        assertThat(ApiTransport.isLoopbackHttp(HttpUrl.get(url))).isEqualTo(loopback);
    }

    @Test
    void theSandboxClientSpeaksCleartextOnlyAndARealServersClientKeepsTls() {
        try (ApiTransport sandbox = new ApiTransport(OpsClientConfig.builder(URI.create("http://127.0.0.1:9/")).build());
             ApiTransport real = new ApiTransport(OpsClientConfig.builder(URI.create("https://ops.example.com/")).build())) {
            assertThat(sandbox.streamingClient(Duration.ofSeconds(5)).connectionSpecs())
                    .containsExactly(ConnectionSpec.CLEARTEXT);
            assertThat(real.streamingClient(Duration.ofSeconds(5)).connectionSpecs())
                    .contains(ConnectionSpec.MODERN_TLS);
        }
    }
}
