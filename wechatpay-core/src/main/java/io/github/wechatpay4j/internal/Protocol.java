package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.SignatureVerificationException;
import io.github.wechatpay4j.SignatureVerificationException.Reason;
import io.github.wechatpay4j.crypto.Verifier;
import io.github.wechatpay4j.http.Headers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The byte-exact parts of the WeChat Pay APIv3 signature protocol: the request signing message, the
 * {@code Authorization} header, nonces, and the checks on a signed response's {@code Wechatpay-*} headers.
 */
public final class Protocol {
    public static final String SCHEMA_PREFIX = "WECHATPAY2-";
    public static final String HEADER_SERIAL = "Wechatpay-Serial";
    public static final String HEADER_SIGNATURE = "Wechatpay-Signature";
    public static final String HEADER_TIMESTAMP = "Wechatpay-Timestamp";
    public static final String HEADER_NONCE = "Wechatpay-Nonce";
    public static final String HEADER_SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** The {@code Wechatpay-Signature-Type} of RSA platform keys. */
    public static final String RSA_SIGNATURE_TYPE =
            SCHEMA_PREFIX + io.github.wechatpay4j.crypto.CryptoSuite.rsa().signatureAlgorithm();

    private static final char[] NONCE_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Protocol() {}

    /** 32 characters from {@code [0-9A-Za-z]}, uniformly drawn from {@code random}. */
    public static String nonce(SecureRandom random) {
        char[] out = new char[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = NONCE_ALPHABET[random.nextInt(NONCE_ALPHABET.length)];
        }
        return new String(out);
    }

    /** Whether {@code nonce} is 1 to 32 characters of {@code [0-9A-Za-z]}. */
    public static boolean isValidNonce(String nonce) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > 32) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code METHOD\nPATH[?QUERY]\nTIMESTAMP\nNONCE\nBODY\n}, with the body's bytes copied as they are.
     *
     * @param pathAndQuery the raw (percent-encoded) path and query exactly as sent
     */
    public static byte[] requestMessage(String method, String pathAndQuery, long timestamp, String nonce, byte[] body) {
        byte[] head = (method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        message[message.length - 1] = '\n';
        return message;
    }

    /** {@code WECHATPAY2-<alg> mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"}. */
    public static String authorization(
            String algorithm, String mchid, String nonce, long timestamp, String merchantSerial, String signature) {
        return SCHEMA_PREFIX + algorithm + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",timestamp=\""
                + timestamp + "\",serial_no=\"" + merchantSerial + "\",signature=\"" + signature + "\"";
    }

    /** {@code TIMESTAMP\nNONCE\nBODY\n} over the body's raw bytes. */
    public static byte[] responseMessage(String timestamp, String nonce, byte[] body) {
        byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length + 1);
        out.writeBytes(head);
        out.writeBytes(body);
        out.write('\n');
        return out.toByteArray();
    }

    /** Whether the response carries any of the signature headers (used to tell "unsigned" from "badly signed"). */
    public static boolean hasSignatureHeaders(Headers headers) {
        return headers.contains(HEADER_SIGNATURE)
                || headers.contains(HEADER_SERIAL)
                || headers.contains(HEADER_TIMESTAMP)
                || headers.contains(HEADER_NONCE);
    }

    /**
     * Verifies a signed WeChat Pay message (a response or a notification): all four headers present and single,
     * timestamp numeric and within {@code window} of {@code clock}, no probe signature, then the signature itself.
     *
     * @throws SignatureVerificationException with the reason
     */
    public static void verify(Headers headers, byte[] body, Verifier verifier, Clock clock, Duration window) {
        verify(headers, body, verifier, clock, window, RSA_SIGNATURE_TYPE);
    }

    /**
     * {@link #verify(Headers, byte[], Verifier, Clock, Duration)} for a scheme whose {@code Wechatpay-Signature-Type}
     * (when present) is {@code signatureType}.
     */
    public static void verify(
            Headers headers, byte[] body, Verifier verifier, Clock clock, Duration window, String signatureType) {
        String serial = single(headers, HEADER_SERIAL);
        String signature = single(headers, HEADER_SIGNATURE);
        String timestamp = single(headers, HEADER_TIMESTAMP);
        String nonce = single(headers, HEADER_NONCE);
        List<String> type = headers.all(HEADER_SIGNATURE_TYPE);
        if (!type.isEmpty() && !(type.size() == 1 && signatureType.equals(type.get(0)))) {
            throw new SignatureVerificationException(
                    Reason.UNSUPPORTED_ALGORITHM,
                    HEADER_SIGNATURE_TYPE + " is " + type + "; this client verifies " + signatureType + " only");
        }
        long seconds = parseTimestamp(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > window.toSeconds()) {
            throw new SignatureVerificationException(
                    Reason.STALE_TIMESTAMP,
                    HEADER_TIMESTAMP + " " + seconds
                            + " is " + Math.abs(now - seconds) + " s away from the local clock (" + now
                            + "), more than the "
                            + window.toSeconds() + " s allowed: a replayed message, or a local clock that needs NTP");
        }
        if (signature.startsWith(PROBE_PREFIX)) {
            throw new SignatureVerificationException(
                    Reason.PROBE_SIGNATURE,
                    "WeChat Pay sent a "
                            + PROBE_PREFIX
                            + " probe signature to check that this merchant verifies signatures; the message"
                            + " is rejected as it must be");
        }
        verifier.verify(serial, responseMessage(timestamp, nonce, body), signature);
    }

    private static String single(Headers headers, String name) {
        List<String> values = headers.all(name);
        String first = values.isEmpty() ? "" : values.get(0).strip(); // optional whitespace is not part of a value
        if (first.isEmpty()) {
            throw new SignatureVerificationException(
                    Reason.MISSING_HEADER,
                    "the " + name + " header is missing;"
                            + " a genuine WeChat Pay 2xx answer is always signed, so this one is rejected");
        }
        for (String v : values) {
            if (!v.strip().equals(first)) {
                throw new SignatureVerificationException(
                        Reason.CONFLICTING_HEADERS,
                        "the " + name + " header appears " + values.size() + " times with different values");
            }
        }
        return first;
    }

    private static long parseTimestamp(String value) {
        if (value.length() > 12) {
            throw new SignatureVerificationException(
                    Reason.MALFORMED_TIMESTAMP,
                    HEADER_TIMESTAMP + " is too long to be unix seconds (" + value.length() + " characters)");
        }
        long seconds = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new SignatureVerificationException(
                        Reason.MALFORMED_TIMESTAMP,
                        HEADER_TIMESTAMP + " '" + abbreviate(value) + "' is not unix seconds");
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
