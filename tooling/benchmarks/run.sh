#!/usr/bin/env bash
# Runs the whole benchmark suite (15 to 18 minutes on 2 cores) and writes tooling/benchmarks/results/RESULTS.md and
# tooling/benchmarks/results/e2e-ratios.svg. Not part of the test command. Usage: tooling/benchmarks/run.sh [--quick]
#   --quick  a short smoke run of everything (minutes; the figures are not worth committing)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=tooling/benchmarks/results
mkdir -p "$OUT"
JMH_OPTS=()
COLD_RUNS=30
FIRST_RUNS=10
BILL_ROUNDS=12
BILL_MIB=1024
# paired end to end: rounds per pair, slice per subject and round (ms), warm-up per subject (ms)
E2E=(60 250 2500)
MERCHANTS=1000
if [ "${1:-}" = "--quick" ]; then
  JMH_OPTS=(-wi 1 -w 1 -i 1 -r 1)
  COLD_RUNS=2
  FIRST_RUNS=2
  BILL_ROUNDS=2
  BILL_MIB=64
  E2E=(3 100 300)
  MERCHANTS=50
fi

echo "== building (mvn install -DskipTests)"
mvn -B -ntp -q install -DskipTests
JAR=tooling/benchmarks/target/benchmarks.jar
for side in ours ours-okhttp official; do
  (cd "tooling/benchmarks/footprint/$side" && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
done

{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') × $(nproc) cores"
  echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os:      $(uname -sr)"
  echo "java:    $(java -version 2>&1 | head -1)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min averages before the run)"
} > "$OUT/machine.txt"

echo "== micro (with -prof gc; the ShangMi ones: java -jar $JAR ShangMiMicroBenchmarks)"
java -jar "$JAR" 'benchmarks\.MicroBenchmarks\.' -prof gc -rf json -rff "$OUT/micro.json" "${JMH_OPTS[@]}" | tail -25
echo "== end to end, paired rounds (${E2E[*]})"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.Paired "${E2E[@]}" "$OUT/e2e.jsonl" | grep -v '^SLF4J' | tail -4
echo "== cold start and footprint"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.ColdStart tooling/benchmarks/target/classes "$COLD_RUNS" \
  tooling/benchmarks/footprint/ours/target/classpath.txt tooling/benchmarks/footprint/ours-okhttp/target/classpath.txt \
  tooling/benchmarks/footprint/official/target/classpath.txt | tee "$OUT/other.jsonl"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.BuildSteps tooling/benchmarks/target/classes 20 \
  tooling/benchmarks/footprint/ours/target/classpath.txt | tee -a "$OUT/other.jsonl"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.FirstCall tooling/benchmarks/target/classes "$FIRST_RUNS" 1000 \
  tooling/benchmarks/footprint/ours/target/classpath.txt tooling/benchmarks/footprint/official/target/classpath.txt \
  | tee -a "$OUT/other.jsonl"
echo "== bill streaming (${BILL_MIB} MiB × ${BILL_ROUNDS} paired rounds, -Xmx64m)"
java -Xmx64m -Dsun.net.httpserver.nodelay=true -Dwechatpay.transport=jdk -Dwechatpay.json=gson -cp "$JAR" io.github.wechatpay4j.benchmarks.BillStreaming \
  "$BILL_MIB" "$BILL_ROUNDS" | tee -a "$OUT/other.jsonl"
echo "== merchants (${MERCHANTS} on shared resources; 200 with their own)"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.Merchants "$MERCHANTS" shared | tee -a "$OUT/other.jsonl"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.Merchants 200 own | tee -a "$OUT/other.jsonl"
rm -f "$OUT/e2e.json"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.Report "$OUT"
echo "== wrote $OUT/RESULTS.md and $OUT/e2e-ratios.svg"
