package io.github.wechatpay4j.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpHeaders;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.json.jackson.JacksonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One signed, verified, bound query ({@code GET /v3/pay/transactions/out-trade-no/{no}?mchid=…}, a paid
 * transaction of ≈ 600 bytes) over loopback against the fake server, which reuses its signature within a second so
 * that the client is what is measured. Ours on every transport × JSON adapter (one thread, and 256 in flight),
 * the official {@code wechatpay-java}, and a hand-written floor (raw JCA + raw {@code java.net.http} + Jackson).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true"})
public class EndToEndBenchmarks {
    static final String OUT_TRADE_NO = "1217752501201407033233368018";
    static final String PATH = "/v3/pay/transactions/out-trade-no/" + OUT_TRADE_NO;

    /** The fake server and its keys, shared by every client in a trial. */
    @State(Scope.Benchmark)
    public static class Server {
        TestKeys keys;
        FakeWechatPay fake;

        @Setup(Level.Trial)
        public void start() {
            keys = TestKeys.generate();
            fake = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY)
                    .recordRequests(false)
                    .reuseSignatures(true);
            fake.on("GET", PATH, FakeResponse.ok(Payloads.TRANSACTION_JSON));
        }

        @TearDown(Level.Trial)
        public void stop() {
            fake.close();
        }

        String query() {
            return PATH + "?mchid=" + keys.mchid();
        }
    }

    /** Our client on one transport and JSON adapter. */
    @State(Scope.Benchmark)
    public static class Ours {
        @Param({"jdk", "okhttp", "apache"})
        String transport;

        @Param({"jackson", "gson"})
        String json;

        WechatPay client;
        Options options;

        @Setup(Level.Trial)
        public void build(Server server) {
            WechatPay.Builder builder = server.fake
                    .clientBuilder()
                    .jsonCodec(json.equals("jackson") ? new JacksonJsonCodec() : new GsonJsonCodec())
                    .maxConnections(300);
            switch (transport) {
                case "jdk" ->
                    builder.transportProvider(new io.github.wechatpay4j.transport.jdk.JdkHttpTransportProvider());
                case "okhttp" ->
                    builder.transportProvider(new io.github.wechatpay4j.transport.okhttp.OkHttpTransportProvider());
                default ->
                    builder.transportProvider(new io.github.wechatpay4j.transport.apache.ApacheHttpTransportProvider());
            }
            client = builder.build();
            options = Options.path("out_trade_no", OUT_TRADE_NO).withQuery("mchid", server.keys.mchid());
            Payloads.Transaction t = call();
            if (!"SUCCESS".equals(t.tradeState())) {
                throw new IllegalStateException("the fake answered " + t);
            }
        }

        Payloads.Transaction call() {
            return client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                    .get(options)
                    .as(Payloads.Transaction.class);
        }

        CompletableFuture<Payloads.Transaction> callAsync() {
            return client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}")
                    .getAsync(options)
                    .thenApply(r -> r.as(Payloads.Transaction.class));
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    @Benchmark
    public Payloads.Transaction oursSync(Ours ours) {
        return ours.call();
    }

    /** 256 calls in flight from one thread; the score is calls per second. */
    @Benchmark
    @OperationsPerInvocation(256)
    public Object oursAsync256(Ours ours) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Payloads.Transaction>[] calls = new CompletableFuture[256];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = ours.callAsync();
        }
        CompletableFuture.allOf(calls).join();
        return calls[255].join();
    }

    /** The official SDK, {@code com.github.wechatpay-apiv3:wechatpay-java}, on its default OkHttp client. */
    @State(Scope.Benchmark)
    public static class Official {
        com.wechat.pay.java.core.http.HttpClient client;
        String url;
        HttpHeaders headers;

        @Setup(Level.Trial)
        public void build(Server server) {
            RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                    .merchantId(server.keys.mchid())
                    .privateKey(server.keys.merchantKeys().getPrivate())
                    .merchantSerialNumber(server.keys.merchantSerial())
                    .publicKey(server.keys.platformKeys().getPublic())
                    .publicKeyId(server.keys.publicKeyId())
                    .apiV3Key(server.keys.apiV3Key())
                    .build();
            client = new DefaultHttpClientBuilder().config(config).build(); // its own default OkHttp client
            url = server.fake.baseUrl() + server.query();
            headers = new HttpHeaders();
            headers.addHeader("Accept", "application/json");
            com.wechat.pay.java.service.payments.model.Transaction t = call();
            if (t.getTradeState() == null) {
                throw new IllegalStateException("the official SDK read no trade_state");
            }
        }

        com.wechat.pay.java.service.payments.model.Transaction call() {
            return client.get(headers, url, com.wechat.pay.java.service.payments.model.Transaction.class)
                    .getServiceResponse();
        }
    }

    @Benchmark
    public Object officialSync(Official official) {
        return official.call();
    }

    /**
     * The floor, no SDK: SHA256withRSA with a per-call {@link Signature}, raw {@code java.net.http}, the response
     * signature verified, Jackson binding into the same record. What any correct client must do at least.
     */
    @State(Scope.Benchmark)
    public static class Floor {
        HttpClient http;
        Server server;
        ObjectMapper mapper;
        SecureRandom random = new SecureRandom();
        URI uri;
        String target;

        @Setup(Level.Trial)
        public void build(Server server) throws Exception {
            this.server = server;
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            mapper = new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            target = server.query();
            uri = URI.create(server.fake.baseUrl() + target);
            if (!"SUCCESS".equals(call().tradeState())) {
                throw new IllegalStateException("the floor client read no trade_state");
            }
        }

        Payloads.Transaction call() throws IOException, InterruptedException, GeneralSecurityException {
            long now = Instant.now().getEpochSecond();
            byte[] nonceBytes = new byte[16];
            random.nextBytes(nonceBytes);
            String nonce = HexFormat.of().withUpperCase().formatHex(nonceBytes);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(server.keys.merchantKeys().getPrivate());
            signer.update(("GET\n" + target + "\n" + now + "\n" + nonce + "\n\n").getBytes(StandardCharsets.UTF_8));
            String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + server.keys.mchid() + "\",nonce_str=\""
                    + nonce + "\",timestamp=\"" + now + "\",serial_no=\"" + server.keys.merchantSerial()
                    + "\",signature=\"" + Base64.getEncoder().encodeToString(signer.sign()) + "\"";
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", authorization)
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            var h = response.headers();
            String timestamp = h.firstValue("Wechatpay-Timestamp").orElseThrow();
            if (Math.abs(now - Long.parseLong(timestamp)) > 300
                    || !server.keys
                            .publicKeyId()
                            .equals(h.firstValue("Wechatpay-Serial").orElseThrow())) {
                throw new IllegalStateException("stale or unknown serial");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(server.keys.platformKeys().getPublic());
            verifier.update((timestamp + "\n" + h.firstValue("Wechatpay-Nonce").orElseThrow() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            verifier.update(response.body());
            verifier.update((byte) '\n');
            if (!verifier.verify(Base64.getDecoder()
                    .decode(h.firstValue("Wechatpay-Signature").orElseThrow()))) {
                throw new IllegalStateException("bad signature");
            }
            return mapper.readValue(response.body(), Payloads.Transaction.class);
        }
    }

    @Benchmark
    public Payloads.Transaction floorSync(Floor floor) throws Exception {
        return floor.call();
    }
}
