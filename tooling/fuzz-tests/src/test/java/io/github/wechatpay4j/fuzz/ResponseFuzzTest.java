package io.github.wechatpay4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.wechatpay4j.ApiResponse;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.http.Headers;
import io.github.wechatpay4j.http.HttpRequest;
import io.github.wechatpay4j.http.HttpResponse;
import io.github.wechatpay4j.http.HttpTransport;
import io.github.wechatpay4j.notification.TransactionSuccess;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static io.github.wechatpay4j.fuzz.Harness.only;

/**
 * Responses with a fuzzed status, headers and body, verified (or not) by the client and then read as a map and as a
 * typed record. The answers come from an in-memory transport: a loopback server per input would make the fuzzer a
 * thousand times slower, and the transports have their own contract suite over real sockets.
 */
class ResponseFuzzTest {
    private static final String[] NAMES = {
        "Wechatpay-Serial",
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Signature-Type",
        "Request-ID",
        "Content-Type",
        "X-Other"
    };

    @FuzzTest(maxDuration = "8s")
    void responsesFailOnlyWithTypedErrors(FuzzedDataProvider data) {
        int status = data.consumeBoolean() ? 200 : data.consumeInt(100, 599);
        boolean signGenuinely = data.consumeBoolean();
        Headers.Builder h = Headers.builder();
        int extra = data.consumeInt(0, 6);
        for (int i = 0; i < extra; i++) {
            String value = data.consumeString(60);
            if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                h.add(data.pickValue(NAMES), value);
            }
        }
        byte[] body = data.consumeRemainingAsBytes();
        if (signGenuinely) {
            long ts = Harness.now();
            h.set("Wechatpay-Serial", Harness.PUBLIC_KEY_ID)
                    .set("Wechatpay-Timestamp", Long.toString(ts))
                    .set("Wechatpay-Nonce", "N1")
                    .set("Wechatpay-Signature", Harness.sign(ts, "N1", body))
                    .set("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        }
        HttpResponse answer = new HttpResponse(status, h.build(), body);
        HttpTransport transport = new HttpTransport() {
            @Override
            public HttpResponse send(HttpRequest request) throws IOException {
                return answer;
            }

            @Override
            public CompletableFuture<HttpResponse> sendAsync(HttpRequest request) {
                return CompletableFuture.completedFuture(answer);
            }
        };
        try (WechatPay client = Harness.client()
                .transport(transport)
                .jsonCodec(data.consumeBoolean() ? Harness.JACKSON : Harness.GSON)
                .build()) {
            only(() -> read(client.chain("v3/pay/transactions/id/{id}").get(Options.path("id", "4200"))));
            only(() -> read(client.chain("v3/pay/transactions/native")
                    .post(Options.rawJson("{\"out_trade_no\":\"FUZZ-0001\"}"))));
            only(() -> read(client.chain("v3/x").getAsync().join()));
        }
    }

    private static void read(ApiResponse r) {
        Objects.requireNonNull(r.toString());
        Harness.only(r::asMap);
        Harness.only(() -> r.as(TransactionSuccess.Transaction.class));
    }
}
