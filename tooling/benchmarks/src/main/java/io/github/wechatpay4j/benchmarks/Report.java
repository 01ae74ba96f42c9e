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

    /** A comparison: a value over a base against a target ratio (at least, or at most). */
    record Ratio(String what, double ratio, double target, boolean atMost) {
        boolean met() {
            return atMost ? ratio <= target : ratio >= target;
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, Figure> micro = jmh(dir.resolve("micro.json"));
        Map<String, Figure> e2e = jmh(dir.resolve("e2e.json"));
        Map<String, JsonNode> other = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("other.jsonl"))) {
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                other.put(node.get("name").asText(), node);
            }
        }
        String machine = Files.readString(dir.resolve("machine.txt")).strip();

        List<Ratio> ratios = new ArrayList<>();
        double floor = value(e2e, "floorSync");
        double official = value(e2e, "officialSync");
        List<String[]> bars = new ArrayList<>();
        for (String transport : List.of("jdk", "okhttp", "apache")) {
            for (String json : List.of("jackson", "gson")) {
                String key = "[" + json + "," + transport + "]";
                double sync = value(e2e, "oursSync" + key);
                double async = value(e2e, "oursAsync256" + key);
                ratios.add(new Ratio("sync " + transport + "+" + json + " / floor", sync / floor, 0.97, false));
                ratios.add(new Ratio("sync " + transport + "+" + json + " / official", sync / official, 1.0, false));
                ratios.add(new Ratio("async256 " + transport + "+" + json + " / own sync", async / sync, 1.8, false));
                bars.add(new String[] {
                    transport + "+" + json,
                    Double.toString(sync / floor),
                    Double.toString(sync / official),
                    Double.toString(async / sync)
                });
            }
        }
        JsonNode coldOurs = other.get("coldstart-ours");
        JsonNode coldOfficial = other.get("coldstart-official");
        ratios.add(new Ratio(
                "cold start ours / official",
                coldOurs.get("median_ms").asDouble()
                        / coldOfficial.get("median_ms").asDouble(),
                0.6,
                true));
        JsonNode fpOurs = other.get("footprint-ours");
        JsonNode fpOfficial = other.get("footprint-official");
        ratios.add(new Ratio(
                "minimal install bytes / official",
                fpOurs.get("bytes").asDouble() / fpOfficial.get("bytes").asDouble(),
                0.6 / 5.7,
                true));
        double notifications = value(micro, "notificationHandling");
        ratios.add(new Ratio("notifications per second per core / 20,000", notifications / 20_000, 1.0, false));
        JsonNode billOurs = other.get("bill-ours");
        JsonNode billRaw = other.get("bill-raw");

        StringBuilder md = new StringBuilder();
        md.append(
                        "# Benchmark results\n\nWritten by `tooling/benchmarks/run.sh` (`io.github.wechatpay4j.benchmarks.Report`);")
                .append(" every ratio below comes from figures measured side by side in this one run.\n\n")
                .append("## Machine\n\n```\n")
                .append(machine)
                .append("\n```\n\n");
        md.append("## Targets\n\n| comparison | ratio | target | met |\n|---|---:|---:|:---:|\n");
        for (Ratio r : ratios) {
            md.append("| ")
                    .append(r.what())
                    .append(" | ")
                    .append(fmt(r.ratio(), 3))
                    .append(" | ")
                    .append(r.atMost() ? "≤ " : "≥ ")
                    .append(fmt(r.target(), 3))
                    .append(" | ")
                    .append(r.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append("\n![end-to-end ratios](e2e-ratios.svg)\n\n");
        md.append("## End to end over loopback (calls/s; the fake server reuses its signature within a second)\n\n")
                .append("| benchmark | calls/s | ± (99.9%) |\n|---|---:|---:|\n");
        e2e.forEach((name, f) -> md.append("| ")
                .append(name)
                .append(" | ")
                .append(fmt(f.value(), 1))
                .append(" | ")
                .append(f.alloc())
                .append(" |\n"));
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
        md.append("\n## Cold start, footprint, bill streaming\n\n| figure | ours | official / raw | ratio |\n")
                .append("|---|---:|---:|---:|\n");
        md.append("| cold start to the first verified response, median of ")
                .append(coldOurs.get("runs_ms").size())
                .append(" fresh JVMs (ms) | ")
                .append(coldOurs.get("median_ms").asLong())
                .append(" | ")
                .append(coldOfficial.get("median_ms").asLong())
                .append(" | ")
                .append(fmt(
                        coldOurs.get("median_ms").asDouble()
                                / coldOfficial.get("median_ms").asDouble(),
                        3))
                .append(" |\n");
        md.append("| minimal install: bytes (jars) | ")
                .append(fpOurs.get("bytes").asLong())
                .append(" (")
                .append(fpOurs.get("jars").asInt())
                .append(") | ")
                .append(fpOfficial.get("bytes").asLong())
                .append(" (")
                .append(fpOfficial.get("jars").asInt())
                .append(") | ")
                .append(fmt(
                        fpOurs.get("bytes").asDouble() / fpOfficial.get("bytes").asDouble(), 3))
                .append(" |\n");
        if (billOurs != null && billRaw != null) {
            md.append("| 1 GiB gzip bill, -Xmx64m (MiB/s of bill) | ")
                    .append(fmt(billOurs.get("bytes_per_s").asDouble() / (1 << 20), 1))
                    .append(" | ")
                    .append(fmt(billRaw.get("bytes_per_s").asDouble() / (1 << 20), 1))
                    .append(" | ")
                    .append(fmt(
                            billOurs.get("bytes_per_s").asDouble()
                                    / billRaw.get("bytes_per_s").asDouble(),
                            3))
                    .append(" |\n");
        }
        md.append(
                        "\nOurs: core + transport-jdk + json-gson. Official: `com.github.wechatpay-apiv3:wechatpay-java:0.2.17`")
                .append(
                        " and its dependency tree. Raw bill floor: `GZIPInputStream` + SHA-1 over the same gzip file.\n");
        Files.writeString(dir.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("e2e-ratios.svg"), svg(bars), StandardCharsets.UTF_8);
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

    /** Grouped horizontal bars: sync/floor (target 0.97), sync/official (1.0), async/sync (1.8). */
    static String svg(List<String[]> bars) {
        int rowHeight = 54;
        int left = 130;
        double scale = 160; // pixels per 1.0
        int width = left + (int) (2.2 * scale) + 40;
        int height = 60 + bars.size() * rowHeight + 40;
        String[] colors = {"#4e79a7", "#f28e2b", "#59a14f"};
        String[] labels = {
            "sync / floor (target ≥ 0.97)", "sync / official (target ≥ 1.0)", "async 256 / sync (target ≥ 1.8)"
        };
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + "<text x=\"10\" y=\"18\" font-size=\"14\">wechatpay4j end to end: throughput ratios</text>\n");
        for (int i = 0; i < 3; i++) {
            s.append("<rect x=\"")
                    .append(10 + i * 190)
                    .append("\" y=\"28\" width=\"10\" height=\"10\" fill=\"")
                    .append(colors[i])
                    .append("\"/><text x=\"")
                    .append(24 + i * 190)
                    .append("\" y=\"37\" font-size=\"10\">")
                    .append(labels[i])
                    .append("</text>\n");
        }
        for (double mark : new double[] {0.97, 1.0, 1.8}) {
            int x = left + (int) (mark * scale);
            s.append("<line x1=\"")
                    .append(x)
                    .append("\" y1=\"50\" x2=\"")
                    .append(x)
                    .append("\" y2=\"")
                    .append(height - 30)
                    .append("\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>")
                    .append("<text x=\"")
                    .append(x - 8)
                    .append("\" y=\"")
                    .append(height - 16)
                    .append("\" font-size=\"10\">")
                    .append(mark)
                    .append("</text>\n");
        }
        for (int r = 0; r < bars.size(); r++) {
            String[] bar = bars.get(r);
            int y = 56 + r * rowHeight;
            s.append("<text x=\"10\" y=\"")
                    .append(y + 24)
                    .append("\">")
                    .append(bar[0])
                    .append("</text>\n");
            for (int k = 0; k < 3; k++) {
                double v = Double.parseDouble(bar[k + 1]);
                int w = (int) Math.min(v * scale, 2.2 * scale);
                s.append("<rect x=\"")
                        .append(left)
                        .append("\" y=\"")
                        .append(y + k * 15)
                        .append("\" width=\"")
                        .append(w)
                        .append("\" height=\"13\" fill=\"")
                        .append(colors[k])
                        .append("\"/>")
                        .append("<text x=\"")
                        .append(left + w + 4)
                        .append("\" y=\"")
                        .append(y + k * 15 + 11)
                        .append("\" font-size=\"10\">")
                        .append(fmt(v, 2))
                        .append("</text>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }
}
