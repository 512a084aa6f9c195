package dev.opsdesk.sandbox.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The servlet filter in front of Javalin, so that it holds for every request, routed or not, signed in or not:
 * <ul>
 *   <li>the response headers every answer carries ({@link #SECURITY_HEADERS});</li>
 *   <li>the body limit, counted while reading: a body past {@code maxBytes} is refused with {@code 413} however it is
 *   framed ({@code Content-Length} or chunked), before anything is kept of it;</li>
 *   <li>{@code HEAD}: routed as {@code GET} (Jetty leaves out the body, as it knows the request was HEAD), with the
 *   request attribute {@link #HEAD} set for routes that must not start work for it (the event stream).</li>
 * </ul>
 */
final class RequestGate implements Filter {

    static final String HEAD = "opsdesk.head";

    /**
     * A JSON API is never a document to render, frame or sniff: say so to any browser that is pointed at it, and
     * let no cache keep what carries tokens and personal data.
     */
    static final String[][] SECURITY_HEADERS = {
            {"X-Content-Type-Options", "nosniff"},
            {"Cache-Control", "no-store"},
            {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
            {"X-Frame-Options", "DENY"},
            {"Referrer-Policy", "no-referrer"},
            {"Cross-Origin-Resource-Policy", "same-origin"},
    };

    private final long maxBytes;
    private final java.util.List<RouteModule.RawBody> rawBodies;

    RequestGate(long maxBytes, java.util.List<RouteModule.RawBody> rawBodies) {
        this.maxBytes = maxBytes;
        this.rawBodies = rawBodies;
    }

    /** The limit of this request's body: its route's own (a file piece), else the API's. */
    private long limitOf(HttpServletRequest req) {
        for (RouteModule.RawBody raw : rawBodies) {
            if (raw.matches(req.getMethod(), req.getRequestURI())) {
                return raw.maxBytes();
            }
        }
        return maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        for (String[] header : SECURITY_HEADERS) {
            res.setHeader(header[0], header[1]);
        }
        boolean head = "HEAD".equalsIgnoreCase(req.getMethod());
        if (head) {
            req.setAttribute(HEAD, Boolean.TRUE);
        }
        long limit = limitOf(req);
        byte[] body = req.getContentLengthLong() > limit ? null : readAtMost(req.getInputStream(), limit);
        if (body == null) {
            tooLarge(req, res, limit);
            return;
        }
        chain.doFilter(new Read(req, head, body), response);
    }

    /** The whole stream, or null as soon as it has more than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletRequest req, HttpServletResponse res, long limit) throws IOException {
        String requestId = RequestIds.accept(req.getHeader(RequestIds.HEADER));
        res.setStatus(413);
        res.setHeader(RequestIds.HEADER, requestId);
        // The rest of the body is not read: the connection cannot carry another request.
        res.setHeader("Connection", "close");
        res.setContentType(Json.PROBLEM_CONTENT_TYPE);
        byte[] problem = JettyProblemErrorHandler.problem(413, req.getRequestURI(), requestId,
                detailTooLarge(limit)).getBytes(StandardCharsets.UTF_8);
        res.setContentLength(problem.length);
        res.getOutputStream().write(problem);
        res.flushBuffer();
    }

    static String detailTooLarge(long maxBytes) {
        return "The request body is too large (at most " + maxBytes + " bytes).";
    }

    /** The request with its body read (and HEAD seen as GET). */
    private static final class Read extends HttpServletRequestWrapper {

        private final boolean head;
        private final byte[] body;

        Read(HttpServletRequest request, boolean head, byte[] body) {
            super(request);
            this.head = head;
            this.body = body;
        }

        @Override
        public String getMethod() {
            return head ? "GET" : super.getMethod();
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has been read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
