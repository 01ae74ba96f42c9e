package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.Options;
import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.download.BillFile;
import io.github.wechatpay4j.testkit.BillSource;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A 1 GiB trade bill, gzipped: the SDK's download (signed GET, streamed, gunzipped on the fly, SHA-1 checked) over
 * loopback, against the raw floor over the same gzip file ({@code GZIPInputStream} + {@code MessageDigest}). Run with
 * {@code -Xmx64m}. Usage: {@code BillStreaming MIB ROUNDS}. Prints JSON lines {@code {"name":…,"bytes_per_s":…}}.
 */
public final class BillStreaming {
    private BillStreaming() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]) << 20;
        int rounds = Integer.parseInt(args[1]);
        byte[] block = ("`2026-11-22 10:00:01,`wxd678efh567hg6787,`1900000001,`0,`,`4200000001202611247794981869,"
                        + "`1217752501201407033233368018,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`1.00,"
                        + "`0.00,`,`,`0.00,`0.00,`,`,`tea,`,`0.01,`0.60%,`1.00,`0.00,`\r\n")
                .getBytes(StandardCharsets.UTF_8);
        BillSource plain = BillSource.repeating(block, size);
        Path gz = Files.createTempFile("bill", ".csv.gz");
        gz.toFile().deleteOnExit();
        try (InputStream in = plain.open();
                OutputStream out =
                        new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(gz), 1 << 16), 1 << 16) {
                            {
                                def.setLevel(Deflater.BEST_SPEED);
                            }
                        }) {
            in.transferTo(out);
        }
        String expectedSha1 = null;
        double bestRaw = 0;
        double bestOurs = 0;
        try (FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY);
                WechatPay client = fake.clientBuilder().build()) {
            fake.recordRequests(false).bill(plain, () -> {
                try {
                    return Files.newInputStream(gz);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
                long n = 0;
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                    for (int k; (k = in.read(buffer)) >= 0; ) {
                        sha1.update(buffer, 0, k);
                        n += k;
                    }
                }
                expectedSha1 = HexFormat.of().formatHex(sha1.digest());
                bestRaw = Math.max(bestRaw, n / ((System.nanoTime() - start) / 1e9));

                start = System.nanoTime();
                BillFile bill = client.chain("v3/bill/tradebill")
                        .get(Options.query("bill_date", "2026-11-22").withQuery("tar_type", "GZIP"))
                        .as(BillFile.class);
                // the streaming variant: the verified ones add a temporary file, which measures the disk instead
                long got = client.downloads().billUnverified(bill, OutputStream.nullOutputStream());
                bestOurs = Math.max(bestOurs, got / ((System.nanoTime() - start) / 1e9));
                if (got != size || !bill.hashValue().equals(expectedSha1)) {
                    throw new IllegalStateException("downloaded " + got + " bytes, hash " + bill.hashValue());
                }
            }
        } finally {
            Files.deleteIfExists(gz);
        }
        long heap = Runtime.getRuntime().maxMemory();
        System.out.println("{\"name\":\"bill-raw\",\"bytes_per_s\":" + (long) bestRaw + ",\"max_heap\":" + heap + "}");
        System.out.println(
                "{\"name\":\"bill-ours\",\"bytes_per_s\":" + (long) bestOurs + ",\"max_heap\":" + heap + "}");
    }
}
