#!/usr/bin/env bash
# Long fuzzing before a release: every fuzz target in turn for DURATION (default 30m; s, m or h), through Jazzer's
# command line, which takes any duration (the test command's run is bounded by @FuzzTest(maxDuration)). The corpus
# grows in tooling/fuzz-tests/.cifuzz-corpus/ and is reused by later runs, short or long; findings are written to
# tooling/fuzz-tests/target/findings/ with a Java reproducer.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30m}"
case "$DURATION" in
  *h) SECONDS_EACH=$(( ${DURATION%h} * 3600 )) ;;
  *m) SECONDS_EACH=$(( ${DURATION%m} * 60 )) ;;
  *s) SECONDS_EACH=${DURATION%s} ;;
  *) SECONDS_EACH=$DURATION ;;
esac
mvn -B -q install -DskipTests -pl :fuzz-tests -am
mvn -B -q -pl :fuzz-tests test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=test
CP="tooling/fuzz-tests/target/test-classes:$(cat tooling/fuzz-tests/target/classpath.txt)"
mkdir -p tooling/fuzz-tests/target/findings
for target in PemFuzzTest#pemLoadingFailsOnlyWithConfigurationErrors \
              SignatureHeadersFuzzTest#headerParsingFailsOnlyWithTypedErrors \
              ResponseFuzzTest#responsesFailOnlyWithTypedErrors \
              NotificationFuzzTest#signedNotificationsFailOnlyWithTypedErrors \
              JacksonBindingFuzzTest#bindingFailsOnlyWithJsonCodecException \
              GsonBindingFuzzTest#bindingFailsOnlyWithJsonCodecException; do
  class="io.github.wechatpay4j.fuzz.${target%%#*}"
  method="${target##*#}"
  corpus="tooling/fuzz-tests/.cifuzz-corpus/$class/$method"
  mkdir -p "$corpus"
  echo "== $class#$method for ${SECONDS_EACH}s"
  java -cp "$CP" com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
      --instrumentation_includes='io.github.wechatpay4j.**:com.fasterxml.jackson.**:com.google.gson.**' \
      --reproducer_path=tooling/fuzz-tests/target/findings -artifact_prefix=tooling/fuzz-tests/target/findings/ \
      -max_total_time="$SECONDS_EACH" "$corpus"
done
