package io.github.wechatpay4j.spring.boot.autoconfigure;

import io.github.wechatpay4j.observe.CallObserver;

/** The call observer of each merchant, by its configured name: Micrometer's when it is present, none otherwise. */
@FunctionalInterface
interface MerchantCallObservers {
    MerchantCallObservers NONE = name -> CallObserver.NONE;

    CallObserver of(String merchantName);
}
