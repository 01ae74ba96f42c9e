package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * run each), from process start to the line the child prints once it holds the first verified response
 * ({@link #ANSWERED}), and to its exit. Prints JSON lines:
 * {@code {"name":…,"median_ms":…,"runs_ms":[…],"exit_median_ms":…}} and
 * {@code {"name":"footprint-…","bytes":…,"jars":…}}. The exit is reported apart because it is not the SDK's:
 * HotSpot waits up to 300 ms at exit for threads in native code, such as {@code java.net.http}'s selector.
 */
public final class ColdStart {
    /** What a child prints once it holds the first verified answer. */
    static final String ANSWERED = "ANSWERED";

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
            long[][] oursMs = new long[2][runs];
            long[][] officialMs = new long[2][runs];
            for (int i = 0; i < runs; i++) {
                long[] ours1 = time(oursCommand);
                long[] official1 = time(officialCommand);
                oursMs[0][i] = ours1[0];
                oursMs[1][i] = ours1[1];
                officialMs[0][i] = official1[0];
                officialMs[1][i] = official1[1];
            }
            report("coldstart-ours", oursMs[0], oursMs[1]);
            report("coldstart-official", officialMs[0], officialMs[1]);
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

    /** Milliseconds from starting {@code command} to its {@link #ANSWERED} line, and to its exit. */
    static long[] time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long answered = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (answered < 0 && line.equals(ANSWERED)) {
                    answered = System.nanoTime();
                }
                output.append(line).append('\n');
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || answered < 0) {
            throw new IllegalStateException(command.get(command.size() - 3) + " failed: " + output);
        }
        long exited = System.nanoTime();
        return new long[] {
            TimeUnit.NANOSECONDS.toMillis(answered - start), TimeUnit.NANOSECONDS.toMillis(exited - start)
        };
    }

    static void report(String name, long[] answerMs, long[] exitMs) {
        System.out.println("{\"name\":\"" + name + "\",\"median_ms\":" + median(answerMs) + ",\"runs_ms\":"
                + Arrays.toString(answerMs).replace(" ", "") + ",\"exit_median_ms\":" + median(exitMs) + "}");
    }

    static long median(long[] ms) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
