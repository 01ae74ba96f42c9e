package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.WechatPay;
import io.github.wechatpay4j.crypto.Keys;
import io.github.wechatpay4j.http.HttpTransportProvider;
import io.github.wechatpay4j.json.JsonCodecProvider;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Where a fresh JVM's {@code WechatPay.builder()…build()} spends its time, step by step. JFR cannot show it: most of
 * it is class loading, linking and first-time bootstrap inside the JVM, not Java frames. Each child JVM takes, in this
 * order and timed one by one, the JDK's first uses that any client pays once per JVM (the first lambda, the JCA
 * provider framework, {@code SecureRandom}, reading {@code META-INF/services} from the jars), then the merchant key,
 * then {@code build()} with all of those already paid (what is left is ours: loading and initialising the client's
 * classes), then a second {@code build()} (a warm JVM). Usage: {@code BuildSteps CLASSES_DIR RUNS OURS_CLASSPATH_FILE}
 * (the benchmarks' own classes, not the shaded jar, so that the children see only the minimal install: core,
 * transport-jdk, json-gson); prints the median microseconds of each step over {@code RUNS} fresh JVMs, and the total of
 * the first six.
 */
public final class BuildSteps {
    private static final String STEP = "STEP ";

    private BuildSteps() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--child")) {
            child(Path.of(args[1]));
            return;
        }
        int runs = Integer.parseInt(args[1]);
        List<String> classpath = new ArrayList<>(
                List.of(Files.readString(Path.of(args[2])).strip().split(File.pathSeparator)));
        classpath.add(args[0]);
        Path dir = Files.createTempDirectory("buildsteps");
        try (FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY)) {
            fake.writeClientFiles(dir);
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classpath),
                BuildSteps.class.getName(),
                "--child",
                dir.toString());
        Map<String, long[]> steps = new LinkedHashMap<>();
        for (int run = -1; run < runs; run++) { // one unmeasured run: the OS's file cache
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.append(line).append('\n');
                    if (run >= 0 && line.startsWith(STEP)) {
                        String[] f = line.substring(STEP.length()).split(" ");
                        steps.computeIfAbsent(f[0], k -> new long[runs])[run] = Long.parseLong(f[1]);
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the child failed: " + output);
            }
        }
        long total = 0;
        StringBuilder json = new StringBuilder("{\"name\":\"build-steps\",\"runs\":" + runs + ",\"median_us\":{");
        for (Map.Entry<String, long[]> e : steps.entrySet()) {
            long median = ColdStart.median(e.getValue());
            if (!e.getKey().equals("second-build")) {
                total += median;
            }
            json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                    .append('"')
                    .append(e.getKey())
                    .append("\":")
                    .append(median);
        }
        System.out.println(
                json.append("},\"first_build_total_us\":").append(total).append('}'));
    }

    private static void child(Path dir) throws Exception {
        String mchid = Files.readString(dir.resolve("mchid.txt")).strip();
        String serial = Files.readString(dir.resolve("merchant_serial.txt")).strip();
        String keyId =
                Files.readString(dir.resolve("platform_public_key_id.txt")).strip();
        String base = Files.readString(dir.resolve("base_url.txt")).strip();
        long t = System.nanoTime(); // no lambda before this line: the first one is a step of its own
        t = step("jdk-first-lambda", t, () -> {
            Runnable r = () -> {};
            r.run();
        });
        t = step("jdk-jca-providers", t, () -> KeyFactory.getInstance("RSA"));
        t = step("jdk-securerandom", t, () -> new SecureRandom().nextLong());
        t = step("jdk-serviceloader", t, () -> {
            ServiceLoader.load(HttpTransportProvider.class).iterator().forEachRemaining(p -> {});
            ServiceLoader.load(JsonCodecProvider.class).iterator().forEachRemaining(p -> {});
        });
        t = step("merchant-key", t, () -> Keys.privateKeyFromFile(dir.resolve("merchant_private_key.pem")));
        WechatPay[] first = new WechatPay[1];
        t = step("build-rest-ours", t, () -> first[0] = build(dir, mchid, serial, keyId, base));
        step("second-build", t, () -> build(dir, mchid, serial, keyId, base).close());
        first[0].close();
    }

    private static WechatPay build(Path dir, String mchid, String serial, String keyId, String base) {
        return WechatPay.builder()
                .merchantId(mchid)
                .merchantSerialNumber(serial)
                .privateKey(dir.resolve("merchant_private_key.pem"))
                .wechatpayPublicKey(keyId, dir.resolve("platform_public_key.pem"))
                .baseUrl(base)
                .build();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long step(String name, long start, Step step) throws Exception {
        step.run();
        long end = System.nanoTime();
        System.out.println(STEP + name + " " + (end - start) / 1000);
        return System.nanoTime();
    }
}
