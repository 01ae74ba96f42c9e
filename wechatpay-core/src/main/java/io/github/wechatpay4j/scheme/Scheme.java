package io.github.wechatpay4j.scheme;

import io.github.wechatpay4j.crypto.ApiV3Key;
import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.Signer;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How one merchant's traffic is authenticated: how a request is signed, how WeChat Pay's signature on an answer or a
 * notification is checked, and how a notification's resource is decrypted. The client's stages call only this; they
 * know nothing of RSA, SM2 or MD5. {@link ApiV3Scheme} (APIv3 over the client's crypto suite: RSA, or ShangMi's
 * SM2/SM3/SM4 from {@code wechatpay-crypto-sm}) is the default; other schemes (APIv2) come as implementations in their
 * own modules, given to the client with {@code WechatPay.builder().scheme(factory)}.
 *
 * <p>Implementations are immutable and thread-safe; they fail only with {@code WechatPayException} subtypes
 * ({@code SignatureVerificationException}, {@code DecryptionException}, {@code ConfigurationException}).
 */
public interface Scheme {

    /** The scheme's name on the wire, such as {@code WECHATPAY2-SHA256-RSA2048}. */
    String name();

    /**
     * {@code request} with this attempt's authentication added (APIv3: a fresh {@code Authorization} header over a
     * new timestamp and nonce). Called once per attempt, so that a retried request is signed anew.
     *
     * @param signed what the scheme signs in place of the body: the body itself, or an upload's {@code meta} JSON
     */
    HttpRequest sign(HttpRequest request, byte[] signed);

    /**
     * Whether {@code headers} carry any part of WeChat Pay's signature in this scheme: tells an unsigned answer from a
     * badly signed one.
     */
    boolean isSigned(Headers headers);

    /**
     * The headers WeChat Pay's signature travels in: a notification's headers are collected by these names from a
     * servlet-style lookup.
     */
    List<String> signatureHeaders();

    /**
     * Checks that WeChat Pay signed {@code signed} (an answer's body, a notification's body, or a stand-in for a file)
     * with the signature in {@code headers}, no further than {@code window} from {@code now}.
     *
     * @throws io.github.wechatpay4j.SignatureVerificationException with the reason, when it does not verify
     */
    void verify(Headers headers, byte[] signed, Instant now, Duration window);

    /**
     * The plaintext of a notification's {@code resource}: its {@code algorithm}, {@code associated_data} (may be
     * {@code null}), {@code nonce} and {@code ciphertext}.
     *
     * @throws io.github.wechatpay4j.DecryptionException when it does not decrypt, or the algorithm is not this
     *                                                   scheme's
     */
    byte[] decrypt(String algorithm, String associatedData, String nonce, String ciphertext);

    /**
     * The path and query a call is sent to, for a call made with {@code pathAndQuery} (raw, encoded): APIv3 sends it
     * as it is; APIv2 drops the {@code /v2} marker its calls are made with.
     */
    default String wirePath(String pathAndQuery) {
        return pathAndQuery;
    }

    /**
     * The query parameters a call is sent with (decoded; the client encodes them once): as given for APIv3; APIv2
     * signs a GET's query itself, adding the merchant, {@code sign_type} and {@code sign}.
     *
     * @param wirePath the path on the wire, without the query
     */
    default List<Map.Entry<String, String>> signQuery(
            String method, String wirePath, List<Map.Entry<String, String>> query) {
        return query;
    }

    /**
     * Whether a call to {@code wirePath} (raw, without the query) must present the merchant's API client certificate
     * in the TLS handshake (APIv2's refunds, reversals, red packets, transfers): the client sends it through its
     * client-certificate transport, or refuses it before sending when it has none.
     */
    default boolean requiresClientCertificate(String wirePath) {
        return false;
    }

    /**
     * The body of a call given as fields ({@code Options.xml}), written and signed by the scheme, or empty when the
     * scheme has no such body (APIv3, whose bodies are JSON).
     *
     * @param path the call's path as made, for messages and per-operation rules
     */
    default Optional<EncodedBody> encodeFields(String method, String path, Map<String, String> fields) {
        return Optional.empty();
    }

    /**
     * Checks an answer the scheme judges itself (APIv2: XML whose signature is inside the body, failures reported in a
     * 200), returning what the client's JSON codec binds for {@code ApiResponse.as(…)}; or empty when the client's own
     * checks apply (APIv3: the {@code Wechatpay-*} headers on a 2xx, the error body otherwise).
     *
     * @throws io.github.wechatpay4j.WechatPayException (typed) when the answer is refused or reports a failure
     */
    default Optional<byte[]> checkAnswer(
            HttpRequest request,
            io.github.wechatpay4j.http.HttpResponse response,
            io.github.wechatpay4j.json.JsonCodec codec) {
        return Optional.empty();
    }

    /**
     * A file upload written and signed by the scheme itself (APIv2's form, whose {@code sign} covers the form fields
     * and the file's digest), or empty when the client's APIv3 upload ({@code meta} JSON and the file) applies.
     *
     * @param fields the form fields the caller gave ({@code Media.withField})
     */
    default Optional<EncodedBody> encodeUpload(
            String method,
            String path,
            String filename,
            String contentType,
            byte[] content,
            Map<String, String> fields) {
        return Optional.empty();
    }

    /**
     * Whether the first bytes of a download's answer are an answer in place of the file (APIv2 reports a failed bill
     * download as XML in a 200): the client then reads it whole (bounded) and hands it to {@link #checkAnswer}.
     *
     * @param head up to the first 64 bytes of the answer's body
     */
    default boolean answersInsteadOfFile(byte[] head) {
        return false;
    }

    /**
     * A body the scheme wrote.
     *
     * @param bytes       the body, sent and signed exactly as it is
     * @param contentType its {@code Content-Type} (also sent as {@code Accept})
     */
    record EncodedBody(byte[] bytes, String contentType) {}

    /**
     * What a client hands the scheme it is built with: its merchant, its checked signer, its verification keys
     * (including downloaded certificates), the APIv3 key ({@code null} when none was configured), its clock, its
     * checked nonce source and the crypto suite of its keys.
     */
    record Parts(
            String merchantId,
            String merchantSerial,
            Signer signer,
            Verifier verifier,
            ApiV3Key apiV3Key,
            Clock clock,
            Supplier<String> nonces,
            CryptoSuite suite) {}

    /** Makes a client's scheme from its parts: {@code ApiV3Scheme::new} by default. */
    @FunctionalInterface
    interface Factory {
        Scheme create(Parts parts);
    }
}
