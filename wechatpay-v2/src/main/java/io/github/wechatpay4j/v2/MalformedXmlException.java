package io.github.wechatpay4j.v2;

import io.github.wechatpay4j.WechatPayException;

/**
 * An APIv2 XML document was refused before anything in it was used: it is not well-formed, larger than allowed, or
 * carries what an APIv2 document never does (a DOCTYPE, entity declarations, a repeated field, text outside the
 * fields). Answers and notifications that fail this way are reported as {@code MalformedResponseException} and
 * {@code MalformedNotificationException} with this as the cause.
 */
public class MalformedXmlException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    public MalformedXmlException(String message) {
        super(message);
    }

    public MalformedXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
