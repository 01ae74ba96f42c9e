package io.github.wechatpay4j.internal;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * How WeChat Pay answers the operations whose answer is a file rather than signed JSON. The wechatpay-api module's
 * {@code AnswersAgreeWithSpecTest} checks this table against the spec and its corrections, so the two cannot drift.
 */
public final class Answers {

    /** How an answer is authenticated. */
    public enum Kind {
        /** Signed JSON, as almost every operation answers. */
        SIGNED,
        /** A file WeChat Pay does not sign: its hash, where the query answer gives one, is what protects it. */
        UNSIGNED_FILE,
        /**
         * An overseas statement: the file is signed through its SHA-1, the signature covering the JSON text
         * {@code {"sha1":"<Wechatpay-Statement-Sha1>"}} instead of the body.
         */
        STATEMENT
    }

    /** The header that carries an overseas statement's SHA-1. */
    public static final String STATEMENT_SHA1 = "Wechatpay-Statement-Sha1";

    private static final Set<String> FILES = Set.of(
            "/v3/billdownload/file",
            "/v3/transferdownload/signfile",
            "/v3/transferdownload/elecvoucherfile",
            "/v3/new-tax-control-fapiao/download",
            "/v3/statements");
    private static final Pattern IMAGES = Pattern.compile("/v3/(?:global/)?merchant-service/images/[^/]+");
    private static final Set<String> STATEMENTS = Set.of("/v3/global/statements", "/hk/v3/statements");

    private Answers() {}

    /** The kind of answer {@code GET path} gets ({@code path}: raw, without the query). */
    public static Kind of(String method, String path) {
        if (!"GET".equals(method)) {
            return Kind.SIGNED;
        }
        if (STATEMENTS.contains(path)) {
            return Kind.STATEMENT;
        }
        if (FILES.contains(path) || IMAGES.matcher(path).matches() && !path.endsWith("/upload")) {
            return Kind.UNSIGNED_FILE;
        }
        return Kind.SIGNED;
    }
}
