#!/usr/bin/env bash
# Runs the whole benchmark suite (about 10 minutes on 2 cores) and writes tooling/benchmarks/results/RESULTS.md and
# tooling/benchmarks/results/e2e-ratios.svg. Not part of the test command. Usage: tooling/benchmarks/run.sh [--quick]
#   --quick  one short iteration of everything (a smoke run, minutes; the figures are not worth committing)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=tooling/benchmarks/results
mkdir -p "$OUT"
JMH_OPTS=()
COLD_RUNS=9
BILL_MIB=1024
if [ "${1:-}" = "--quick" ]; then
  JMH_OPTS=(-wi 1 -w 1 -i 1 -r 1)
  COLD_RUNS=1
  BILL_MIB=64
fi

echo "== building (mvn install -DskipTests)"
mvn -B -ntp -q install -DskipTests
JAR=tooling/benchmarks/target/benchmarks.jar
(cd tooling/benchmarks/footprint/ours && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
(cd tooling/benchmarks/footprint/official && mvn -B -ntp -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)

{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') × $(nproc) cores"
  echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os:      $(uname -sr)"
  echo "java:    $(java -version 2>&1 | head -1)"
} > "$OUT/machine.txt"

echo "== micro (with -prof gc)"
java -jar "$JAR" MicroBenchmarks -prof gc -rf json -rff "$OUT/micro.json" "${JMH_OPTS[@]}" | tail -25
echo "== end to end"
java -jar "$JAR" EndToEndBenchmarks -rf json -rff "$OUT/e2e.json" "${JMH_OPTS[@]}" | tail -20
echo "== cold start and footprint"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.ColdStart tooling/benchmarks/footprint/ours/target/classpath.txt \
  tooling/benchmarks/footprint/official/target/classpath.txt tooling/benchmarks/target/classes "$COLD_RUNS" | tee "$OUT/other.jsonl"
echo "== bill streaming (${BILL_MIB} MiB, -Xmx64m)"
java -Xmx64m -Dsun.net.httpserver.nodelay=true -Dwechatpay.transport=jdk -Dwechatpay.json=gson -cp "$JAR" io.github.wechatpay4j.benchmarks.BillStreaming \
  "$BILL_MIB" 2 | tee -a "$OUT/other.jsonl"
java -cp "$JAR" io.github.wechatpay4j.benchmarks.Report "$OUT"
echo "== wrote $OUT/RESULTS.md and $OUT/e2e-ratios.svg"
