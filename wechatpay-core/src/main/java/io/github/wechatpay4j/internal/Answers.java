package io.github.wechatpay4j.internal;

/**
 * How WeChat Pay authenticates an operation's answer: signed JSON, or a file. Which operations answer files is an
 * operation fact ({@link OperationFacts}), generated from the corrected spec.
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

    private Answers() {}

    /** The kind of answer {@code method path} gets ({@code path}: raw, without the query). */
    public static Kind of(String method, String path) {
        return OperationFacts.match(method, path).map(m -> m.facts().answer()).orElse(Kind.SIGNED);
    }
}
