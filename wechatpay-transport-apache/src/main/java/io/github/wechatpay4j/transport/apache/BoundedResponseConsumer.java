package io.github.wechatpay4j.transport.apache;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.ResponseTooLargeException;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Buffers an asynchronous response of at most {@code limit} body bytes; a longer one (by its {@code Content-Length},
 * or by counting) fails with {@link ResponseTooLargeException} and the rest is not read (the exchange is aborted).
 */
final class BoundedResponseConsumer implements AsyncResponseConsumer<HttpResponse> {
    private final long limit;
    private int status;
    private Headers headers;
    private FutureCallback<HttpResponse> callback;
    private byte[] bytes = new byte[0];
    private int size;
    private boolean done;

    BoundedResponseConsumer(long limit) {
        this.limit = limit;
    }

    @Override
    public void consumeResponse(
            org.apache.hc.core5.http.HttpResponse response,
            EntityDetails entity,
            HttpContext context,
            FutureCallback<HttpResponse> resultCallback)
            throws IOException {
        this.status = response.getCode();
        Headers.Builder h = Headers.builder();
        for (Header header : response.getHeaders()) {
            h.add(header.getName(), header.getValue());
        }
        this.headers = h.build();
        this.callback = resultCallback;
        if (entity == null) {
            finish();
            return;
        }
        long declared = entity.getContentLength();
        if (declared > limit) {
            fail(new ResponseTooLargeException(limit));
        }
        // sized from Content-Length, but never more than 1 MiB up front
        bytes = new byte[(int) Math.min(Math.min(limit, 1 << 20), declared >= 0 ? Math.max(declared, 16) : 8192)];
    }

    @Override
    public void informationResponse(org.apache.hc.core5.http.HttpResponse response, HttpContext context) {
        // 1xx answers carry nothing the client uses
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if ((long) size + n > limit) {
            fail(new ResponseTooLargeException(limit));
        }
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max((long) bytes.length * 2, (long) size + n)));
        }
        src.get(bytes, size, n);
        size += n;
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        finish();
    }

    private void finish() {
        if (!done && callback != null) {
            done = true;
            callback.completed(new HttpResponse(status, headers, Arrays.copyOf(bytes, size)));
        }
    }

    /** Reports {@code e} and throws it, which makes the client abort the exchange and drop the connection. */
    private void fail(IOException e) throws IOException {
        if (!done && callback != null) {
            done = true;
            callback.failed(e);
        }
        throw e;
    }

    @Override
    public void failed(Exception cause) {
        if (!done && callback != null) {
            done = true;
            callback.failed(cause);
        }
    }

    @Override
    public void releaseResources() {
        bytes = new byte[0];
    }
}
