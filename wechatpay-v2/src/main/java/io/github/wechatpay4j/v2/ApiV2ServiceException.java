package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.ServiceException;

import java.util.Optional;
import java.util.Set;

/**
 * An APIv2 answer that reports a failure, at one of APIv2's two levels, which {@link #isBusinessFailure()} tells
 * apart:
 *
 * <ul>
 *   <li>{@code return_code=FAIL}: the request itself was refused (a bad signature, a malformed field, a missing
 *       client certificate); {@link #code()} is empty (a bill download's {@code error_code}, such as {@code 20002}
 *       when there is no bill for the day) and {@link #errorMessage()} is {@code return_msg}. Such answers
 *       carry no signature.
 *   <li>{@code result_code=FAIL}: the request was understood and the business operation failed ({@code ORDERPAID},
 *       {@code NOTENOUGH}, {@code USERPAYING}…); {@link #code()} is {@code err_code}, {@link #errorMessage()} is
 *       {@code err_code_des}. The answer's signature was verified before this was thrown.
 * </ul>
 */
public class ApiV2ServiceException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** APIv2's codes after which the same request may succeed later (the payer is still paying, a system hiccup). */
    private static final Set<String> RETRYABLE = Set.of("SYSTEMERROR", "BANKERROR", "USERPAYING", "FREQUENCY_LIMITED");

    private final String returnCode;
    private final String resultCode;

    /**
     * @param statusCode the HTTP status (APIv2 answers failures with 200)
     * @param returnCode {@code return_code}
     * @param returnMsg  {@code return_msg}, or {@code null}
     * @param resultCode {@code result_code}, or {@code null} when the request was refused before it was processed
     * @param errCode    {@code err_code} (with no {@code result_code}: a bill download's {@code error_code}), or
     *                   {@code null}
     * @param errCodeDes {@code err_code_des}, or {@code null}
     * @param signed     whether the answer's signature was verified
     * @param body       the answer's text (abbreviated), never {@code null}
     */
    public ApiV2ServiceException(
            int statusCode,
            String returnCode,
            String returnMsg,
            String resultCode,
            String errCode,
            String errCodeDes,
            boolean signed,
            String body) {
        super(
                statusCode,
                "SUCCESS".equals(resultCode) ? null : errCode,
                resultCode == null || "SUCCESS".equals(resultCode) ? returnMsg : errCodeDes,
                null,
                null,
                signed,
                body);
        this.returnCode = returnCode;
        this.resultCode = resultCode;
    }

    /** {@code return_code}: {@code SUCCESS} when the request was processed. */
    public String returnCode() {
        return returnCode;
    }

    /** {@code result_code}, when the request was processed. */
    public Optional<String> resultCode() {
        return Optional.ofNullable(resultCode);
    }

    /** Whether the request was processed and its business operation failed ({@code result_code=FAIL}). */
    public boolean isBusinessFailure() {
        return "SUCCESS".equals(returnCode);
    }

    @Override
    public boolean isRetryable() {
        return code().filter(RETRYABLE::contains).isPresent();
    }
}
