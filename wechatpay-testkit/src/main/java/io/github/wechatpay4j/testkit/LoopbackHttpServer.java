package io.github.wechatpay4j.testkit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The fake's own HTTP/1.1 server on loopback: persistent connections, {@code Content-Length} and chunked request
 * bodies, {@code Expect: 100-continue}, fixed and chunked answers, {@code TCP_NODELAY}, and answer header names
 * written exactly as set. It replaces the JDK's {@code HttpServer}, which rewrites header names
 * ({@code Wechatpay-timestamp}) so that clients that look headers up by WeChat Pay's spelling (the official Java SDK)
 * fail, and which without a JVM-wide property waits ~40 ms per answer for a delayed ACK. One thread per connection
 * from the given executor; enough for tests.
 */
final class LoopbackHttpServer implements AutoCloseable {
    /** Handles one exchange; it must send an answer or close the exchange (which drops the connection). */
    @FunctionalInterface
    interface Handler {
        void handle(FakeExchange exchange) throws IOException;
    }

    private static final int MAX_HEAD = 64 * 1024;
    /**
     * An idle persistent connection is closed after this long, as servers do (the JDK's HttpServer after 30 s, nginx
     * after 75 s by default); clients that keep pools (the JDK's HttpClient on Java 17 has no close()) rely on it.
     */
    private static final int IDLE_TIMEOUT_MILLIS = 30_000;

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    LoopbackHttpServer(int port, int backlog, ExecutorService executor, Handler handler) throws IOException {
        this(new ServerSocket(port, backlog, InetAddress.getLoopbackAddress()), executor, handler);
    }

    /**
     * Serves on {@code socket}, already bound: a TLS server socket makes this an HTTPS server, whose exchanges carry
     * the client certificate presented in the handshake, if any.
     */
    LoopbackHttpServer(ServerSocket socket, ExecutorService executor, Handler handler) {
        this.socket = socket;
        this.executor = executor;
        this.handler = handler;
    }

    void start(String threadName) {
        Thread acceptor = new Thread(this::accept, threadName);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress getAddress() {
        return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    private void accept() {
        while (!stopped) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            try {
                executor.execute(() -> serve(s));
            } catch (RuntimeException e) { // the executor is shut down: the server is stopping
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            X509Certificate peer = s instanceof SSLSocket tls ? peer(tls) : null;
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            while (!stopped) {
                String head = readHead(in);
                if (head == null) {
                    return; // the client closed the connection between requests
                }
                FakeExchange exchange = exchange(head, in, out);
                if (exchange == null) {
                    return;
                }
                exchange.clientCertificate(peer);
                try {
                    handler.handle(exchange);
                } finally {
                    exchange.close();
                }
                out.flush();
                if (!exchange.keepAlive()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, timed out, or the handler failed: the connection is closed, as HttpServer does
        } finally {
            open.remove(s);
        }
    }

    /** The certificate the client presented in the TLS handshake, or null when it presented none. */
    private static X509Certificate peer(SSLSocket tls) throws IOException {
        tls.startHandshake();
        try {
            return tls.getSession().getPeerCertificates()[0] instanceof X509Certificate c ? c : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Parses the request line and headers; answers 400 (and returns null) for what is not HTTP/1.1. */
    private static FakeExchange exchange(String head, InputStream in, OutputStream out) throws IOException {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            badRequest(out, "malformed request line");
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                badRequest(out, "malformed header line");
                return null;
            }
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        URI uri;
        try {
            uri = new URI(requestLine[1]);
        } catch (URISyntaxException e) {
            badRequest(out, "malformed request target");
            return null;
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        InputStream body;
        String encoding = first(headers, "transfer-encoding");
        String length = first(headers, "content-length");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new HttpBodies.ChunkedInput(in);
        } else if (length != null) {
            try {
                body = new HttpBodies.LengthInput(in, Long.parseLong(length));
            } catch (NumberFormatException e) {
                badRequest(out, "malformed Content-Length");
                return null;
            }
        } else {
            body = new HttpBodies.LengthInput(in, 0);
        }
        boolean keepAlive =
                requestLine[2].equals("HTTP/1.1") && !"close".equalsIgnoreCase(first(headers, "connection"));
        Map<String, List<String>> view = new LinkedHashMap<>();
        headers.forEach((k, v) -> view.put(k, Collections.unmodifiableList(v)));
        return new FakeExchange(requestLine[0], uri, Collections.unmodifiableMap(view), body, out, keepAlive);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void badRequest(OutputStream out, String why) throws IOException {
        byte[] body = why.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The request head up to the empty line, or null at a clean end of stream before it. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int state = 0; // how much of CRLFCRLF (or LFLF) has been seen
        for (int b; (b = in.read()) >= 0; ) {
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // tolerated empty lines before a request
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("the request head is larger than " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                state++;
                if (state == 2) {
                    String text = head.toString(StandardCharsets.ISO_8859_1);
                    return text.strip();
                }
            } else if (b != '\r') {
                state = 0;
            }
        }
        if (head.size() > 0) {
            throw new IOException("the connection closed inside a request head");
        }
        return null;
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        stopped = true;
        closeQuietly(socket);
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a socket that is already broken: nothing left to do
        }
    }
}
