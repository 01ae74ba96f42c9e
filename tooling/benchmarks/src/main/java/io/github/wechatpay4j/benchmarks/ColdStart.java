package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start and footprint. Usage: {@code ColdStart OURS_CLASSPATH_FILE OFFICIAL_CLASSPATH_FILE CLASSES_DIR RUNS}.
 * Starts the fake server here, then times {@code RUNS} fresh JVMs of each side (alternating, after one unmeasured
 * run each), from process start to exit after the first verified response. Prints JSON lines:
 * {@code {"name":…,"median_ms":…,"runs_ms":[…]}} and {@code {"name":"footprint-…","bytes":…,"jars":…}}.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        List<String> ours = classpath(Path.of(args[0]));
        List<String> official = classpath(Path.of(args[1]));
        String classes = args[2];
        int runs = Integer.parseInt(args[3]);
        footprint("footprint-ours", ours);
        footprint("footprint-official", official);

        Path dir = Files.createTempDirectory("coldstart");
        try (FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY)) {
            fake.recordRequests(false);
            fake.on("GET", EndToEndBenchmarks.PATH, FakeResponse.ok(Payloads.TRANSACTION_JSON));
            fake.writeClientFiles(dir);
            List<String> oursCommand = command(ours, classes, ColdStartOurs.class, dir);
            List<String> officialCommand = command(official, classes, ColdStartOfficial.class, dir);
            time(oursCommand);
            time(officialCommand);
            long[] oursMs = new long[runs];
            long[] officialMs = new long[runs];
            for (int i = 0; i < runs; i++) {
                oursMs[i] = time(oursCommand);
                officialMs[i] = time(officialCommand);
            }
            report("coldstart-ours", oursMs);
            report("coldstart-official", officialMs);
        }
    }

    static List<String> classpath(Path file) throws IOException {
        return Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .toList();
    }

    static void footprint(String name, List<String> jars) throws IOException {
        long bytes = 0;
        for (String jar : jars) {
            bytes += Files.size(Path.of(jar));
        }
        System.out.println("{\"name\":\"" + name + "\",\"bytes\":" + bytes + ",\"jars\":" + jars.size() + "}");
    }

    static List<String> command(List<String> jars, String classes, Class<?> main, Path dir) {
        List<String> all = new ArrayList<>(jars);
        all.add(classes);
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, all),
                main.getName(),
                dir.toString(),
                EndToEndBenchmarks.OUT_TRADE_NO);
    }

    static long time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    command.get(command.size() - 3) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static void report(String name, long[] ms) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.println("{\"name\":\"" + name + "\",\"median_ms\":" + sorted[sorted.length / 2] + ",\"runs_ms\":"
                + Arrays.toString(ms).replace(" ", "") + "}");
    }
}
