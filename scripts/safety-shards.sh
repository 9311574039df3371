#!/usr/bin/env bash
# A long `bench safety` run in resumable shards: each shard's JSON report is kept in OUT, and a
# shard already reported is skipped, so a run stopped (a session ends, a machine reboots) goes on
# where it was. Copy the jar and its lib/ first if you rebuild meanwhile (a build swaps the jar).
#   scripts/safety-shards.sh [JAR] [OUT] [SCHEDULES] [SHARD] [SEED]
#   scripts/safety-shards.sh target/hotpatch-operator.jar target/safety 10000 500 1
# Several workers may share OUT: each claims a shard with a lock (flock, released when the worker
# dies), and ORDER=desc makes one start from the last shard, so two meet in the middle.
# Then: scripts/safety-shards.sh --sum OUT   (totals over the shards reported so far)
set -euo pipefail
if [ "${1:-}" = "--sum" ]; then
  exec python3 - "$2" <<'PY'
import json, glob, sys, collections
tot = collections.Counter(); faults = collections.Counter(); viol = collections.Counter(); n = 0
for f in sorted(glob.glob(sys.argv[1] + "/shard-*.json")):
    d = json.load(open(f)); n += 1
    for k in ("schedules", "doubleCalls", "leakedSlots", "notConverged", "wallSeconds",
              "rebootCalls", "crashes", "restarts", "informerStops", "handovers", "userActions",
              "simulatedDays", "harnessErrors"):
        if isinstance(d.get(k), (int, float)):
            tot[k] += d[k]
    faults.update(d.get("faults", {})); viol.update(d.get("violations", {}))
print(json.dumps({"shards": n, **tot, "faults": dict(faults), "violations": dict(viol)}, indent=2))
PY
fi
JAR=${1:-target/hotpatch-operator.jar}
OUT=${2:-target/safety}
TOTAL=${3:-10000}
SHARD=${4:-500}
SEED=${5:-1}
mkdir -p "$OUT"
starts=()
for ((from = 0; from < TOTAL; from += SHARD)); do starts+=("$from"); done
if [ "${ORDER:-asc}" = "desc" ]; then
  mapfile -t starts < <(printf '%s\n' "${starts[@]}" | sort -rn)
fi
for from in "${starts[@]}"; do
  out="$OUT/shard-$from.json"
  if [ -s "$out" ]; then continue; fi
  exec {lock}>"$OUT/shard-$from.lock"
  if ! flock -n "$lock"; then exec {lock}>&-; continue; fi # another worker runs it
  if [ -s "$out" ]; then exec {lock}>&-; continue; fi
  n=$(( TOTAL - from < SHARD ? TOTAL - from : SHARD ))
  start=$(date +%s)
  rc=0
  java -jar "$JAR" bench safety --from "$from" --schedules "$n" --seed "$SEED" --json \
    > "$out.tmp" 2> "$OUT/shard-$from.err" || rc=$?
  echo "$from-$((from + n - 1)) rc=$rc $(( $(date +%s) - start ))s" >> "$OUT/progress.txt"
  # 0: clean, 1: violations found (the report says which); anything else: the run broke.
  if [ "$rc" -le 1 ]; then mv "$out.tmp" "$out"; else exit "$rc"; fi
  exec {lock}>&-
  rm -f "$OUT/shard-$from.lock"
done
