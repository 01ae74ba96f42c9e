package io.github.wechatpay4j.testkit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request and its answer on a {@link LoopbackHttpServer} connection. Answer header names are written exactly as
 * they were set ({@code Wechatpay-Timestamp}, {@code Request-ID}), as WeChat Pay writes them; the JDK's
 * {@code HttpServer} would have sent {@code Wechatpay-timestamp} and {@code Request-id}. The head and a fixed-length
 * body leave in one write.
 */
final class FakeExchange implements AutoCloseable {

    /** Answer headers in the order set, names kept as given, replaced case-insensitively. */
    static final class ResponseHeaders {
        private final List<String[]> entries = new ArrayList<>();

        void set(String name, String value) {
            if (name.indexOf('\r') >= 0
                    || name.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a header must not contain CR or LF: " + name);
            }
            entries.removeIf(e -> e[0].equalsIgnoreCase(name));
            entries.add(new String[] {name, value});
        }
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> requestHeaders;
    private final InputStream requestBody;
    private final OutputStream connection;
    private final ResponseHeaders responseHeaders = new ResponseHeaders();
    private OutputStream responseBody;
    private boolean sent;
    private boolean closed;
    private boolean keepAlive;
    private java.security.cert.X509Certificate clientCertificate;

    FakeExchange(
            String method,
            URI uri,
            Map<String, List<String>> requestHeaders,
            InputStream requestBody,
            OutputStream connection,
            boolean keepAlive) {
        this.method = method;
        this.uri = uri;
        this.requestHeaders = requestHeaders;
        this.requestBody = requestBody;
        this.connection = connection;
        this.keepAlive = keepAlive;
    }

    /** Set by the server: the certificate the client presented over TLS ({@code null}: none, or plain HTTP). */
    void clientCertificate(java.security.cert.X509Certificate certificate) {
        this.clientCertificate = certificate;
    }

    /** The certificate the client presented in the TLS handshake, or {@code null}. */
    java.security.cert.X509Certificate clientCertificate() {
        return clientCertificate;
    }

    String getRequestMethod() {
        return method;
    }

    URI getRequestURI() {
        return uri;
    }

    /** Request headers by lower-case name. */
    Map<String, List<String>> getRequestHeaders() {
        return requestHeaders;
    }

    InputStream getRequestBody() {
        return requestBody;
    }

    ResponseHeaders getResponseHeaders() {
        return responseHeaders;
    }

    /**
     * Writes the status line and headers: {@code length} > 0 a body of that many bytes, 0 a chunked body of unknown
     * length, -1 no body.
     */
    void sendResponseHeaders(int status, long length) throws IOException {
        if (sent) {
            throw new IOException("the answer's headers were sent already");
        }
        sent = true;
        if ("close".equalsIgnoreCase(headerValue("Connection"))) {
            keepAlive = false;
        }
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        head.append("Date: ")
                .append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        for (String[] e : responseHeaders.entries) {
            head.append(e[0]).append(": ").append(e[1]).append("\r\n");
        }
        boolean chunked = length == 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (status != 204 && status != 304 && status >= 200) {
            head.append("Content-Length: ").append(Math.max(length, 0)).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        connection.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            responseBody = new Chunked(connection);
        } else {
            responseBody = new Fixed(connection, Math.max(length, 0));
        }
    }

    OutputStream getResponseBody() {
        if (responseBody == null) {
            throw new IllegalStateException("send the answer's headers first");
        }
        return responseBody;
    }

    /** Whether the connection may carry another request after this exchange. */
    boolean keepAlive() {
        return keepAlive && sent && closed;
    }

    /**
     * Ends the exchange. Closed before its headers were sent, the connection is dropped without an answer (the
     * fake's connection-reset faults rely on it); a body left short also drops it.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!sent) {
            keepAlive = false;
            return;
        }
        responseBody.close();
        if (responseBody instanceof Fixed f && f.remaining > 0) {
            keepAlive = false;
        }
        if (!(requestBody instanceof HttpBodies.Body b) || !b.exhausted()) { // the rest of the request is unread:
            keepAlive = false; // the connection cannot carry more
        }
        connection.flush();
    }

    private String headerValue(String name) {
        for (String[] e : responseHeaders.entries) {
            if (e[0].equalsIgnoreCase(name)) {
                return e[1];
            }
        }
        return null;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
        };
    }

    /** A body of a declared length; writing more is an error, writing less leaves the connection unusable. */
    private static final class Fixed extends FilterOutputStream {
        long remaining;

        Fixed(OutputStream out, long length) {
            super(out);
            this.remaining = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > remaining) {
                throw new IOException("the body is longer than its Content-Length");
            }
            out.write(b, off, len);
            remaining -= len;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** A chunked body; closing it writes the last chunk. */
    private static final class Chunked extends FilterOutputStream {
        private boolean finished;

        Chunked(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (finished) {
                throw new IOException("the chunked body is closed");
            }
            if (len == 0) {
                return;
            }
            out.write(
                    (Integer.toHexString(len).toUpperCase(Locale.ROOT) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                finished = true;
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }
    }
}
