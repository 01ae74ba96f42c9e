package io.github.wechatpay4j.json;

import io.github.wechatpay4j.WechatPayException;

/**
 * A {@link JsonCodec} could not write a value or read JSON into the requested type. The cause is the JSON library's
 * own exception, kept for diagnosis; callers only need to catch this type.
 */
public class JsonCodecException extends WechatPayException {
    private static final long serialVersionUID = 1L;

    public JsonCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
