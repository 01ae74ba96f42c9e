package io.github.wechatpay4j;

import io.github.wechatpay4j.crypto.CryptoSuite;
import io.github.wechatpay4j.crypto.EncryptionKeyPolicy;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.crypto.PlatformKey;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.internal.Digests;
import io.github.wechatpay4j.internal.FourByteCharacters;
import io.github.wechatpay4j.internal.Idempotency;
import io.github.wechatpay4j.internal.JsonTypes;
import io.github.wechatpay4j.internal.PercentEncoding;
import io.github.wechatpay4j.internal.Protocol;
import io.github.wechatpay4j.internal.SensitiveFields;
import io.github.wechatpay4j.internal.Uploads;
import io.github.wechatpay4j.json.JsonCodec;
import io.github.wechatpay4j.json.JsonCodecException;
import io.github.wechatpay4j.scheme.Scheme;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's first stage: turns a method, a path and {@link Options} into the exact request, once per call. The
 * path template is expanded and percent-encoded once, the query appended, sensitive fields encrypted with a platform
 * key (named in {@code Wechatpay-Serial}), the body or upload written once, an {@code Idempotency-Key} added where
 * the operation needs one, and whether a retry is safe decided. Signing is the next stage's job, per attempt.
 */
final class PrepareStage {
    private final Scheme scheme;
    private final JsonCodec codec;
    private final Digests digests;
    private final SensitiveFields sensitiveFields;
    private final Verifier verifier;
    private final CryptoSuite suite;
    private final EncryptionKeyPolicy keyPolicy;
    private final boolean alwaysSendSerial;
    private final Clock clock;
    private final String userAgent;
    private final NonceSource nonces;
    private final RetryPolicy retryPolicy;

    PrepareStage(
            Scheme scheme,
            JsonCodec codec,
            Digests digests,
            SensitiveFields sensitiveFields,
            Verifier verifier,
            CryptoSuite suite,
            EncryptionKeyPolicy keyPolicy,
            boolean alwaysSendSerial,
            Clock clock,
            String userAgent,
            NonceSource nonces,
            RetryPolicy retryPolicy) {
        this.scheme = scheme;
        this.codec = codec;
        this.digests = digests;
        this.sensitiveFields = sensitiveFields;
        this.verifier = verifier;
        this.suite = suite;
        this.keyPolicy = keyPolicy;
        this.alwaysSendSerial = alwaysSendSerial;
        this.clock = clock;
        this.userAgent = userAgent;
        this.nonces = nonces;
        this.retryPolicy = retryPolicy;
    }

