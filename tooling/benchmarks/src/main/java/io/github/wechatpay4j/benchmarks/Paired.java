package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end figures, measured in pairs: each {@link Pair comparison} runs in a fresh JVM of its own (no other
 * subject's code shares its JIT profile), where its two {@link Subjects subjects} take turns, one slice each per round
 * (short slices, so that the two measure the machine in nearly the same state), the first of a round alternating, so that whatever the machine does
 * meanwhile (a noisy neighbour, the CPU's clock) weighs on both alike, and the ratio is taken within its round. The
 * rounds give each ratio its mean and 99.9% interval ({@link Report}). Usage: {@code Paired ROUNDS SLICE_MS WARMUP_MS
 * OUT}: runs one fork per pair, one after another, and writes their lines to OUT. Each fork prints one JSON line per
 * round: {@code {"pair":…,"round":…,"rates":{"subject":calls per second,…}}}, and a line with the CPU time the machine
 * lost to other guests ({@code steal}) and left idle while it ran.
 */
public final class Paired {
    /** The host WxJava signs for; its forks resolve it to the loopback address. */
    static final String WECHAT_PAY_HOST = "api.mch.weixin.qq.com";

    /** A directory to record each fork into with JDK Flight Recorder ({@code profile.sh}); no recording when unset. */
    static final String JFR_DIR = "wechatpay.bench.jfr";

    private Paired() {}

    /** One comparison: {@code subject} over {@code base}, measured in a fork of their own, against a target. */
    record Pair(String what, String subject, String base, double bound) {}

    /** Every comparison the report shows. */
    static final List<Pair> PAIRS = pairs();

    private static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (String t : Subjects.TRANSPORTS) {
            pairs.add(new Pair("sync " + t + " / raw " + t + " floor", "ours-sync-" + t, "floor-" + t, 0.97));
            pairs.add(new Pair("sync " + t + " / official", "ours-sync-" + t, "official", 1.0));
            pairs.add(new Pair("sync " + t + " / WxJava", "ours-sync-" + t, "wxjava", 1.0));
            pairs.add(new Pair(
                    "async " + Subjects.IN_FLIGHT + " " + t + " / sync " + t,
                    "ours-async" + Subjects.IN_FLIGHT + "-" + t,
                    "ours-sync-" + t,
                    1.8));
        }
        pairs.add(new Pair(
                "typed API / chain(...) into the same record (jdk)",
                "ours-typed-jdk",
                "ours-chain-typed-record-jdk",
                0.98));
        pairs.add(new Pair(
                "notification handling / crypto floor (RSA verify + AES-GCM)",
                "notification-ours",
                "notification-crypto-floor",
                0.9));
        return List.copyOf(pairs);
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--fork")) {
            fork(
                    PAIRS.get(Integer.parseInt(args[1])),
                    Integer.parseInt(args[2]),
                    Long.parseLong(args[3]),
                    Long.parseLong(args[4]));
            return;
        }
        Path out = Path.of(args[3]);
        Path hosts = Files.createTempFile("hosts", ".txt");
        hosts.toFile().deleteOnExit();
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 " + WECHAT_PAY_HOST + "\n");
        List<String> lines = new ArrayList<>();
        java.util.Set<Integer> only = new java.util.TreeSet<>(); // optional 5th argument: pair indexes, "0,3"
        if (args.length > 4) {
            for (String i : args[4].split(",")) {
                only.add(Integer.parseInt(i.strip()));
            }
        }
        for (int f = 0; f < PAIRS.size(); f++) {
            if (!only.isEmpty() && !only.contains(f)) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms512m",
                    "-Xmx512m",
                    "-Djdk.net.hosts.file=" + hosts));
            String jfr = System.getProperty(JFR_DIR); // profile.sh: each fork records its rounds with JFR
            if (jfr != null) {
                command.add("-D" + JFR_DIR + "=" + Path.of(jfr, "pair-" + f + ".jfr"));
            }
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    Paired.class.getName(),
                    "--fork",
                    Integer.toString(f),
                    args[0],
                    args[1],
                    args[2]));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("{")) {
                        lines.add(line);
                    }
                    System.out.println(line);
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the fork of " + PAIRS.get(f).what() + " failed");
            }
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static void fork(Pair pair, int rounds, long sliceMillis, long warmupMillis) throws Exception {
        PrintStream stdout = System.out;
        TestKeys keys = TestKeys.generate();
        Subjects subjects = new Subjects();
        try (FakeWechatPay fake = FakeWechatPay.start(keys, FakeWechatPay.Mode.PUBLIC_KEY)) {
            fake.recordRequests(false).reuseSignatures(true);
            fake.on("GET", Payloads.PATH, FakeResponse.ok(Payloads.TRANSACTION_JSON));
            List<Subjects.Subject> all =
                    subjects.all(fake, keys, name -> name.equals(pair.subject()) || name.equals(pair.base()));
            for (Subjects.Subject s : all) {
                rate(s, warmupMillis);
            }
            // profile.sh: the rounds only, not the set-up (keys, clients) or the warm-up; stopped by System.exit
            Recording recording = recording(System.getProperty(JFR_DIR));
            long[] before = cpu();
            Map<String, long[]> used = new LinkedHashMap<>(); // subject → this process's CPU ns and calls, all rounds
            for (int round = 0; round < rounds; round++) {
                StringBuilder line =
                        new StringBuilder("{\"pair\":\"" + pair.what() + "\",\"round\":" + round + ",\"rates\":{");
                settle(); // no round pays for the garbage of the one before
                for (int i = 0; i < all.size(); i++) {
                    Subjects.Subject s = all.get((i + round) % all.size()); // rotate who goes first
                    line.append(i == 0 ? "" : ",")
                            .append('"')
                            .append(s.name())
                            .append("\":")
                            .append(String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    rate(s, sliceMillis, used.computeIfAbsent(s.name(), k -> new long[3]))));
                }
                stdout.println(line.append("}}"));
            }
            long[] after = cpu();
            long total = after[0] - before[0];
            stdout.println(String.format(
                    Locale.ROOT,
                    "{\"pair\":\"%s\",\"cpu\":{\"steal\":%.4f,\"idle\":%.4f,\"this_process_s\":%.1f,\"wall_s\":%.1f}}",
                    pair.what(),
                    total == 0 ? 0 : (after[1] - before[1]) / (double) total,
                    total == 0 ? 0 : (after[2] - before[2]) / (double) total,
                    (after[3] - before[3]) / 1e9,
                    (after[4] - before[4]) / 1e9));
            stdout.println(usage(pair, used));
            if (recording != null) {
                recording.stop(); // writes the file
                recording.close();
            }
        } finally {
            subjects.closeAll();
        }
        System.exit(0); // the peers' pool threads (OkHttp, WxJava) would keep the fork alive
    }

    /**
     * A JFR recording with the JDK's "profile" settings and Java code sampled every millisecond into {@code file},
     * started now; none without a file.
     */
    private static Recording recording(String file) throws IOException, java.text.ParseException {
        if (file == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        // "profile" samples Java code every 10 ms, which left a 10 s pair with about 100 samples
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
        recording.setDestination(Path.of(file));
        recording.start();
        return recording;
    }

    /** A full collection and a moment for the threads of the last subject to go quiet; not timed. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(20);
    }

    /**
     * Each subject's cost: this process's CPU microseconds per call (client, in-process fake server and every library
     * thread together) and the cores it kept busy while it ran, over all its rounds. A subject that keeps both cores
     * busy is bound by the CPU; then only less work per call makes it faster.
     */
    private static String usage(Pair pair, Map<String, long[]> used) {
        StringBuilder line = new StringBuilder("{\"pair\":\"" + pair.what() + "\",\"usage\":{");
        String comma = "";
        for (Map.Entry<String, long[]> e : used.entrySet()) {
            long[] u = e.getValue(); // CPU ns, calls, wall ns
            line.append(comma)
                    .append('"')
                    .append(e.getKey())
                    .append(String.format(
                            Locale.ROOT,
                            "\":{\"cpu_us_per_call\":%.1f,\"cores\":%.2f}",
                            u[1] == 0 ? 0 : u[0] / 1e3 / u[1],
                            u[2] == 0 ? 0 : u[0] / (double) u[2]));
            comma = ",";
        }
        return line.append("}}").toString();
    }

    /** Calls per second of {@code s} over at least {@code millis}. */
    private static double rate(Subjects.Subject s, long millis) throws Exception {
        return rate(s, millis, new long[3]);
    }

    /**
     * Calls per second of {@code s} over at least {@code millis}; adds this process's CPU nanoseconds, the calls and
     * the wall nanoseconds to {@code used}.
     */
    private static double rate(Subjects.Subject s, long millis, long[] used) throws Exception {
        long cpuBefore = processCpu();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
        long calls = 0;
        long now;
        do {
            s.invoke();
            calls += s.calls();
            now = System.nanoTime();
        } while (now < deadline);
        long cpuAfter = processCpu();
        used[0] += cpuAfter - cpuBefore;
        used[1] += calls;
        used[2] += now - start;
        return calls / ((now - start) / 1e9);
    }

    private static long processCpu() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getProcessCpuTime()
                : 0;
    }

    /**
     * The machine's CPU ticks in total, stolen by the hypervisor and idle (from {@code /proc/stat}), this process's
     * CPU nanoseconds and the wall clock; zeros where {@code /proc} is not there.
     */
    private static long[] cpu() {
        long[] result = new long[5];
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            result[0] = total;
            result[1] = f.length > 8 ? Long.parseLong(f[8]) : 0;
            result[2] = Long.parseLong(f[4]);
        } catch (IOException | RuntimeException e) {
            // not Linux: no machine figures
        }
        result[3] = processCpu();
        result[4] = System.nanoTime();
        return result;
    }
}
