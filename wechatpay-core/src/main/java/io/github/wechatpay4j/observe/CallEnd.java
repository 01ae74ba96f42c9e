package io.github.wechatpay4j.observe;

/**
 * How an observed call ended.
 *
 * @param outcome    what the call came to
 * @param statusCode the HTTP status of the last answer, or 0 when none came (or none was needed)
 * @param error      the exception the caller got ({@code null} on success): one of the SDK's
 *                   {@code WechatPayException} subtypes, or a cancellation
 */
public record CallEnd(Outcome outcome, int statusCode, Throwable error) {

    /** What a call came to, coarse enough to be a tag. */
    public enum Outcome {
        /** A verified 2xx answer. */
        SUCCESS,
        /** WeChat Pay answered 4xx: the request needs fixing, or the resource is not there. */
        CLIENT_ERROR,
        /** WeChat Pay answered 5xx and the retries (if any) did not help. */
        SERVER_ERROR,
        /** No answer came: the connection failed or timed out, and nothing can have happened at WeChat Pay. */
        TRANSPORT_ERROR,
        /** An answer came but failed verification or could not be read (and the call may not have acted). */
        UNVERIFIED,
        /** The call may have acted at WeChat Pay without a verified answer: reconcile by its business key. */
        UNKNOWN,
        /** The caller cancelled the asynchronous call. */
        CANCELLED,
        /** The call was refused before it was sent (an invalid request, a configuration problem). */
        REFUSED
    }
}