    /** Builds the exact request: path and query encoded once, body written once, the same bytes signed and sent. */
    Prepared prepare(String method, List<String> segments, Options options) {
        if (options == null) {
            throw new InvalidRequestException("options must not be null; use Options.none()");
        }
        if (method == null || method.isBlank()) {
            throw new InvalidRequestException("HTTP method must not be empty");
        }
        if (options.headers().contains("Authorization")) {
            throw new InvalidRequestException(
                    "do not set the Authorization header: the client signs every request" + " itself");
        }
        String verb = method.strip().toUpperCase(Locale.ROOT);
        if (!verb.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new InvalidRequestException("'" + method + "' is not an HTTP method");
        }
        String path = expandPath(segments, options.pathValues());
        String pathAndQuery = scheme.wirePath(
                appendQuery(path, scheme.signQuery(verb, scheme.wirePath(path), options.queryParameters())));
        String callerSerial = options.headers().first(Protocol.HEADER_SERIAL).orElse(null);
        PlatformKey[] usedKey = new PlatformKey[1];
        java.util.function.UnaryOperator<Object> encrypt = value -> value == null || !sensitiveFields.mayContain(value)
                ? value
                : sensitiveFields.apply(value, plaintext -> {
                    if (usedKey[0] == null) {
                        usedKey[0] = encryptionKey(callerSerial);
                    }
                    return suite.encrypt(usedKey[0].publicKey(), plaintext);
                });
        Object json = encrypt.apply(options.jsonBody());
        byte[] body;
        byte[] signed; // the body itself, or for an upload the meta JSON
        String contentType = "application/json";
        String accept = "application/json";
        Media media = options.media();
        Scheme.EncodedBody ownUpload = media == null
                ? null
                : scheme.encodeUpload(
                                verb, path, media.filename(), media.contentType(), media.content(), media.fields())
                        .orElse(null);
        if (ownUpload != null) {
            body = ownUpload.bytes();
            signed = body;
            contentType = ownUpload.contentType();
            accept = "text/xml";
        } else if (media != null) {
            checkUpload(verb, path, media);
            String boundary = "wechatpay4j-" + nonces.next();
            UploadBody upload = UploadBody.of(
                    path,
                    media,
                    boundary,
                    encrypt,
                    meta -> writeJson(verb, path, meta),
                    bytes -> codec.read(bytes, JsonTypes.MAP),
                    digests);
            signed = upload.meta();
            body = upload.body();
            contentType = "multipart/form-data; boundary=" + boundary;
        } else if (json instanceof XmlFields xml) {
            Scheme.EncodedBody encoded = scheme.encodeFields(verb, path, xml.resolve(codec))
                    .orElseThrow(() -> new InvalidRequestException("Options.xml(…) is an APIv2 body, but " + verb + " "
                            + path + " is served by the " + scheme.name() + " scheme: call a v2/… path of a client"
                            + " built with the APIv2 scheme (wechatpay-v2)"));
            body = encoded.bytes();
            signed = body;
            contentType = encoded.contentType();
            accept = encoded.contentType();
        } else {
            body = body(verb, path, options, json);
            signed = body;
        }

        // Content-Type on every request, a GET included, as the official client sends it (OfficialClientPeerTest)
        Headers.Builder headers = Headers.builder()
                .set("Accept", accept)
                .set("User-Agent", userAgent)
                .set("Content-Type", contentType);
        // the caller's headers replace the defaults of the same name, in one pass
        options.headers().names().forEach(headers::remove);
        options.headers().forEach(headers::add);
        if (usedKey[0] != null) {
            headers.set(Protocol.HEADER_SERIAL, usedKey[0].serial()); // the key that actually encrypted
        } else if ((alwaysSendSerial || options.namesEncryptionKey()) && callerSerial == null) {
            keyPolicy
                    .select(verifier.keys(), clock.instant())
                    .ifPresent(k -> headers.set(Protocol.HEADER_SERIAL, k.serial()));
        }
        if (media == null) {
            FourByteCharacters.check(verb, path, body);
        }
        String idempotencyKey = options.headers().first(Idempotency.HEADER).orElse(null);
        if (idempotencyKey != null) {
            Idempotency.check(idempotencyKey);
        } else if (Idempotency.keyRequired(verb, path)) {
            idempotencyKey = nonces.next(); // 32 characters of [0-9A-Za-z] from a SecureRandom, kept for every retry
            headers.set(Idempotency.HEADER, idempotencyKey);
        }
        BusinessKey key = options.businessKey().orElse(null);
        if (key == null) {
            key = Idempotency.knownKey(verb, path, bytes -> codec.read(bytes, JsonTypes.MAP), body);
        }
        if (key == null && idempotencyKey != null) {
            key = new BusinessKey(Idempotency.HEADER, idempotencyKey);
        }
        boolean retrySafe = verb.equals("GET") || key != null;
        RetryPolicy policy = options.retryPolicy() != null ? options.retryPolicy() : retryPolicy;
        return new Prepared(
                verb, path, pathAndQuery, headers.build(), body, signed, retrySafe, key, idempotencyKey, policy);
    }

    /** The headers of a file download ({@code Accept: *}{@code /*}), the caller's {@code extra} replacing defaults. */
    Headers.Builder downloadHeaders(Headers extra) {
        Headers.Builder headers = Headers.builder().set("Accept", "*/*").set("User-Agent", userAgent);
        extra.names().forEach(headers::remove);
        extra.forEach(headers::add);
        if (alwaysSendSerial && !extra.contains(Protocol.HEADER_SERIAL)) {
            keyPolicy
                    .select(verifier.keys(), clock.instant())
                    .ifPresent(k -> headers.set(Protocol.HEADER_SERIAL, k.serial()));
        }
        return headers;
    }

    /**
     * The platform key to encrypt with: the one the caller's {@code Wechatpay-Serial} names, or the policy's choice.
     */
    PlatformKey encryptionKey(String callerSerial) {
        List<PlatformKey> keys = verifier.keys();
        if (callerSerial != null) {
            String wanted = Keys.normalizeSerial(callerSerial);
            PlatformKey key = keys.stream()
                    .filter(k -> k.serial().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new InvalidRequestException("the request's Wechatpay-Serial '" + callerSerial
                            + "' names no platform key this client holds " + verifier.serialNumbers() + "; leave the"
                            + " header out and the client names the key it encrypts with"));
            if (!key.isValidAt(clock.instant())) {
                throw new InvalidRequestException("the request's Wechatpay-Serial names platform certificate "
                        + key.serial() + ", which is not valid now (" + key.notBefore() + " to " + key.notAfter()
                        + "); leave the header out and the client picks a valid key");
            }
            return key;
        }
        return keyPolicy
                .select(keys, clock.instant())
                .orElseThrow(() -> new ConfigurationException("no platform"
                        + " key can encrypt sensitive fields: "
                        + (keys.isEmpty()
                                ? "the verifier " + verifier.getClass().getName() + " exposes no keys (Verifier.keys())"
                                : "every platform certificate held " + verifier.serialNumbers() + " has expired")
                        + "; configure the WeChat Pay public key or current platform"
                        + " certificates"));
    }

