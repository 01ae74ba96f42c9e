package io.github.wechatpay4j.internal;

import io.github.wechatpay4j.ConfigurationException;

/**
 * WeChat Pay has no platform certificates for the merchant ({@code GET /v3/certificates} answered 404
 * {@code RESOURCE_NOT_EXISTS}): a merchant onboarded with a public key, or one whose certificates were voided after
 * the migration to it. With a public key configured the certificate store carries on with it; without one it is the
 * client's build error.
 */
public final class NoPlatformCertificatesException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    public NoPlatformCertificatesException(String message, Throwable cause) {
        super(message, cause);
    }
}
