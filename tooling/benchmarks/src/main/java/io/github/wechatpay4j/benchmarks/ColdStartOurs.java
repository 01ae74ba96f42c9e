package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh JVM's first verified response with wechatpay4j: build the client from the merchant's files, one query,
 * exit. Run by {@link ColdStart} on the minimal install's class path (core, transport-jdk, json-gson). Usage:
 * {@code ColdStartOurs DIR OUT_TRADE_NO [PAUSE_MS WARM_UP]}: with a pause ({@link FirstCall}), the query waits
 * {@code PAUSE_MS} after {@code build()} (built with {@code warmUp(WARM_UP)}) and its own time is printed
 * ({@link FirstCall#FIRST_CALL}).
 */
public final class ColdStartOurs {
    private ColdStartOurs() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mchid = Files.readString(dir.resolve("mchid.txt")).strip();
        long pause = args.length > 2 ? Long.parseLong(args[2]) : 0;
        boolean warmUp = args.length <= 3 || Boolean.parseBoolean(args[3]);
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
                .warmUp(warmUp)
                .build()) {
            System.out.println(ColdStart.BUILT + (System.nanoTime() - start) / 1000); // build() alone, a user's view
            if (pause > 0) {
                Thread.sleep(pause);
            }
            long call = System.nanoTime();
            Object state = client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                    .get(Options.path("out_trade_no", args[1]).withQuery("mchid", mchid))
                    .asMap()
                    .get("trade_state");
            if (!"SUCCESS".equals(state)) {
                throw new IllegalStateException("unexpected trade_state " + state);
            }
            if (pause > 0) {
                System.out.println(FirstCall.FIRST_CALL + (System.nanoTime() - call) / 1000);
            }
            System.out.println(ColdStart.ANSWERED); // the first verified answer: what the harness times
            System.out.flush();
        }
    }
}