    /** Uploads are POSTed, and the known endpoints' formats and sizes are checked before anything is sent. */
    private static void checkUpload(String verb, String path, Media media) {
        if (!verb.equals("POST")) {
            throw new InvalidRequestException("an upload is sent with POST, not " + verb + " (" + path + ")");
        }
        Uploads.rule(path).ifPresent(rule -> {
            long limit = rule.limitFor(media.extension())
                    .orElseThrow(() -> new InvalidRequestException("POST "
                            + path + " takes " + new java.util.TreeSet<>(rule.extensions()) + " files, not '"
                            + media.filename() + "'"));
            if (media.size() > limit) {
                throw new InvalidRequestException("'" + media.filename() + "' is " + media.size() + " bytes; POST "
                        + path + " takes ." + media.extension() + " files of at most " + limit + " bytes ("
                        + String.format(Locale.ROOT, "%.1f", limit / 1048576.0) + " MiB): compress or resize it"
                        + " first");
            }
        });
    }

    private byte[] body(String verb, String path, Options options, Object json) {
        if (options.rawJsonBody() != null) {
            return options.rawJsonBody();
        }
        if (json == null) {
            return new byte[0];
        }
        if (verb.equals("GET")) {
            throw new InvalidRequestException(
                    "GET " + path + " cannot carry a body: give its parameters with" + " Options.withQuery");
        }
        return writeJson(verb, path, json);
    }

    private byte[] writeJson(String verb, String path, Object json) {
        try {
            return codec.write(json);
        } catch (JsonCodecException e) {
            throw new InvalidRequestException(
                    "cannot write the body of " + verb + " " + path + " as JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    "cannot write the body of " + verb + " " + path + " as JSON ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    static String expandPath(List<String> segments, Map<String, String> values) {
        StringBuilder path = new StringBuilder();
        Set<String> used = new HashSet<>();
        for (String segment : segments) {
            path.append('/');
            int segmentStart = path.length();
            int i = 0;
            while (i < segment.length()) {
                int open = segment.indexOf('{', i);
                if (open < 0) {
                    path.append(PercentEncoding.encodeLiteralSegment(segment.substring(i)));
                    break;
                }
                int close = segment.indexOf('}', open);
                if (close < 0) {
                    throw new InvalidRequestException("the path segment '" + segment + "' has an unclosed '{'");
                }
                path.append(PercentEncoding.encodeLiteralSegment(segment.substring(i, open)));
                String name = segment.substring(open + 1, close);
                String value = values.get(name);
                if (value == null) {
                    throw new InvalidRequestException("no value for the path placeholder {" + name + "} of /"
                            + String.join("/", segments) + ": add Options.withPath(\"" + name + "\", value)");
                }
                used.add(name);
                path.append(PercentEncoding.encode(value));
                i = close + 1;
            }
            String sent = PercentEncoding.decode(path.substring(segmentStart));
            if (sent.equals(".") || sent.equals("..")) { // a dot segment: some clients resolve it, so the request
                // would go to another path than the one signed
                throw new InvalidRequestException("the path segment '" + segment + "' of /" + String.join("/", segments)
                        + " would be '" + sent + "', a dot segment that HTTP clients may resolve to another path:"
                        + " check the value given with Options.withPath (an order number from user input?)");
            }
        }
        if (!used.containsAll(values.keySet())) {
            Set<String> unused = new HashSet<>(values.keySet());
            unused.removeAll(used);
            throw new InvalidRequestException(
                    "path values " + unused + " match no {placeholder} in /" + String.join("/", segments));
        }
        return path.toString();
    }

    static String appendQuery(String path, List<Map.Entry<String, String>> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            Map.Entry<String, String> e = query.get(i);
            sb.append(PercentEncoding.encode(e.getKey())).append('=').append(PercentEncoding.encode(e.getValue()));
        }
        return sb.toString();
    }
}
