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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A 1 GiB trade bill, gzipped: the SDK's download (signed GET, streamed, gunzipped on the fly, SHA-1 checked) over
 * loopback, against the raw floor over the same bytes from the same server (a signed {@code java.net.http} GET of the
 * same URL, {@code GZIPInputStream} + {@code MessageDigest}, nothing else), and, for reference, the same floor reading
 * the gzip file itself (no HTTP, no server thread sharing the CPU). Run with {@code -Xmx64m} and the JDK transport.
 * Ours and the raw floor take turns, the first of a round alternating, so that the ratio can be taken within each
 * round ({@link Report}). Usage: {@code BillStreaming MIB ROUNDS}. Prints JSON lines
 * {@code {"name":…,"bytes_per_s":…,"rounds":[…]}}.
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
        String expectedSha1 = fileFloor(gz, size);
        TestKeys keys = TestKeys.generate();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SecureRandom random = new SecureRandom();
        List<Double> raw = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        try (FakeWechatPay fake = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY);
                WechatPay client = fake.clientBuilder().build()) {
            fake.recordRequests(false).bill(plain, () -> {
                try {
                    return Files.newInputStream(gz);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            raw(client, http, keys, random, expectedSha1); // one unmeasured download each: the JIT's first compiles
            ours(client, size, expectedSha1);
            for (int r = 0; r < rounds; r++) { // the two take turns going first
                for (int turn = 0; turn < 2; turn++) {
                    if ((r + turn) % 2 == 0) {
                        raw.add(raw(client, http, keys, random, expectedSha1));
                    } else {
                        ours.add(ours(client, size, expectedSha1));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(gz);
        }
        long heap = Runtime.getRuntime().maxMemory();
        System.out.println("{\"name\":\"bill-raw\",\"bytes_per_s\":" + (long) Stats.mean(raw) + ",\"rounds\":"
                + rounds(raw) + ",\"max_heap\":" + heap + "}");
        System.out.println("{\"name\":\"bill-ours\",\"bytes_per_s\":" + (long) Stats.mean(ours) + ",\"rounds\":"
                + rounds(ours) + ",\"max_heap\":" + heap + "}");
    }

    /**
     * The reference line, once: the gzip file read directly (no HTTP, no server thread sharing the CPU). Prints its
     * line and returns the bill's SHA-1.
     */
    private static String fileFloor(Path gz, long size) throws Exception {
        long start = System.nanoTime();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        long n;
        try (InputStream in = Files.newInputStream(gz)) {
            n = gunzipAndHash(in, sha1);
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (n != size) {
            throw new IllegalStateException("the gzip file holds " + n + " bytes, not " + size);
        }
        System.out.println("{\"name\":\"bill-file\",\"bytes_per_s\":" + (long) rate + ",\"max_heap\":"
                + Runtime.getRuntime().maxMemory() + "}");
        return HexFormat.of().formatHex(sha1.digest());
    }

    /** The raw floor, bytes of bill per second: the URL asked for as ours does, then one signed GET, gunzip, SHA-1. */
    private static double raw(WechatPay client, HttpClient http, TestKeys keys, SecureRandom random, String sha1Hex)
            throws Exception {
        long start = System.nanoTime();
        BillFile location = client.chain("v3/bill/tradebill")
                .get(Options.query("bill_date", "2026-11-22").withQuery("tar_type", "GZIP"))
                .as(BillFile.class);
        URI url = URI.create(location.downloadUrl());
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        HttpResponse<InputStream> answer = http.send(
                HttpRequest.newBuilder(url)
                        .header(
                                "Authorization",
                                Floors.authorization(
                                        keys, random, target, Instant.now().getEpochSecond()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest rawSha1 = MessageDigest.getInstance("SHA-1");
        long n;
        try (InputStream in = answer.body()) {
            n = gunzipAndHash(in, rawSha1);
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (answer.statusCode() != 200
                || !HexFormat.of().formatHex(rawSha1.digest()).equals(sha1Hex)) {
            throw new IllegalStateException("the raw download answered " + answer.statusCode());
        }
        return rate;
    }

    /** Ours, bytes of bill per second: the URL asked for, then the SDK's streamed download, gunzipped and checked. */
    private static double ours(WechatPay client, long size, String sha1Hex) {
        long start = System.nanoTime();
        BillFile bill = client.chain("v3/bill/tradebill")
                .get(Options.query("bill_date", "2026-11-22").withQuery("tar_type", "GZIP"))
                .as(BillFile.class);
        // the streaming variant: the verified ones add a temporary file, which measures the disk instead
        long got = client.downloads().billUnverified(bill, OutputStream.nullOutputStream());
        double rate = got / ((System.nanoTime() - start) / 1e9);
        if (got != size || !bill.hashValue().equals(sha1Hex)) {
            throw new IllegalStateException("downloaded " + got + " bytes, hash " + bill.hashValue());
        }
        return rate;
    }

    private static String rounds(List<Double> rates) {
        StringBuilder s = new StringBuilder("[");
        for (double r : rates) {
            s.append(s.length() == 1 ? "" : ",").append((long) r);
        }
        return s.append(']').toString();
    }

    /** Gunzips {@code in} (64 KiB buffers) into {@code sha1}; the plain bytes read. */
    private static long gunzipAndHash(InputStream in, MessageDigest sha1) throws java.io.IOException {
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream plain = new GZIPInputStream(in, 1 << 16)) {
            for (int k; (k = plain.read(buffer)) >= 0; ) {
                sha1.update(buffer, 0, k);
                n += k;
            }
        }
        return n;
    }
}
