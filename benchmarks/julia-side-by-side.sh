#!/usr/bin/env bash
# Side-by-side slowdown of the Julia demo under hotline's probes and under google's
# java-allocation-instrumenter, in one run on one machine. Not part of CI.
#
#   benchmarks/julia-side-by-side.sh [RUNS] [WIDTH]      (defaults: 5 runs, width 1000)
#
# Prints, per implementation and configuration, the median of the demo's own "took" time (the
# computation, JVM start-up excluded) and the ratio to the plain run. Configurations run
# interleaved (plain, methods, ..., plain, methods, ...) so drift on a shared machine hits all alike.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
WIDTH="${2:-1000}"
AGENT="$ROOT/agent/target/hotline-agent.jar"
DEMO="$ROOT/demo-app/target/hotline-demo.jar"
WORK="$ROOT/benchmarks/target"
mkdir -p "$WORK/classes"
[ -f "$AGENT" ] && [ -f "$DEMO" ] || (cd "$ROOT" && ./mvnw -B -q -Dmaven.test.skip=true -pl agent,demo-app -am package)

AI_VERSION=3.3.4
AI_JAR="$WORK/java-allocation-instrumenter-$AI_VERSION.jar"
if [ ! -f "$AI_JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=com.google.code.java-allocation-instrumenter:java-allocation-instrumenter:$AI_VERSION \
    -DoutputDirectory="$WORK")
fi
javac -d "$WORK/classes" -cp "$AI_JAR:$DEMO" "$ROOT/benchmarks/src/CountingSamplerMain.java"

declare -A CONFIG=(
  [plain]=""
  [methods]="-javaagent:$AGENT=includes=dev.hotline.demo.*,out=$WORK/bench.hotline"
  [methods+lines]="-javaagent:$AGENT=includes=dev.hotline.demo.*,lines=dev.hotline.demo.*,out=$WORK/bench.hotline"
  [methods+alloc]="-javaagent:$AGENT=includes=dev.hotline.demo.*,alloc=dev.hotline.demo.*,out=$WORK/bench.hotline"
  [all]="-javaagent:$AGENT=includes=dev.hotline.demo.*,lines=dev.hotline.demo.*,alloc=dev.hotline.demo.*,out=$WORK/bench.hotline"
  [allocation-instrumenter]="-javaagent:$AI_JAR"
)
ORDER=(plain methods methods+lines methods+alloc all allocation-instrumenter)

took() { grep -o 'took [0-9.]*' | awk '{print $2}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "# Julia demo, width $WIDTH, $RUNS runs each, median of the demo's computation time"
echo "# $(java -version 2>&1 | head -1); $(nproc) cores; clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo ?)"
for impl in primitive boxed; do
  declare -A TIMES=()
  for run in $(seq "$RUNS"); do
    for name in "${ORDER[@]}"; do
      if [ "$name" = allocation-instrumenter ]; then
        cmd=(java ${CONFIG[$name]} -cp "$WORK/classes:$DEMO:$AI_JAR" CountingSamplerMain --impl "$impl" --width "$WIDTH")
      else
        cmd=(java ${CONFIG[$name]} -jar "$DEMO" --impl "$impl" --width "$WIDTH")
      fi
      t=$("${cmd[@]}" 2>/dev/null | took)
      TIMES[$name]="${TIMES[$name]:-} $t"
    done
  done
  base=$(echo ${TIMES[plain]} | tr ' ' '\n' | median)
  printf '%-10s %-24s %10s %8s\n' impl configuration "median s" ratio
  for name in "${ORDER[@]}"; do
    m=$(echo ${TIMES[$name]} | tr ' ' '\n' | median)
    printf '%-10s %-24s %10.3f %7.2fx\n' "$impl" "$name" "$m" "$(echo "$m / $base" | bc -l)"
  done
  unset TIMES
done
