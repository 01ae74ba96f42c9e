package io.github.wechatpay4j.it;

import io.github.wechatpay4j.WechatPay;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * Run in a child JVM by {@link ClassPathDiscoveryTest}: builds a client on whatever class path it was given and prints
 * {@code transport=<name>} or {@code error=<exception class>: <message>}.
 */
public final class DiscoveryProbe {
    private DiscoveryProbe() {}

    public static void main(String[] args) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair merchant = g.generateKeyPair();
        KeyPair platform = g.generateKeyPair();
        try (WechatPay client = WechatPay.builder()
                .merchantId("1900000001")
                .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
                .privateKey(merchant.getPrivate())
                .wechatpayPublicKey("PUB_KEY_ID_0119000000012024000000000000", platform.getPublic())
                .build()) {
            String s = client.toString();
            int at = s.indexOf("transport=");
            System.out.println(s.substring(at, s.indexOf(',', at)));
        } catch (RuntimeException e) {
            System.out.println("error=" + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
