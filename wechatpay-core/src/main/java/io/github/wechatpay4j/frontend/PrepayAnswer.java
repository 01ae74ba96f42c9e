package io.github.wechatpay4j.frontend;

/**
 * An answer that carries a {@code prepay_id}: the typed JSAPI, App and mini-program prepay answers implement it, so
 * {@link FrontEndPayments#jsapiPayment(String, PrepayAnswer)} and {@link FrontEndPayments#appPayment(String, PrepayAnswer)} take
 * them as they are.
 */
public interface PrepayAnswer {

    /** The {@code prepay_id}, valid for two hours. */
    String prepayId();
}
