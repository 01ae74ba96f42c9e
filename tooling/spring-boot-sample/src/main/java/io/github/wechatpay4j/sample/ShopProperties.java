package io.github.wechatpay4j.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop's own settings.
 *
 * @param appid     the app ID the payers pay in (公众号 or mini-program)
 * @param notifyUrl where WeChat Pay posts this shop's notifications: the starter's endpoint, as the public reaches it
 */
@ConfigurationProperties("shop")
public record ShopProperties(String appid, String notifyUrl) {}
