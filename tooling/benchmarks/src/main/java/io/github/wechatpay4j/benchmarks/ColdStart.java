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
 * Cold start and footprint. Usage: {@code ColdStart CLASSES_DIR RUNS OURS_JDK_CLASSPATH_FILE OURS_OKHTTP_CLASSPATH_FILE
 * OFFICIAL_CLASSPATH_FILE} (ours: core, Gson and the JDK or the OkHttp transport).
 * Starts the fake server here, then times {@code RUNS} fresh JVMs of each side (alternating, after one unmeasured
 * run each), from process start to the line the child prints once it holds the first verified response
 * ({@link #ANSWERED}), and to its exit. Prints JSON lines:
 * {@code {"name":…,"median_ms":…,"runs_ms":[…],"exit_median_ms":…}} and
 * {@code {"name":"footprint-…","bytes":…,"jars":…}}. The exit is reported apart because it is not the SDK's:
 * HotSpot waits up to 300 ms at exit for threads in native code, such as {@code java.net.http}'s selector. The run
 * of fresh JVM {@code i} of every side is one turn: the report takes each side's ratio to the official SDK within
 * turns. With {@code -Dwechatpay.bench.jfr=DIR} each measured child records itself into {@code DIR/SIDE-i.jfr}
 * ({@code profile.sh}).
 */
public final class ColdStart {
    /** What a child prints once it holds the first verified answer. */
    static final String ANSWERED = "ANSWERED";

    private ColdStart() {}

    /** What a child prints before {@link #ANSWERED}: how long its {@code build()} took, in microseconds. */
    static final String BUILT = "BUILT ";

    /** One side: its name, its class path and the main class that makes the call. */
    record Side(String name, List<String> classpath, Class<?> main) {}

    public static void main(String[] args) throws Exception {
        String classes = args[0];
        int runs = Integer.parseInt(args[1]);
        List<Side> sides = List.of(
                new Side("ours", classpath(Path.of(args[2])), ColdStartOurs.class),
                new Side("ours-okhttp", classpath(Path.of(args[3])), ColdStartOurs.class),
                new Side("official", classpath(Path.of(args[4])), ColdStartOfficial.class));
        for (Side side : sides) {
            footprint("footprint-" + side.name(), side.classpath());
        }
        Path dir = Files.createTempDirectory("coldstart");
        try (FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY)) {
            fake.recordRequests(false);
            fake.on("GET", Payloads.PATH, FakeResponse.ok(Payloads.TRANSACTION_JSON));
            fake.writeClientFiles(dir);
            String jfr = System.getProperty(Paired.JFR_DIR); // profile.sh: each child records its run with JFR
            List<List<String>> commands = new ArrayList<>();
            for (Side side : sides) {
                commands.add(command(side.classpath(), classes, side.main(), dir, jfr, side.name()));
                time(commands.get(commands.size() - 1)); // one unmeasured run each: the OS's file cache
            }
            long[][][] ms = new long[sides.size()][3][runs];
            for (int i = 0; i < runs; i++) {
                for (int s = 0; s < sides.size(); s++) { // alternating, so that drift weighs on every side alike
                    long[] one = time(commands.get(s));
                    if (jfr != null) {
                        Files.move(
                                Path.of(jfr, sides.get(s).name() + ".jfr"),
                                Path.of(jfr, sides.get(s).name() + "-" + i + ".jfr"));
                    }
                    for (int k = 0; k < 3; k++) {
                        ms[s][k][i] = one[k];
                    }
                }
            }
            for (int s = 0; s < sides.size(); s++) {
                report("coldstart-" + sides.get(s).name(), ms[s][0], ms[s][1], ms[s][2]);
            }
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

    static List<String> command(List<String> jars, String classes, Class<?> main, Path dir, String jfr, String name) {
        List<String> all = new ArrayList<>(jars);
        all.add(classes);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jfr != null) { // 1 ms method sampling (profile.sh writes cold.jfc)
            command.add("-XX:StartFlightRecording=settings=" + Path.of(jfr, "cold.jfc") + ",filename="
                    + Path.of(jfr, name + ".jfr"));
        }
        command.addAll(List.of(
                "-cp", String.join(File.pathSeparator, all), main.getName(), dir.toString(), Payloads.OUT_TRADE_NO));
        return command;
    }

    /**
     * Milliseconds from starting {@code command} to its {@link #ANSWERED} line and to its exit, and the microseconds its
     * {@code build()} took by its own clock ({@code -1} when it prints none).
     */
    static long[] time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long answered = -1;
        long built = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (answered < 0 && line.equals(ANSWERED)) {
                    answered = System.nanoTime();
                } else if (line.startsWith(BUILT)) {
                    built = Long.parseLong(line.substring(BUILT.length()).strip());
                }
                output.append(line).append('\n');
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || answered < 0) {
            throw new IllegalStateException(command.get(command.size() - 3) + " failed: " + output);
        }
        long exited = System.nanoTime();
        return new long[] {
            TimeUnit.NANOSECONDS.toMillis(answered - start), TimeUnit.NANOSECONDS.toMillis(exited - start), built
        };
    }

    static void report(String name, long[] answerMs, long[] exitMs, long[] buildMicros) {
        System.out.println("{\"name\":\"" + name + "\",\"median_ms\":" + median(answerMs) + ",\"runs_ms\":"
                + Arrays.toString(answerMs).replace(" ", "") + ",\"exit_median_ms\":" + median(exitMs)
                + ",\"build_median_us\":" + median(buildMicros) + ",\"build_runs_us\":"
                + Arrays.toString(buildMicros).replace(" ", "") + "}");
    }

    static long median(long[] ms) {
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
