package dev.opsdesk.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdesk.client.ConflictException;
import dev.opsdesk.client.StockChangedException;
import dev.opsdesk.client.ForbiddenException;
import dev.opsdesk.client.NotFoundException;
import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.RateLimitedException;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.ServerException;
import dev.opsdesk.client.SessionListener;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.UnauthenticatedException;
import dev.opsdesk.client.UnexpectedResponseException;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.Problem;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.logging.HttpLoggingInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one logical request and turns the answer into a value or a typed {@link OpsApiException}.
 * Holds the session token and tells {@link SessionListener}s when the server stops accepting it.
 */
public final class ApiTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.opsdesk.client.http");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OpsClientConfig config;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final ObjectMapper mapper = Json.newMapper();
    private final AtomicReference<String> token = new AtomicReference<>();
    private final List<SessionListener> sessionListeners = new CopyOnWriteArrayList<>();

    public ApiTransport(OpsClientConfig config) {
        this(config, new OkHttpClient.Builder());
    }

    /** Builds on a caller's OkHttp builder (tests use it to inject an event listener or a sleeper). */
    public ApiTransport(OpsClientConfig config, OkHttpClient.Builder builder) {
        this.config = config;
        HttpUrl parsed = HttpUrl.parse(config.baseUrl().toString());
        if (parsed == null) {
            throw new IllegalArgumentException("Not an http(s) URL: " + config.baseUrl());
        }
        this.base = parsed;
        HttpLoggingInterceptor logging = new HttpLoggingInterceptor(line -> {
            if (config.httpLog() != null) {
                config.httpLog().accept(line);
            } else {
                LOG.debug(line);
            }
        });
        // Headers only: request bodies can carry a password, response bodies a token.
        logging.setLevel(config.httpLog() != null || LOG.isDebugEnabled()
                ? HttpLoggingInterceptor.Level.HEADERS : HttpLoggingInterceptor.Level.NONE);
        logging.redactHeader("Authorization");
        logging.redactHeader("Cookie");
        logging.redactHeader("Set-Cookie");
        if (isLoopbackHttp(parsed)) {
            // Plain HTTP to this computer (the desktop's built-in sandbox): no TLS to set up. OkHttp otherwise
            // loads the trust store and builds a TLS context at once, a tenth of a second of a cold start.
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .retryOnConnectionFailure(false) // our RetryInterceptor decides what is safe to repeat
                .addInterceptor(new RetryInterceptor(config.maxRetries(), config.retryBaseDelay(), config.retryMaxDelay()))
                .addInterceptor(new RequestIdInterceptor())
                .addInterceptor(new AuthInterceptor(token::get, config.userAgent()))
                .addNetworkInterceptor(ApiTransport::withoutImmediateRetryAfter)
                .addNetworkInterceptor(logging)
                .build();
    }

    /** An {@code http://} address of this computer: localhost or a loopback IP, by name only (no lookup). */
    static boolean isLoopbackHttp(HttpUrl url) {
        if (url.isHttps()) {
            return false;
        }
        String host = url.host();
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }

    public OpsClientConfig config() {
        return config;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String token() {
        return token.get();
    }

    public void token(String value) {
        token.set(value);
    }

    public void addSessionListener(SessionListener listener) {
        sessionListeners.add(listener);
    }

    public void removeSessionListener(SessionListener listener) {
        sessionListeners.remove(listener);
    }

    /**
     * A client for long-lived streams: same interceptors and connection pool, no overall call
     * timeout, and a read timeout that only a dead connection (no heartbeat) reaches.
     */
    public OkHttpClient streamingClient(java.time.Duration readTimeout) {
        return http.newBuilder().callTimeout(java.time.Duration.ZERO).readTimeout(readTimeout).build();
    }

    /** Tells the session listeners that the server no longer accepts the token (used by streams). */
    public void sessionRejected(UnauthenticatedException cause) {
        if (token.getAndSet(null) != null) {
            sessionListeners.forEach(l -> l.sessionEnded(cause));
        }
    }

    /** Turns an error answer into the client's typed exception (used by streams). */
    public OpsApiException errorFor(Response response) {
        byte[] bytes;
        try {
            bytes = response.body().bytes();
        } catch (IOException e) {
            bytes = new byte[0];
        }
        String where = response.request().url().newBuilder().query(null).build().toString();
        String requestId = response.header(RequestIdInterceptor.HEADER);
        return toException(response.code(), response.header("Content-Type"), bytes,
                requestId != null ? requestId : response.request().header(RequestIdInterceptor.HEADER),
                response.request().method(), where, response);
    }

    /** Turns an I/O failure into the client's typed exception (used by streams). */
    public TransportException errorFor(IOException e, Request request) {
        return toTransportException(e, request.method(), request.url().newBuilder().query(null).build().toString(), false);
    }

    public HttpUrl url(String path, Map<String, ?> query) {
        HttpUrl.Builder b = base.newBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                b.addPathSegment(segment);
            }
        }
        if (query != null) {
            query.forEach((k, v) -> {
                if (v != null) {
                    b.addQueryParameter(k, String.valueOf(v));
                }
            });
        }
        return b.build();
    }

    public <T> T get(String path, Map<String, ?> query, JavaType type) {
        return execute(new Request.Builder().url(url(path, query)).get().build(), type, true);
    }

    public <T> T post(String path, Object body, JavaType type, RequestOptions options, boolean authenticated) {
        Request.Builder b = new Request.Builder().url(url(path, null)).post(jsonBody(body));
        applyOptions(b, options);
        return execute(b.build(), type, authenticated);
    }

    /** Like {@link #post} but writes null properties too (e.g. {@code {"assignee": null}} to unassign). */
    public <T> T postIncludingNulls(String path, java.util.Map<String, ?> body, JavaType type, RequestOptions options) {
        byte[] bytes;
        try {
            bytes = mapper.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                    .writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body as JSON", e);
        }
        Request.Builder b = new Request.Builder().url(url(path, null)).post(RequestBody.create(bytes, JSON));
        applyOptions(b, options);
        return execute(b.build(), type, true);
    }

    /**
     * POST of work the server does while the caller waits (matching a large run): the answer may take up to
     * {@code patience} instead of the usual read and call timeouts. A retry of the same request (same idempotency
     * key) that finds the first still running waits for it rather than failing: the server answers 409
     * {@code idempotency-key-in-use} until the first is done, then the first's answer.
     */
    public <T> T postLong(String path, Object body, JavaType type, RequestOptions options, java.time.Duration patience) {
        OkHttpClient slow = http.newBuilder().readTimeout(patience).callTimeout(patience.plusSeconds(30)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Request.Builder b = new Request.Builder().url(url(path, null)).post(jsonBody(body));
            applyOptions(b, options);
            try {
                return execute(slow, b.build(), type, true);
            } catch (dev.opsdesk.client.ConflictException e) {
                if (!"idempotency-key-in-use".equals(e.problemKind()) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** PUT of a JSON body. */
    public <T> T putJson(String path, Object body, JavaType type, RequestOptions options) {
        Request.Builder b = new Request.Builder().url(url(path, null)).put(jsonBody(body));
        applyOptions(b, options);
        return execute(b.build(), type, true);
    }

    /** PUT of raw bytes (a piece of a file) with a query, e.g. {@code ?offset=}. */
    public <T> T putBytes(String path, Map<String, ?> query, byte[] body, String mediaType, JavaType type,
                          RequestOptions options) {
        Request.Builder b = new Request.Builder().url(url(path, query))
                .put(RequestBody.create(body, MediaType.get(mediaType)));
        applyOptions(b, options);
        return execute(b.build(), type, true);
    }

    /**
     * GET of a file: streams the body into {@code sink} and answers the file name the server gave in
     * {@code Content-Disposition} (null when it gave none). An error answer is thrown as for any other request.
     */
    public String download(String path, Map<String, ?> query, java.io.OutputStream sink) {
        Request request = new Request.Builder().url(url(path, query)).get().build();
        String method = request.method();
        String where = request.url().newBuilder().query(null).build().toString();
        Call call = http.newCall(request);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                String requestId = response.header(RequestIdInterceptor.HEADER);
                throw toException(response.code(), response.header("Content-Type"), response.body().bytes(), requestId,
                        method, where, response);
            }
            try (java.io.InputStream in = response.body().byteStream()) {
                in.transferTo(sink);
            }
            return fileName(response.header("Content-Disposition"));
        } catch (IOException e) {
            throw toTransportException(e, method, where, call.isCanceled());
        }
    }

    /** The {@code filename} of a {@code Content-Disposition: attachment; filename="…"} header. */
    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(disposition);
        return m.find() ? m.group(1).trim() : null;
    }

    public <T> T delete(String path, JavaType type, RequestOptions options) {
        Request.Builder b = new Request.Builder().url(url(path, null)).delete();
        applyOptions(b, options);
        return execute(b.build(), type, true);
    }

    private static void applyOptions(Request.Builder b, RequestOptions options) {
        if (options != null) {
            b.header("Idempotency-Key", options.idempotencyKey());
            if (options.requestId() != null) {
                b.header(RequestIdInterceptor.HEADER, options.requestId());
            }
        }
    }

    private RequestBody jsonBody(Object body) {
        try {
            return RequestBody.create(body == null ? new byte[0] : mapper.writeValueAsBytes(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body as JSON", e);
        }
    }

    private <T> T execute(Request request, JavaType type, boolean authenticated) {
        return execute(http, request, type, authenticated);
    }

    private <T> T execute(OkHttpClient with, Request request, JavaType type, boolean authenticated) {
        String method = request.method();
        String where = request.url().newBuilder().query(null).build().toString();
        Call call = with.newCall(request);
        try (Response response = call.execute()) {
            String requestId = response.header(RequestIdInterceptor.HEADER);
            if (requestId == null) {
                requestId = response.request().header(RequestIdInterceptor.HEADER);
            }
            String contentType = response.header("Content-Type");
            byte[] bytes = response.body().bytes();
            if (response.isSuccessful()) {
                if (type == null || type.getRawClass() == Void.class) {
                    return null;
                }
                if (contentType == null || !isJson(contentType)) {
                    throw new UnexpectedResponseException(
                            where + " answered with " + describe(contentType) + " instead of JSON; this does not look like an ops API server",
                            response.code(), contentType, requestId, method, where, null);
                }
                try {
                    T value = mapper.readValue(bytes, type);
                    if (value == null) {
                        throw new UnexpectedResponseException(where + " answered with an empty JSON document",
                                response.code(), contentType, requestId, method, where, null);
                    }
                    return value;
                } catch (IOException e) {
                    throw new UnexpectedResponseException(where + " answered with JSON the client cannot read ("
                            + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()) + ")", response.code(), contentType, requestId, method, where, e);
                }
            }
            OpsApiException error = toException(response.code(), contentType, bytes, requestId, method, where, response);
            if (error instanceof UnauthenticatedException unauthenticated && authenticated && request.header("Authorization") == null
                    && token.get() != null) {
                // The token was added by the interceptor: the server no longer accepts our session.
                token.set(null);
                sessionListeners.forEach(l -> l.sessionEnded(unauthenticated));
            }
            throw error;
        } catch (IOException e) {
            throw toTransportException(e, method, where, call.isCanceled());
        }
    }

    /**
     * OkHttp silently repeats any request, POSTs included, once when a 503 says {@code Retry-After: 0}.
     * Only {@link RetryInterceptor} may decide what is repeated, so that hint is dropped here
     * (for a retryable request the backoff then decides the wait).
     */
    private static Response withoutImmediateRetryAfter(okhttp3.Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 503 && "0".equals(String.valueOf(response.header("Retry-After")).trim())) {
            return response.newBuilder().removeHeader("Retry-After").build();
        }
        return response;
    }

    private OpsApiException toException(int status, String contentType, byte[] bytes, String requestId,
                                        String method, String where, Response response) {
        Problem problem = null;
        if (contentType != null && isJson(contentType)) {
            try {
                problem = mapper.readValue(bytes, Problem.class);
            } catch (IOException ignored) {
                // fall through: treated as a non-ops-API answer below
            }
        }
        if (problem == null || problem.type() == null) {
            if (status >= 500) {
                return new ServerException("The server failed (HTTP " + status + ") on " + method + " " + where,
                        status, null, requestId, method, where);
            }
            return new UnexpectedResponseException(where + " answered HTTP " + status + " with " + describe(contentType)
                    + " instead of an ops API problem document; check the server address", status, contentType,
                    requestId, method, where, null);
        }
        String message = (problem.title() == null ? "HTTP " + status : problem.title())
                + (problem.detail() == null ? "" : ": " + problem.detail());
        return switch (status) {
            case 400, 422 -> new ValidationException(message, status, problem, requestId, method, where);
            case 401 -> new UnauthenticatedException(message, status, problem, requestId, method, where);
            case 403 -> new ForbiddenException(message, status, problem, requestId, method, where);
            case 404 -> new NotFoundException(message, status, problem, requestId, method, where);
            case 409 -> problem.currentVersion() != null
                    ? new StockChangedException(message, status, problem, requestId, method, where)
                    : new ConflictException(message, status, problem, requestId, method, where);
            case 429 -> new RateLimitedException(message, problem, requestId, method, where, RetryInterceptor.retryAfter(response));
            default -> status >= 500
                    ? new ServerException(message, status, problem, requestId, method, where)
                    : new ValidationException(message, status, problem, requestId, method, where);
        };
    }

    private static TransportException toTransportException(IOException e, String method, String where, boolean canceled) {
        String host = URI.create(where).getAuthority();
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
            return new TransportException(host + " did not answer in time", TransportException.Kind.TIMEOUT, method, where, e);
        }
        if (canceled || Thread.currentThread().isInterrupted() || e instanceof InterruptedIOException) {
            return new TransportException("The request to " + host + " was cancelled", TransportException.Kind.INTERRUPTED, method, where, e);
        }
        if (e instanceof UnknownHostException) {
            return new TransportException("The server name " + URI.create(where).getHost() + " could not be resolved",
                    TransportException.Kind.CONNECT_FAILED, method, where, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new TransportException("Could not connect to " + host + " (" + e.getMessage() + ")",
                    TransportException.Kind.CONNECT_FAILED, method, where, e);
        }
        if (e instanceof SocketException || String.valueOf(e.getMessage()).contains("unexpected end of stream")
                || e instanceof java.io.EOFException) {
            return new TransportException("The connection to " + host + " was closed before the answer was complete",
                    TransportException.Kind.CONNECTION_RESET, method, where, e);
        }
        return new TransportException("Talking to " + host + " failed: " + e.getMessage(), TransportException.Kind.OTHER, method, where, e);
    }

    private static boolean isJson(String contentType) {
        String ct = contentType.toLowerCase();
        return ct.startsWith("application/json") || ct.startsWith("application/problem+json");
    }

    private static String describe(String contentType) {
        return contentType == null ? "no content type" : "'" + contentType + "'";
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
