package dev.opsdesk.client.internal;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.function.Supplier;

/** Adds the bearer token of the current session, if there is one, and the user agent. */
public final class AuthInterceptor implements Interceptor {

    private final Supplier<String> token;
    private final String userAgent;

    public AuthInterceptor(Supplier<String> token, String userAgent) {
        this.token = token;
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request.Builder builder = chain.request().newBuilder().header("User-Agent", userAgent);
        String current = token.get();
        if (current != null && chain.request().header("Authorization") == null) {
            builder.header("Authorization", "Bearer " + current);
        }
        return chain.proceed(builder.build());
    }
}
