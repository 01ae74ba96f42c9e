package io.github.wechatpay4j;

import java.util.Optional;
import java.util.Set;

/**
 * WeChat Pay answered with a non-2xx status. Carries the HTTP status, the error {@code code}, {@code message} and
 * {@code detail} from the error body (when the body was JSON), the {@code Request-ID}, and whether the error response
 * carried a valid WeChat Pay signature.
 *
 * <p>{@link #isRetryable()} is true for {@code SYSTEM_ERROR}, {@code FREQUENCY_LIMITED} and {@code BANK_ERROR}, for
 * HTTP 429, and for a 502/503/504 without a WeChat Pay error code (a gateway page). Retrying a state-changing request
 * is safe only when it is idempotent by its business key (for example {@code out_trade_no}).
 */
public class ServiceException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    private static final Set<String> RETRYABLE_CODES = Set.of("SYSTEM_ERROR", "FREQUENCY_LIMITED", "BANK_ERROR");

    private final int statusCode;
    private final String code;
    private final String errorMessage;
    private final ErrorDetail detail;
    private final String requestId;
    private final boolean signed;
    private final boolean signatureInvalid;
    private final SignInformation signInformation;
    private final String body;

    /**
     * @param statusCode   HTTP status
     * @param code         error code from the body, or {@code null} when the body had none
     * @param errorMessage error message from the body, or {@code null}
     * @param detail       error detail from the body, or {@code null}
     * @param requestId    {@code Request-ID} header, or {@code null}
     * @param signed       whether the response carried a valid WeChat Pay signature
     * @param body         the response body as text (possibly abbreviated), never {@code null}
     */
    public ServiceException(
            int statusCode,
            String code,
            String errorMessage,
            ErrorDetail detail,
            String requestId,
            boolean signed,
            String body) {
        this(statusCode, code, errorMessage, detail, requestId, signed, false, body);
    }

    /**
     * @param signatureInvalid the answer carried WeChat Pay signature headers that do not verify (altered on the way,
     *                         or a probe signature); {@code false} when it carried none or a valid one
     */
    public ServiceException(
            int statusCode,
            String code,
            String errorMessage,
            ErrorDetail detail,
            String requestId,
            boolean signed,
            boolean signatureInvalid,
            String body) {
        this(statusCode, code, errorMessage, detail, requestId, signed, signatureInvalid, body, null);
    }

    ServiceException(
            int statusCode,
            String code,
            String errorMessage,
            ErrorDetail detail,
            String requestId,
            boolean signed,
            boolean signatureInvalid,
            String body,
            SignInformation signInformation) {
        super(describe(statusCode, code, errorMessage, detail, requestId, signed, signatureInvalid, body));
        this.signInformation = signInformation;
        this.statusCode = statusCode;
        this.code = code;
        this.errorMessage = errorMessage;
        this.detail = detail;
        this.requestId = requestId;
        this.signed = signed;
        this.signatureInvalid = !signed && signatureInvalid;
        this.body = body == null ? "" : body;
    }

    private static String describe(
            int status,
            String code,
            String message,
            ErrorDetail detail,
            String requestId,
            boolean signed,
            boolean signatureInvalid,
            String body) {
        StringBuilder sb = new StringBuilder("WeChat Pay answered HTTP ").append(status);
        if (code != null) {
            sb.append(' ').append(code);
            if (message != null) {
                sb.append(": ").append(message);
            }
            if (detail != null) {
                sb.append(" (").append(detail).append(')');
            }
        } else {
            sb.append(" without a WeChat Pay error body");
            if (body != null && !body.isEmpty()) {
                sb.append(": ").append(body.length() > 120 ? body.substring(0, 120) + "…" : body);
            }
        }
        if (requestId != null) {
            sb.append(" [Request-ID ").append(requestId).append(']');
        }
        if (!signed) {
            sb.append(
                    signatureInvalid
                            ? " [its signature does not verify: altered on the way, or a probe; do not"
                                    + " trust its content]"
                            : " [unsigned]");
        }
        return sb.toString();
    }

    public int statusCode() {
        return statusCode;
    }

    /** The WeChat Pay error code, such as {@code PARAM_ERROR}; empty when the body was not a WeChat Pay error. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The WeChat Pay error message; empty when the body was not a WeChat Pay error. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    public Optional<ErrorDetail> detail() {
        return Optional.ofNullable(detail);
    }

    /** The {@code Request-ID} header: quote it to WeChat Pay support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Whether the error response carried a valid WeChat Pay signature. WeChat Pay signs most of its error responses;
     * an unsigned one may come from a proxy or gateway in between, so treat its content with care.
     */
    public boolean isSigned() {
        return signed;
    }

    /**
     * Whether the answer carried WeChat Pay signature headers that do not verify: it was altered on the way (or is a
     * {@code WECHATPAY/SIGNTEST/} probe), unlike an unsigned answer from a gateway in between.
     */
    public boolean isSignatureInvalid() {
        return signatureInvalid;
    }

    /**
     * For {@code SIGN_ERROR}: WeChat Pay's {@code detail.sign_information}, what it received and signed over, to compare
     * with what this client signed. Empty for other errors or when the body has none.
     */
    public Optional<SignInformation> signInformation() {
        return Optional.ofNullable(signInformation);
    }

    /** The response body as text (abbreviated when very long). */
    public String body() {
        return body;
    }

    /** Whether the same request may succeed if sent again later (see the class comment). */
    public boolean isRetryable() {
        if (code != null) {
            return RETRYABLE_CODES.contains(code);
        }
        return statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504;
    }

    /**
     * The {@code detail} object of a WeChat Pay error body: which field was wrong, its value, the issue and where it
     * was ({@code body}, {@code query}, {@code path}, {@code header}). Any part may be {@code null}.
     */
    public record ErrorDetail(String field, String value, String issue, String location) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            append(sb, "field", field);
            append(sb, "value", value);
            append(sb, "issue", issue);
            append(sb, "location", location);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String name, String value) {
            if (value != null) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(name).append('=').append(value);
            }
        }
    }

    /**
     * WeChat Pay's account of a request whose signature it refused ({@code detail.sign_information} of
     * {@code SIGN_ERROR}): the method and URL it saw, the length of the message it verified and its beginning.
     * Compare it with the message this client signed ({@code METHOD\nPATH?QUERY\nTS\nNONCE\nBODY\n}) to find a
     * proxy that rewrote the path, the query or the body.
     */
    public record SignInformation(String method, String url, Long signMessageLength, String truncatedSignMessage)
            implements java.io.Serializable {}
}
