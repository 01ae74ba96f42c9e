package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.scheme.Scheme;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The pipeline's answer stage: a 2xx answer is accepted only when WeChat Pay's signature over it verifies within the
 * timestamp window; other answers go to the {@link ErrorDecoder}.
 */
final class VerifyStage {
    private final Scheme scheme;
    private final Clock clock;
    private final Duration window;
    private final JsonCodec codec;
    private final ErrorDecoder errors;

    VerifyStage(Scheme scheme, Clock clock, Duration window, JsonCodec codec, ErrorDecoder errors) {
        this.scheme = scheme;
        this.clock = clock;
        this.window = window;
        this.codec = codec;
        this.errors = errors;
    }

    /**
     * The answer to {@code request}: a 2xx whose signature verifies, as an {@link ApiResponse}; a 2xx that does not
     * verify is a {@link SignatureVerificationException}, anything else the decoded {@link ServiceException}.
     */
    ApiResponse check(HttpRequest request, HttpResponse response) {
        int status = response.statusCode();
        String requestId = response.requestId().orElse(null);
        Optional<byte[]> judged = scheme.checkAnswer(request, response, codec);
        if (judged.isPresent()) { // a scheme that reads its answers itself (APIv2): what it returns is bound
            return new ApiResponse(status, response.headers(), response.body(), codec, judged.get());
        }
        if (response.isSuccessful()) {
            try {
                scheme.verify(response.headers(), response.body(), clock.instant(), window);
            } catch (SignatureVerificationException e) {
                String context = " [" + request.method() + " " + request.uri().getRawPath() + " → HTTP " + status
                        + (requestId != null ? ", Request-ID " + requestId : "") + "]";
                throw new SignatureVerificationException(e.reason(), e.getMessage() + context, e);
            } catch (RuntimeException e) { // a custom scheme or verifier that does not keep its contract
                throw new SignatureVerificationException(
                        SignatureVerificationException.Reason.BAD_SIGNATURE,
                        "the " + scheme.name() + " verification failed ("
                                + e.getClass().getSimpleName() + ") on HTTP " + status,
                        e);
            }
            return new ApiResponse(status, response.headers(), response.body(), codec);
        }
        throw errors.decode(response, requestId);
    }

    /** Verifies a signed answer over {@code signed} (what WeChat Pay signed, the body or a stand-in for it). */
    void verifyAnswer(Headers headers, byte[] signed, String what) {
        try {
            scheme.verify(headers, signed, clock.instant(), window);
        } catch (SignatureVerificationException e) {
            throw new SignatureVerificationException(e.reason(), e.getMessage() + " [" + what + "]", e);
        }
    }
}
