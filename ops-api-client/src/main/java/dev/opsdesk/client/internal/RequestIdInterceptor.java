package dev.opsdesk.client.internal;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.UUID;

/** Gives every attempt an {@code X-Request-Id} unless the caller chose one, so failures can be traced on the server. */
public final class RequestIdInterceptor implements Interceptor {

    public static final String HEADER = "X-Request-Id";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header(HEADER) != null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header(HEADER, "odc-" + UUID.randomUUID()).build());
    }
}
