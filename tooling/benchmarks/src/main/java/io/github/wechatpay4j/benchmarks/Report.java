package io.github.wechatpay4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code RESULTS.md} (every figure, its ratio and target) and {@code e2e-ratios.svg} (the end-to-end ratios
 * as bars) from one run's outputs. Usage: {@code Report DIR}, where DIR holds {@code micro.json} and
 * {@code e2e.json} (JMH JSON), {@code other.jsonl} (cold start, footprint, bill lines) and {@code machine.txt}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    /** One measured figure. */
    record Figure(String name, double value, String unit, String alloc) {}

    /** A target: a figure (with its interval when it has one) against a bound, at least or at most. */
    record Target(String what, Stats.Interval value, double bound, boolean atMost, String basis) {
        boolean met() {
            return atMost ? value.mean() <= bound : value.mean() >= bound;
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, Figure> micro = jmh(dir.resolve("micro.json"));
        List<JsonNode> e2eLines = jsonLines(dir.resolve("e2e.jsonl"));
        List<JsonNode> rounds = e2eLines.stream().filter(n -> n.has("rates")).toList();
        List<JsonNode> cpu = e2eLines.stream().filter(n -> n.has("cpu")).toList();
        List<JsonNode> usage = e2eLines.stream().filter(n -> n.has("usage")).toList();
        Map<String, JsonNode> other = new LinkedHashMap<>();
        for (JsonNode node : jsonLines(dir.resolve("other.jsonl"))) {
            other.put(node.get("name").asText(), node);
        }
        String machine = Files.readString(dir.resolve("machine.txt")).strip();

        List<Target> targets = new ArrayList<>();
        List<Target> e2eTargets = new ArrayList<>();
        for (Paired.Pair p : Paired.PAIRS) {
            List<Double> ratios = new ArrayList<>();
            for (JsonNode r : rounds) {
                if (r.get("pair").asText().equals(p.what())) {
                    ratios.add(r.get("rates").get(p.subject()).asDouble()
                            / r.get("rates").get(p.base()).asDouble());
                }
            }
            Target t = new Target(p.what(), Stats.interval(ratios), p.bound(), false, ratios.size() + " paired rounds");
            targets.add(t);
            e2eTargets.add(t);
        }
        for (String side : List.of("ours", "ours-okhttp")) {
            List<Double> ours = numbers(other.get("coldstart-" + side).get("runs_ms"));
            List<Double> official = numbers(other.get("coldstart-official").get("runs_ms"));
            targets.add(new Target(
                    "cold start to the first verified answer, " + side + " / official",
                    Stats.interval(withinRounds(ours, official)),
                    0.8,
                    true,
                    ours.size() + " paired fresh JVMs"));
        }
        List<Double> builds = new ArrayList<>();
        for (double us : numbers(other.get("coldstart-ours").get("build_runs_us"))) {
            builds.add(us / 1000);
        }
        targets.add(new Target(
                "`build()` in a fresh JVM (ms), JDK transport",
                Stats.interval(builds),
                50,
                true,
                builds.size() + " fresh JVMs"));
        targets.add(new Target(
                "minimal install bytes / official",
                point(other.get("footprint-ours").get("bytes").asDouble()
                        / other.get("footprint-official").get("bytes").asDouble()),
                0.6 / 5.7,
                true,
                "jar sizes"));
        JsonNode billOurs = other.get("bill-ours");
        JsonNode billRaw = other.get("bill-raw");
        List<Double> billRatios = withinRounds(numbers(billOurs.get("rounds")), numbers(billRaw.get("rounds")));
        targets.add(new Target(
                "bill streaming / raw java.net.http + GZIPInputStream + SHA-1 over the same loopback bytes, -Xmx64m",
                Stats.interval(billRatios),
                0.95,
                false,
                billRatios.size() + " paired rounds"));
        JsonNode merchants = other.get("merchants-shared");
        targets.add(new Target(
                "threads of " + merchants.get("clients") + " merchants on shared resources, each having called",
                point(merchants.get("threads").asDouble()),
                32,
                true,
                "count"));
        targets.add(new Target(
                "heap of those merchants (MiB)",
                point(merchants.get("heap_bytes").asDouble() / (1 << 20)),
                64,
                true,
                "after a full GC"));
        targets.add(new Target(
                "building those merchants (s)", point(merchants.get("build_ms").asDouble() / 1000), 2, true, "sum"));

        StringBuilder md = new StringBuilder();
        md.append(
                        "# Benchmark results\n\nWritten by `tooling/benchmarks/run.sh` (`io.github.wechatpay4j.benchmarks.Report`);")
                .append(" every ratio comes from figures measured side by side in this one run.\n\n## Machine\n\n```\n")
                .append(machine)
                .append("\n```\n\n");
        noise(md, rounds, cpu);
        usage(md, usage);
        md.append("## Targets\n\nEnd-to-end ratios are means over paired rounds (each pair in a fresh JVM of its own,")
                .append(" its two subjects taking turns, one slice each per round, the ratio taken within its round),")
                .append(
                        " with the 99.9% interval of that mean (Student's t). Cold start is paired the same way: fresh JVMs of")
                .append(" each side in turn, the ratio taken within each turn; the bill's two downloads take turns")
                .append(" likewise. The footprint and the merchants' figures are single values.\n\n")
                .append("| comparison | value | 99.9% interval | ± | target | met | basis |\n")
                .append("|---|---:|---:|---:|---:|:---:|---|\n");
        for (Target t : targets) {
            Stats.Interval v = t.value();
            boolean hasInterval = !Double.isNaN(v.halfWidth());
            md.append("| ")
                    .append(t.what())
                    .append(" | ")
                    .append(fmt(v.mean(), 3))
                    .append(" | ")
                    .append(hasInterval ? fmt(v.low(), 3) + " – " + fmt(v.high(), 3) : "")
                    .append(" | ")
                    .append(hasInterval ? fmt(100 * v.relative(), 1) + "%" : "")
                    .append(" | ")
                    .append(t.atMost() ? "≤ " : "≥ ")
                    .append(fmt(t.bound(), 3))
                    .append(" | ")
                    .append(t.met() ? "yes" : "**no**")
                    .append(" | ")
                    .append(t.basis())
                    .append(" |\n");
        }
        md.append("\n![end-to-end ratios](e2e-ratios.svg)\n\n");
        md.append("## End to end over loopback (calls/s; the fake server reuses its signature within a second)\n\n")
                .append("| subject | mean calls/s (every pair it is in) | spread between rounds (CV) |\n")
                .append("|---|---:|---:|\n");
        for (String subject : subjects(rounds)) {
            List<Double> rates = rates(rounds, subject);
            md.append("| ")
                    .append(subject)
                    .append(" | ")
                    .append(fmt(Stats.mean(rates), 1))
                    .append(" | ")
                    .append(fmt(100 * Stats.cv(rates), 1))
                    .append("% |\n");
        }
        md.append(
                "\n## Micro (one thread)\n\n| benchmark | score | unit | allocated per op (B) |\n|---|---:|---|---:|\n");
        micro.forEach((name, f) -> md.append("| ")
                .append(name)
                .append(" | ")
                .append(fmt(f.value(), 3))
                .append(" | ")
                .append(f.unit())
                .append(" | ")
                .append(f.alloc())
                .append(" |\n"));
        md.append("\n## Cold start and footprint\n\n")
                .append(
                        "| side | to the first verified answer (median ms) | to exit (median ms) | `build()` (median ms)")
                .append(" | install bytes (jars) |\n|---|---:|---:|---:|---:|\n");
        for (String side : List.of("ours", "ours-okhttp", "official")) {
            JsonNode c = other.get("coldstart-" + side);
            JsonNode f = other.get("footprint-" + side);
            long build = c.get("build_median_us").asLong();
            md.append("| ")
                    .append(side)
                    .append(" | ")
                    .append(c.get("median_ms").asLong())
                    .append(" | ")
                    .append(c.get("exit_median_ms").asLong())
                    .append(" | ")
                    .append(build < 0 ? "" : fmt(build / 1000.0, 1))
                    .append(" | ")
                    .append(f.get("bytes").asLong())
                    .append(" (")
                    .append(f.get("jars").asInt())
                    .append(") |\n");
        }
        md.append("\nOurs: core + json-gson + transport-jdk (or -okhttp). Official: `com.github.wechatpay-apiv3:")
                .append("wechatpay-java:0.2.17` and its dependency tree. The exit is apart from the answer: HotSpot")
                .append(
                        " waits up to 300 ms at exit for threads in native code, such as `java.net.http`'s selector.\n");
        buildSteps(md, other.get("build-steps"));
        firstCall(md, other.get("first-call"));
        md.append("\n## Bill streaming and merchants\n\n| figure | value |\n|---|---:|\n")
                .append("| 1 GiB gzip bill, -Xmx64m: ours (MiB/s of bill, mean of the rounds) | ")
                .append(fmt(billOurs.get("bytes_per_s").asDouble() / (1 << 20), 1))
                .append(" |\n")
                .append(
                        "| the same bytes from the same server, raw `java.net.http` + `GZIPInputStream` + SHA-1 (MiB/s, mean) | ")
                .append(fmt(billRaw.get("bytes_per_s").asDouble() / (1 << 20), 1))
                .append(" |\n")
                .append("| for reference, the gzip file read directly: no HTTP, no server thread (MiB/s) | ")
                .append(fmt(other.get("bill-file").get("bytes_per_s").asDouble() / (1 << 20), 1))
                .append(" |\n");
        for (String way : List.of("merchants-shared", "merchants-own")) {
            JsonNode m = other.get(way);
            if (m != null) {
                md.append("| ")
                        .append(m.get("clients"))
                        .append(" merchants, ")
                        .append(way.substring(10))
                        .append(" resources: threads added, heap (MiB), build (ms) | ")
                        .append(m.get("threads"))
                        .append(", ")
                        .append(fmt(m.get("heap_bytes").asDouble() / (1 << 20), 1))
                        .append(", ")
                        .append(m.get("build_ms"))
                        .append(" |\n");
            }
        }
        Files.writeString(dir.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("e2e-ratios.svg"), svg(e2eTargets), StandardCharsets.UTF_8);
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    /** {@code subject[i] / base[i]}: the ratio within each round (or pair of fresh JVMs). */
    private static List<Double> withinRounds(List<Double> subject, List<Double> base) {
        if (subject.size() != base.size()) {
            throw new IllegalStateException(subject.size() + " rounds against " + base.size());
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < subject.size(); i++) {
            ratios.add(subject.get(i) / base.get(i));
        }
        return ratios;
    }

    private static Stats.Interval point(double v) {
        return new Stats.Interval(v, Double.NaN, 1);
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("{")) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static List<String> subjects(List<JsonNode> rounds) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (JsonNode r : rounds) {
            r.get("rates").fieldNames().forEachRemaining(names::add);
        }
        return new ArrayList<>(names);
    }

    /** The rates of {@code subject} in every round it took part in (of every pair). */
    private static List<Double> rates(List<JsonNode> rounds, String subject) {
        List<Double> rates = new ArrayList<>();
        for (JsonNode r : rounds) {
            if (r.get("rates").has(subject)) {
                rates.add(r.get("rates").get(subject).asDouble());
            }
        }
        return rates;
    }

    /** How noisy the machine was: time stolen by the hypervisor, idle time, and the spread of the subjects. */
    private static void noise(StringBuilder md, List<JsonNode> rounds, List<JsonNode> cpu) {
        md.append("## How noisy the machine was\n\n");
        for (JsonNode c : cpu) {
            JsonNode f = c.get("cpu");
            md.append("- ")
                    .append(c.get("pair").asText())
                    .append(": CPU stolen by the hypervisor ")
                    .append(fmt(100 * f.get("steal").asDouble(), 2))
                    .append("%, idle ")
                    .append(fmt(100 * f.get("idle").asDouble(), 1))
                    .append("%, this JVM used ")
                    .append(fmt(f.get("this_process_s").asDouble(), 0))
                    .append(" CPU-s in ")
                    .append(fmt(f.get("wall_s").asDouble(), 0))
                    .append(" s\n");
        }
        List<Double> cvs = new ArrayList<>();
        for (String subject : subjects(rounds)) {
            cvs.add(Stats.cv(rates(rounds, subject)));
        }
        java.util.Collections.sort(cvs);
        md.append("- a subject's rate varies between rounds by ")
                .append(fmt(100 * cvs.get(0), 1))
                .append("% to ")
                .append(fmt(100 * cvs.get(cvs.size() - 1), 1))
                .append("% (coefficient of variation; median ")
                .append(fmt(100 * cvs.get(cvs.size() / 2), 1))
                .append("%): the ratios are taken within rounds, so that what moves all subjects together cancels\n\n");
    }

    /**
     * What each end-to-end subject cost, pair by pair: this JVM's CPU per call (client, in-process fake server and
     * library threads together) and the cores busy while it ran. With both cores busy a subject is bound by the CPU, and
     * an asynchronous speed-up over one thread is at most 2 ÷ the cores that one thread keeps busy.
     */
    private static void usage(StringBuilder md, List<JsonNode> usage) {
        if (usage.isEmpty()) {
            return;
        }
        md.append("## What each call costs the CPU\n\n")
                .append(
                        "This JVM's CPU time per call (client, the in-process fake WeChat Pay and every library thread)")
                .append(" and the cores busy while the subject ran, over all its rounds. One synchronous thread keeps")
                .append(
                        " more than one core busy (the server answers on the other core), so on 2 cores an asynchronous")
                .append(
                        " speed-up is bound by 2 ÷ those cores unless a call costs less CPU when many are in flight.\n\n")
                .append("| pair | subject | CPU µs per call | cores busy |\n|---|---|---:|---:|\n");
        for (JsonNode line : usage) {
            var subjects = line.get("usage").fields();
            while (subjects.hasNext()) {
                var e = subjects.next();
                md.append("| ")
                        .append(line.get("pair").asText())
                        .append(" | ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(fmt(e.getValue().get("cpu_us_per_call").asDouble(), 0))
                        .append(" | ")
                        .append(fmt(e.getValue().get("cores").asDouble(), 2))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    /**
     * Where a fresh JVM's {@code build()} goes ({@link BuildSteps}): the JDK's first uses, paid once per JVM by any
     * client, and what is left for ours.
     */
    private static void buildSteps(StringBuilder md, JsonNode steps) {
        if (steps == null) {
            return;
        }
        md.append("\nWhere a fresh JVM's `build()` goes (`BuildSteps`, median of ")
                .append(steps.get("runs").asInt())
                .append(" fresh JVMs, each step timed after the one before it; the JDK's steps are first uses that")
                .append(" any client pays once per JVM):\n\n| step | median ms |\n|---|---:|\n");
        millisecondRows(md, steps.get("median_us"));
        md.append("| all but the second build | ")
                .append(fmt(steps.get("first_build_total_us").asLong() / 1000.0, 1))
                .append(" |\n");
    }

    private static void firstCall(StringBuilder md, JsonNode first) {
        if (first == null) {
            return;
        }
        md.append("\nThe first call made ")
                .append(first.get("pause_ms").asLong())
                .append(" ms after `build()` in a fresh JVM, as in a service that builds its client at start-up and is")
                .append(" called later (`FirstCall`; the call alone, by the child's clock; median of ")
                .append(first.get("runs_us").fields().next().getValue().size())
                .append(" fresh JVMs a side). Ours warms its transport and JSON codec in the background after")
                .append(" `build()` unless built with `warmUp(false)`; the official SDK builds its OkHttp client")
                .append(" when it is built:\n\n| side | first call (median ms) |\n|---|---:|\n");
        millisecondRows(md, first.get("median_us"));
    }

    /** One table row per field of {@code micros}: its name and its value in milliseconds. */
    private static void millisecondRows(StringBuilder md, JsonNode micros) {
        var fields = micros.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            md.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(fmt(e.getValue().asLong() / 1000.0, 1))
                    .append(" |\n");
        }
    }

    static double value(Map<String, Figure> figures, String name) {
        Figure f = figures.get(name);
        if (f == null) {
            throw new IllegalStateException("no result for " + name + " in " + figures.keySet());
        }
        return f.value();
    }

    /** Benchmark name (method and params) → score, unit, and the allocation per op or the score error. */
    static Map<String, Figure> jmh(Path file) throws IOException {
        Map<String, Figure> out = new LinkedHashMap<>();
        for (JsonNode run : JSON.readTree(file.toFile())) {
            String method = run.get("benchmark").asText().replaceAll(".*\\.", "");
            StringBuilder name = new StringBuilder(method);
            JsonNode params = run.get("params");
            if (params != null) {
                Map<String, String> sorted = new java.util.TreeMap<>(); // by parameter name: json, transport
                Iterator<Map.Entry<String, JsonNode>> it = params.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> p = it.next();
                    sorted.put(p.getKey(), p.getValue().asText());
                }
                name.append(sorted.values());
            }
            JsonNode primary = run.get("primaryMetric");
            String alloc = fmt(primary.get("scoreError").asDouble(), 1);
            JsonNode secondary = run.get("secondaryMetrics");
            if (secondary != null) {
                Iterator<Map.Entry<String, JsonNode>> it = secondary.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> m = it.next();
                    if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                        alloc = fmt(m.getValue().get("score").asDouble(), 0);
                    }
                }
            }
            out.put(
                    name.toString().replace(" ", ""),
                    new Figure(
                            name.toString(),
                            primary.get("score").asDouble(),
                            primary.get("scoreUnit").asText(),
                            alloc));
        }
        return out;
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** One bar per end-to-end ratio, with its 99.9% interval as a whisker and its target as a tick. */
    static String svg(List<Target> ratios) {
        int rowHeight = 22;
        int left = 330;
        double scale = 180; // pixels per 1.0
        int width = left + (int) (2.2 * scale) + 60;
        int height = 50 + ratios.size() * rowHeight + 30;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" font-family=\"sans-serif\" font-size=\"11\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + "<text x=\"10\" y=\"18\" font-size=\"14\">wechatpay4j paired ratios, 99.9% intervals,"
                + " targets (red)</text>\n");
        for (double mark : new double[] {0.5, 1.0, 1.5, 2.0}) {
            int x = left + (int) (mark * scale);
            s.append("<line x1=\"")
                    .append(x)
                    .append("\" y1=\"34\" x2=\"")
                    .append(x)
                    .append("\" y2=\"")
                    .append(height - 24)
                    .append("\" stroke=\"#ddd\"/><text x=\"")
                    .append(x - 8)
                    .append("\" y=\"")
                    .append(height - 10)
                    .append("\" font-size=\"10\">")
                    .append(mark)
                    .append("</text>\n");
        }
        for (int r = 0; r < ratios.size(); r++) {
            Target t = ratios.get(r);
            Stats.Interval v = t.value();
            int y = 40 + r * rowHeight;
            int w = (int) Math.min(v.mean() * scale, 2.2 * scale);
            s.append("<text x=\"10\" y=\"")
                    .append(y + 12)
                    .append("\">")
                    .append(t.what())
                    .append("</text>")
                    .append("<rect x=\"")
                    .append(left)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(w)
                    .append("\" height=\"14\" fill=\"")
                    .append(t.met() ? "#59a14f" : "#f28e2b")
                    .append("\"/>");
            if (!Double.isNaN(v.halfWidth())) {
                int lo = left + (int) Math.max(0, Math.min(v.low() * scale, 2.2 * scale));
                int hi = left + (int) Math.min(v.high() * scale, 2.2 * scale);
                s.append("<line x1=\"")
                        .append(lo)
                        .append("\" y1=\"")
                        .append(y + 7)
                        .append("\" x2=\"")
                        .append(hi)
                        .append("\" y2=\"")
                        .append(y + 7)
                        .append("\" stroke=\"black\"/>");
            }
            int target = left + (int) (t.bound() * scale);
            s.append("<line x1=\"")
                    .append(target)
                    .append("\" y1=\"")
                    .append(y - 2)
                    .append("\" x2=\"")
                    .append(target)
                    .append("\" y2=\"")
                    .append(y + 16)
                    .append("\" stroke=\"red\" stroke-width=\"2\"/>")
                    .append("<text x=\"")
                    .append(left + w + 6)
                    .append("\" y=\"")
                    .append(y + 11)
                    .append("\" font-size=\"10\">")
                    .append(fmt(v.mean(), 2))
                    .append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }
}
