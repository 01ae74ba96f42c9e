package io.github.wechatpay4j;

import java.util.Optional;

/**
 * A request that changes state (POST, PUT, PATCH, DELETE) may have taken effect at WeChat Pay, but no verified answer
 * came back: it timed out or the connection broke after the request was sent, or a 2xx answer failed verification
 * (tampered, unsigned, or a {@code WECHATPAY/SIGNTEST/} probe signature), and retrying was not allowed or did not
 * help.
 *
 * <p><b>How to reconcile.</b> Never create the resource a second time with a new business key. Query it by the
 * business key this exception carries ({@link #businessKey()}): for a prepay, {@code GET
 * /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…}; for a refund, {@code GET
 * /v3/refund/domestic/refunds/{out_refund_no}}. If it exists, continue from its state; if WeChat Pay says it does
 * not exist ({@code ORDER_NOT_EXIST}, {@code RESOURCE_NOT_EXISTS}), send the same request again with the same
 * business key (and the same {@link #idempotencyKey()} when there is one). The {@linkplain #getCause() cause} is the
 * {@link TransportException} or {@link SignatureVerificationException} of the last attempt.
 */
public class OutcomeUnknownException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final String path;
    private final BusinessKey businessKey;
    private final String requestId;
    private final String idempotencyKey;
    private final int attempts;

    /**
     * @param method         the HTTP method
     * @param path           the raw path that was sent (without the query)
     * @param businessKey    what to query by, or {@code null} when the client does not know it
     * @param requestId      the {@code Request-ID} of the last answer, or {@code null} when none came
     * @param idempotencyKey the {@code Idempotency-Key} sent, or {@code null}
     * @param attempts       how many times the request was sent
     * @param cause          the failure of the last attempt
     */
    public OutcomeUnknownException(
            String method,
            String path,
            BusinessKey businessKey,
            String requestId,
            String idempotencyKey,
            int attempts,
            WechatPayException cause) {
        super(describe(method, path, businessKey, requestId, idempotencyKey, attempts, cause), cause);
        this.method = method;
        this.path = path;
        this.businessKey = businessKey;
        this.requestId = requestId;
        this.idempotencyKey = idempotencyKey;
        this.attempts = attempts;
    }

    private static String describe(
            String method,
            String path,
            BusinessKey key,
            String requestId,
            String idempotencyKey,
            int attempts,
            WechatPayException cause) {
        StringBuilder sb = new StringBuilder("outcome unknown: ")
                .append(method)
                .append(' ')
                .append(path)
                .append(" may have taken effect at WeChat Pay, but no verified answer came back");
        if (attempts > 1) {
            sb.append(" after ").append(attempts).append(" attempts");
        }
        sb.append(" (").append(cause == null ? "no cause" : cause.getMessage()).append(")");
        if (requestId != null) {
            sb.append(" [Request-ID ").append(requestId).append(']');
        }
        sb.append(". Do not create it again with a new key: ");
        if (key != null) {
            sb.append("query it by ")
                    .append(key)
                    .append(" and continue from its state, or resend the same request" + " with the same ")
                    .append(key.name())
                    .append(" if WeChat Pay says it does not exist");
        } else {
            sb.append("query it by its business key and continue from its state");
        }
        if (idempotencyKey != null && (key == null || !key.value().equals(idempotencyKey))) {
            sb.append("; a resend must carry Idempotency-Key ").append(idempotencyKey);
        }
        return sb.append('.').toString();
    }

    public String method() {
        return method;
    }

    /** The raw path of the request (without the query). */
    public String path() {
        return path;
    }

    /** What to query by: the operation's business key, when the client knows it. */
    public Optional<BusinessKey> businessKey() {
        return Optional.ofNullable(businessKey);
    }

    /** The {@code Request-ID} of the last answer (present when a 2xx failed verification). */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The {@code Idempotency-Key} the request carried, to send again unchanged. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }
}
