package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.ClientResources;
import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.json.gson.GsonJsonCodec;
import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import io.github.wechatpay4j.transport.jdk.JdkHttpTransportProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What merchants cost: {@code N} clients in one JVM, each having made one verified call (a blocking query, then an
 * asynchronous one), built from PEM text as a platform reads them from its store. Two ways: on one
 * {@link ClientResources} ({@code shared}), and each client with its own defaults ({@code own}). Threads and heap are
 * counted after the clients are built and have called, against a baseline taken after the fake (in this JVM) started;
 * heap is what stays reachable after a full GC. Usage: {@code Merchants N shared|own}; run each way in its own JVM.
 * Prints one JSON line {@code {"name":"merchants-…","clients":…,"threads":…,"heap_bytes":…,"build_ms":…}}.
 */
public final class Merchants {
    private Merchants() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean shared = args[1].equals("shared");
        TestKeys keys = TestKeys.generate();
        try (FakeWechatPay fake = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY)) {
            fake.recordRequests(false).reuseSignatures(true);
            fake.on("GET", Payloads.PATH, FakeResponse.ok(Payloads.TRANSACTION_JSON));
            String privateKey = keys.merchantPrivateKeyPem();
            String publicKey = keys.platformPublicKeyPem();
            Options query = Options.path("no", Payloads.OUT_TRADE_NO).withQuery("mchid", keys.mchid());
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            // warm what every run pays once (class loading, the JCA), outside the counts
            try (WechatPay warm = builder(fake, keys, privateKey, publicKey).build()) {
                warm.chain("v3/pay/transactions/out-trade-no/{no}").get(query);
            }
            settle();
            int threadsBefore = Thread.activeCount();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            ClientResources resources = shared
                    ? ClientResources.builder()
                            .transportProvider(new JdkHttpTransportProvider())
                            .jsonCodec(new GsonJsonCodec())
                            .build()
                    : null;
            List<WechatPay> clients = new ArrayList<>(n);
            long buildNanos = 0;
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                WechatPay.Builder b = builder(fake, keys, privateKey, publicKey);
                if (shared) {
                    b.resources(resources);
                } else {
                    b.jsonCodec(new GsonJsonCodec()).transportProvider(new JdkHttpTransportProvider());
                }
                WechatPay client = b.build();
                buildNanos += System.nanoTime() - start;
                clients.add(client);
                client.chain("v3/pay/transactions/out-trade-no/{no}").get(query);
                client.chain("v3/pay/transactions/out-trade-no/{no}")
                        .getAsync(query)
                        .join();
            }
            int threads = Thread.activeCount() - threadsBefore;
            settle();
            long heap = memory.getHeapMemoryUsage().getUsed() - heapBefore;
            System.out.println("{\"name\":\"merchants-" + args[1] + "\",\"clients\":" + n + ",\"threads\":" + threads
                    + ",\"heap_bytes\":" + heap + ",\"build_ms\":" + TimeUnit.NANOSECONDS.toMillis(buildNanos) + "}");
            clients.forEach(WechatPay::close);
            if (resources != null) {
                resources.close();
            }
        }
    }

    private static WechatPay.Builder builder(FakeWechatPay fake, TestKeys keys, String privateKey, String publicKey) {
        return WechatPay.builder()
                .merchantId(keys.mchid())
                .merchantSerialNumber(keys.merchantSerial())
                .privateKey(privateKey)
                .wechatpayPublicKey(keys.publicKeyId(), publicKey)
                .baseUrl(fake.baseUrl());
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }
}
