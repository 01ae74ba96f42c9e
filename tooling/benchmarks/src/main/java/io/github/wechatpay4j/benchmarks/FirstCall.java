package io.github.wechatpay4j.benchmarks;

import io.github.wechatpay4j.testkit.FakeResponse;
import io.github.wechatpay4j.testkit.FakeWechatPay;
import io.github.wechatpay4j.testkit.TestKeys;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first call of a fresh JVM's client made some time after it was built, as in a service that builds its client at
 * start-up and is called later: how long that call takes by the child's own clock, ours with the client's warm-up
 * (the default), ours built with {@code warmUp(false)}, and the official SDK (which builds its OkHttp client when it is
 * built). Usage: {@code FirstCall CLASSES_DIR RUNS PAUSE_MS OURS_CLASSPATH_FILE OFFICIAL_CLASSPATH_FILE}; the sides
 * take turns, {@code RUNS} fresh JVMs each after one unmeasured run each. Prints one JSON line: {@code
 * {"name":"first-call","pause_ms":…,"median_us":{side:…},"runs_us":{side:[…]}}}.
 */
public final class FirstCall {
    /** What a child prints after its first call when it paused before it: the call's microseconds. */
    static final String FIRST_CALL = "FIRST_CALL ";

    private FirstCall() {}

    public static void main(String[] args) throws Exception {
        String classes = args[0];
        int runs = Integer.parseInt(args[1]);
        String pause = args[2];
        List<String> ours = ColdStart.classpath(Path.of(args[3]));
        List<String> official = ColdStart.classpath(Path.of(args[4]));
        Path dir = Files.createTempDirectory("firstcall");
        try (FakeWechatPay fake = FakeWechatPay.start(TestKeys.generate(), FakeWechatPay.Mode.PUBLIC_KEY)) {
            fake.recordRequests(false);
            fake.on("GET", Payloads.PATH, FakeResponse.ok(Payloads.TRANSACTION_JSON));
            fake.writeClientFiles(dir);
            Map<String, List<String>> sides = new LinkedHashMap<>();
            sides.put("ours", command(ours, classes, ColdStartOurs.class, dir, pause, "true"));
            sides.put("ours-unwarmed", command(ours, classes, ColdStartOurs.class, dir, pause, "false"));
            sides.put("official", command(official, classes, ColdStartOfficial.class, dir, pause));
            for (List<String> command : sides.values()) {
                firstCall(command); // one unmeasured run each: the OS's file cache
            }
            Map<String, long[]> us = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> side : sides.entrySet()) {
                    us.computeIfAbsent(side.getKey(), k -> new long[runs])[i] = firstCall(side.getValue());
                }
            }
            StringBuilder medians = new StringBuilder();
            StringBuilder all = new StringBuilder();
            for (Map.Entry<String, long[]> side : us.entrySet()) {
                String sep = medians.length() == 0 ? "" : ",";
                medians.append(sep)
                        .append('"')
                        .append(side.getKey())
                        .append("\":")
                        .append(ColdStart.median(side.getValue()));
                all.append(sep)
                        .append('"')
                        .append(side.getKey())
                        .append("\":")
                        .append(Arrays.toString(side.getValue()).replace(" ", ""));
            }
            System.out.println("{\"name\":\"first-call\",\"pause_ms\":" + pause + ",\"median_us\":{" + medians
                    + "},\"runs_us\":{" + all + "}}");
        }
    }

    private static List<String> command(List<String> jars, String classes, Class<?> main, Path dir, String... extra) {
        List<String> all = new ArrayList<>(jars);
        all.add(classes);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, all),
                main.getName(),
                dir.toString(),
                Payloads.OUT_TRADE_NO));
        command.addAll(List.of(extra));
        return command;
    }

    /** Runs {@code command} and returns the microseconds of the first call it reports. */
    private static long firstCall(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long us = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith(FIRST_CALL)) {
                    us = Long.parseLong(line.substring(FIRST_CALL.length()).strip());
                }
            }
        }
        if (p.waitFor() != 0 || us < 0) {
            throw new IllegalStateException(command.get(3) + " reported no first call: " + output);
        }
        return us;
    }
}
