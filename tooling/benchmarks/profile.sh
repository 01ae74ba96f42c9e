#!/usr/bin/env bash
# Profiles the targets RESULTS.md reports as missed, with JDK Flight Recorder (JFR's own method sampling,
# settings=profile; nothing to install), and writes one text summary per case to tooling/benchmarks/results/profiles/
# (threads, self and total time by method; io.github.wechatpay4j.benchmarks.Profile). Run after run.sh has built the
# jar and the footprint class paths. About 5 minutes on 2 cores. Usage: tooling/benchmarks/profile.sh [PAIR_INDEXES]
#   PAIR_INDEXES  Paired's pairs to record, comma-separated (default: sync jdk / official, async 256 / sync on jdk,
#                 sync okhttp and apache / their floors: 1,3,4,8). Each fork records its rounds only, after the warm-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=tooling/benchmarks/target/benchmarks.jar
OUT=tooling/benchmarks/results/profiles
JFR=$(mktemp -d)
trap 'rm -rf "$JFR"' EXIT
mkdir -p "$OUT"
PAIRS=${1:-1,3,4,8}

echo "== end-to-end pairs $PAIRS under JFR (20 rounds each)"
java -Dwechatpay.bench.jfr="$JFR" -cp "$JAR" io.github.wechatpay4j.benchmarks.Paired 20 250 2500 "$JFR/e2e.jsonl" "$PAIRS" \
  | grep '"cpu"' || true
for f in "$JFR"/pair-*.jfr; do
  n=$(basename "$f" .jfr)
  java -cp "$JAR" io.github.wechatpay4j.benchmarks.Profile 25 "$f" > "$OUT/$n.txt"
done

echo "== cold start under JFR (10 fresh JVMs of each side, 1 ms sampling; the timings are JFR's, not kept)"
cat > "$JFR/cold.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
  <event name="jdk.ThreadStart"><setting name="enabled">true</setting></event>
</configuration>
JFC
java -Dwechatpay.bench.jfr="$JFR" -cp "$JAR" io.github.wechatpay4j.benchmarks.ColdStart tooling/benchmarks/target/classes 10 \
  tooling/benchmarks/footprint/ours/target/classpath.txt tooling/benchmarks/footprint/ours-okhttp/target/classpath.txt \
  tooling/benchmarks/footprint/official/target/classpath.txt >/dev/null
for side in ours ours-okhttp official; do
  java -cp "$JAR" io.github.wechatpay4j.benchmarks.Profile 40 "$JFR/$side"-[0-9]*.jfr > "$OUT/coldstart-$side.txt"
done

echo "== bill streaming under JFR (256 MiB × 4 rounds, -Xmx64m)"
java -Xmx64m -XX:StartFlightRecording=settings=profile,filename="$JFR/bill.jfr" -Dsun.net.httpserver.nodelay=true \
  -Dwechatpay.transport=jdk -Dwechatpay.json=gson -cp "$JAR" io.github.wechatpay4j.benchmarks.BillStreaming 256 4
java -cp "$JAR" io.github.wechatpay4j.benchmarks.Profile 30 "$JFR/bill.jfr" > "$OUT/bill.txt"
echo "== wrote $OUT"
