package io.github.wechatpay4j.benchmarks;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.service.payments.model.Transaction;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh JVM's first verified response with the official {@code wechatpay-java}: the same files, the same query.
 * Run by {@link ColdStart} on the official SDK's class path. Usage: {@code ColdStartOfficial DIR OUT_TRADE_NO
 * [PAUSE_MS]}: with a pause ({@link FirstCall}), the query waits {@code PAUSE_MS} after the client is built and its
 * own time is printed.
 */
public final class ColdStartOfficial {
    private ColdStartOfficial() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mchid = Files.readString(dir.resolve("mchid.txt")).strip();
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(mchid)
                .privateKeyFromPath(dir.resolve("merchant_private_key.pem").toString())
                .merchantSerialNumber(
                        Files.readString(dir.resolve("merchant_serial.txt")).strip())
                .publicKeyFromPath(dir.resolve("platform_public_key.pem").toString())
                .publicKeyId(Files.readString(dir.resolve("platform_public_key_id.txt"))
                        .strip())
                .apiV3Key(Files.readString(dir.resolve("apiv3_key.txt")).strip())
                .build();
        var client = new DefaultHttpClientBuilder().config(config).build(); // its own default OkHttp client
        String url = Files.readString(dir.resolve("base_url.txt")).strip() + "/v3/pay/transactions/out-trade-no/"
                + args[1] + "?mchid=" + mchid;
        long pause = args.length > 2 ? Long.parseLong(args[2]) : 0;
        if (pause > 0) {
            Thread.sleep(pause);
        }
        long call = System.nanoTime();
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        Transaction t = client.get(headers, url, Transaction.class).getServiceResponse();
        if (t.getTradeState() == null || !"SUCCESS".equals(t.getTradeState().name())) {
            throw new IllegalStateException("unexpected trade_state " + t.getTradeState());
        }
        if (pause > 0) {
            System.out.println(FirstCall.FIRST_CALL + (System.nanoTime() - call) / 1000);
        }
        System.out.println(ColdStart.ANSWERED); // the first verified answer: what the harness times
        System.out.flush();
        System.exit(0); // OkHttp's pool threads would keep the JVM alive for a minute
    }
}
