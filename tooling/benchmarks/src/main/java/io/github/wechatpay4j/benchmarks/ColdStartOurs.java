package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh JVM's first verified response with wechatpay4j: build the client from the merchant's files, one query,
 * exit. Run by {@link ColdStart} on the minimal install's class path (core, transport-jdk, json-gson).
 */
public final class ColdStartOurs {
    private ColdStartOurs() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mchid = Files.readString(dir.resolve("mchid.txt")).strip();
        long start = System.nanoTime();
        try (WechatPay client = WechatPay.builder()
                .merchantId(mchid)
                .merchantSerialNumber(
                        Files.readString(dir.resolve("merchant_serial.txt")).strip())
                .privateKey(dir.resolve("merchant_private_key.pem"))
                .wechatpayPublicKey(
                        Files.readString(dir.resolve("platform_public_key_id.txt"))
                                .strip(),
                        dir.resolve("platform_public_key.pem"))
                .baseUrl(Files.readString(dir.resolve("base_url.txt")).strip())
                .build()) {
            System.out.println(ColdStart.BUILT + (System.nanoTime() - start) / 1000); // build() alone, a user's view
            Object state = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                    .get(Options.path("out_trade_no", args[1]).withQuery("mchid", mchid))
                    .asMap()
                    .get("trade_state");
            if (!"SUCCESS".equals(state)) {
                throw new IllegalStateException("unexpected trade_state " + state);
            }
            System.out.println(ColdStart.ANSWERED); // the first verified answer: what the harness times
            System.out.flush();
        }
    }
}
