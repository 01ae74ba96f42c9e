package io.github.wechatpay4j;

import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.scheme.Scheme;

import java.net.URI;

/**
 * The pipeline's second stage: has the merchant's {@link Scheme} sign a prepared request for each attempt (APIv3: a
 * new timestamp and nonce over the same method, path and body bytes, as the {@code Authorization} header).
 */
final class SignStage {
    private final Scheme scheme;

    SignStage(Scheme scheme) {
        this.scheme = scheme;
    }

    /** {@code call} signed for this attempt, to be sent to {@code base}. */
    HttpRequest sign(Prepared call, String base) {
        return sign(call.verb(), base, call.pathAndQuery(), call.headers(), call.body(), call.signed());
    }

    /** {@code verb pathAndQuery} on {@code base} with {@code headers} and {@code body}, signed over {@code signed}. */
    HttpRequest sign(String verb, String base, String pathAndQuery, Headers headers, byte[] body, byte[] signed) {
        HttpRequest request = new HttpRequest(verb, URI.create(base + pathAndQuery), headers, body);
        HttpRequest result;
        try {
            result = scheme.sign(request, signed);
        } catch (WechatPayException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "the " + scheme.name() + " scheme failed to sign: "
                            + e.getClass().getSimpleName(),
                    e);
        }
        if (result == null) {
            throw new ConfigurationException("the " + scheme.name() + " scheme returned no signed request");
        }
        return result;
    }
}
