package io.github.wechatpay4j.contract;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately small HTTP/1.1 server on plain sockets, so that the transport contract can see and control what a
 * library-based server would hide: the raw request-target bytes, every header line, how many connections were
 * opened, and misbehaviour (stalling mid-body, resetting the connection, proxy-style absolute targets).
 * One thread per connection; keep-alive unless the client or a handler closes.
 */
public final class RawHttpServer implements AutoCloseable {

    /** One request exactly as it arrived. */
    public record Received(
            int connection, String method, String target, List<Map.Entry<String, String>> headerLines, byte[] body) {

        /** Values of every header line named {@code name} (case-insensitive), in arrival order. */
        public List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> e : headerLines) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    values.add(e.getValue());
                }
            }
            return values;
        }

        /** The path of the target, for origin-form and absolute-form alike. */
        public String path() {
            String t = target;
            if (t.startsWith("http://") || t.startsWith("https://")) {
                int slash = t.indexOf('/', t.indexOf("//") + 2);
                t = slash < 0 ? "/" : t.substring(slash);
            }
            int q = t.indexOf('?');
            return q < 0 ? t : t.substring(0, q);
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Received request, Exchange exchange) throws Exception;
    }

    /** The connection a handler answers on. */
    public final class Exchange {
        private final Socket socket;
        private final OutputStream out;
        private final Received request;
        private boolean closed;
        private boolean answered;

        Exchange(Socket socket, OutputStream out, Received request) {
            this.socket = socket;
            this.out = out;
            this.request = request;
        }

        /** A complete response with {@code Content-Length}; {@code headers} alternate names and values. */
        public void respond(int status, byte[] body, String... headers) throws IOException {
            boolean noBody = status == 204 || status == 304 || request.method().equals("HEAD");
            StringBuilder head = statusLine(status, headers);
            if (status != 204 && status != 304) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (!noBody) {
                out.write(body);
            }
            out.flush();
            answered = true;
        }

        /** Starts a chunked response; write the body to the returned stream and close it to finish. */
        public OutputStream chunked(int status, String... headers) throws IOException {
            StringBuilder head = statusLine(status, headers).append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            answered = true;
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return;
                    }
                    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(b, off, len);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            };
        }

        /** Writes raw bytes (a partial response, say) without finishing anything. */
        public void writeRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            answered = true;
        }

        /** Sends a TCP reset instead of an answer. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
            closed = true;
        }

        /** Closes the connection (FIN) without an answer, or after a partial one. */
        public void close() throws IOException {
            socket.close();
            closed = true;
        }

        /** Blocks until the server is closed or 60 s pass: a peer that never answers. */
        public void stall() throws InterruptedException {
            stopping.await(60, TimeUnit.SECONDS);
        }

        /** Waits for the client to close or reset its side (after it has sent the whole request). */
        public boolean awaitClientGone(long timeout, TimeUnit unit) throws IOException {
            socket.setSoTimeout((int) unit.toMillis(timeout));
            try {
                return socket.getInputStream().read() < 0;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }

        private StringBuilder statusLine(int status, String... headers) {
            if (headers.length % 2 != 0) {
                throw new IllegalArgumentException("headers alternate names and values");
            }
            StringBuilder head = new StringBuilder("HTTP/1.1 ")
                    .append(status)
                    .append(' ')
                    .append(reason(status))
                    .append("\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            return head;
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch stopping = new CountDownLatch(1);

    public RawHttpServer() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Routes requests whose path equals {@code path} to {@code handler}. */
    public RawHttpServer on(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** {@code http://127.0.0.1:port} followed by {@code pathAndQuery}. */
    public java.net.URI uri(String pathAndQuery) {
        return java.net.URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + port() + pathAndQuery);
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Requests received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The most recent request. */
    public Received last() {
        List<Received> all = received();
        if (all.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return all.get(all.size() - 1);
    }

    @Override
    public void close() {
        stopping.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int id = connections.incrementAndGet();
                sockets.add(socket);
                threads.execute(() -> serve(socket, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!socket.isClosed()) {
                Received request = read(in, id, out);
                if (request == null) {
                    return;
                }
                received.add(request);
                Exchange exchange = new Exchange(socket, out, request);
                Handler handler = routes.get(request.path());
                if (handler == null) {
                    exchange.respond(
                            404, "no such route".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
                } else {
                    handler.handle(request, exchange);
                }
                if (exchange.closed
                        || !exchange.answered
                        || request.header("Connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"))) {
                    return;
                }
            }
        } catch (Exception e) {
            // the peer went away or a handler gave up: the connection ends here
        }
    }

    private static Received read(InputStream in, int connection, OutputStream out) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line: " + requestLine);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.add(Map.entry(h.substring(0, colon), h.substring(colon + 1).strip()));
        }
        Received head = new Received(connection, parts[0], parts[1], List.copyOf(headers), new byte[0]);
        if (head.header("Expect").stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body;
        if (head.header("Transfer-Encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new EOFException("chunked body ended early");
                }
                int length = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (length == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers are ignored
                    }
                    break;
                }
                buffer.write(in.readNBytes(length));
                line(in);
            }
            body = buffer.toByteArray();
        } else {
            List<String> length = head.header("Content-Length");
            int n = length.isEmpty() ? 0 : Integer.parseInt(length.get(0));
            body = in.readNBytes(n);
            if (body.length != n) {
                throw new EOFException("body ended early");
            }
        }
        return new Received(connection, parts[0], parts[1], List.copyOf(headers), body);
    }

    /** One CRLF-terminated line, bytes taken as ISO-8859-1 so that nothing is decoded; null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 302 -> "Found";
            case 404 -> "Not Found";
            default -> "Status";
        };
    }
}
