package io.github.wechatpay4j.http;

import java.io.IOException;

/**
 * A transport stopped reading a response body because it is larger than {@link TransportOptions#maxResponseBytes()}.
 * The client reports it as a {@link io.github.wechatpay4j.MalformedResponseException}.
 */
public class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public ResponseTooLargeException(long limit) {
        super("the response body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit that was passed. */
    public long limit() {
        return limit;
    }
}
