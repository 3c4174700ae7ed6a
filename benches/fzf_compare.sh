#!/usr/bin/env bash
# `squadboard find` against `fzf --filter` on the same 100k made-up names.
#
#   benches/fzf_compare.sh            # N=100000, queries "mar", "jo sil", "kowalski"
#   N=20000 RUNS=5 benches/fzf_compare.sh
#
# fzf reads the names one a line; squadboard reads the same names as a pool CSV
# (player_id,name). Both print every match, best first. A third line times squadboard on the
# full Transfermarkt-column CSV of the same players (what a real pool costs to read).
# Uses hyperfine when present, else a bash loop over `date +%s%N`; skips cleanly without fzf.
set -euo pipefail

N=${N:-100000}
RUNS=${RUNS:-15}
QUERIES=("mar" "jo sil" "kowalski")

cd "$(dirname "$0")/.."
if ! command -v fzf >/dev/null 2>&1; then
    echo "fzf is not installed (apt-get install -y fzf); skipping the comparison"
    exit 0
fi

cargo build --release --quiet --bin squadboard --example gen_pool
bin=target/release/squadboard
gen=target/release/examples/gen_pool
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$gen" --n "$N" --format names "$tmp/names.txt"
"$gen" --n "$N" --format csv "$tmp/full.csv"
awk 'BEGIN { print "player_id,name" } { gsub(/"/, "\"\""); printf "%d,\"%s\"\n", NR, $0 }' \
    "$tmp/names.txt" >"$tmp/names.csv"

# Median wall time of a shell command, in milliseconds.
median_ms() {
    local cmd=$1
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --style none --warmup 2 --runs "$RUNS" -i --export-csv "$tmp/h.csv" "$cmd" \
            >/dev/null 2>&1
        awk -F, 'NR == 2 { printf "%.2f", $4 * 1000 }' "$tmp/h.csv"
    else
        local times=() t0 t1
        for _ in 1 2; do bash -c "$cmd" >/dev/null 2>&1 || true; done
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
    fi
}

echo "$N names; median of $RUNS runs ($(command -v hyperfine >/dev/null && echo hyperfine || echo 'bash loop'))"
printf '%-10s %12s %14s %10s %16s\n' query "fzf (ms)" "find (ms)" "fzf/find" "find full CSV"
for q in "${QUERIES[@]}"; do
    fzf_ms=$(median_ms "fzf --filter '$q' < '$tmp/names.txt' > /dev/null")
    find_ms=$(median_ms "'$bin' find '$q' --pool '$tmp/names.csv' --limit 0 > /dev/null")
    full_ms=$(median_ms "'$bin' find '$q' --pool '$tmp/full.csv' --limit 0 > /dev/null")
    ratio=$(awk -v a="$fzf_ms" -v b="$find_ms" 'BEGIN { printf "%.2f", a / b }')
    printf '%-10s %12s %14s %10s %13s ms\n' "'$q'" "$fzf_ms" "$find_ms" "$ratio" "$full_ms"
    # Same matches? (fzf's ranking differs from skim's, so compare the sets.)
    fzf_n=$(fzf --filter "$q" <"$tmp/names.txt" | wc -l)
    find_n=$("$bin" find "$q" --pool "$tmp/names.csv" --limit 0 | wc -l)
    echo "           matches: fzf $fzf_n, find $find_n (find also searches the bundled squad)"
done
echo "fzf/find > 1 means find is faster."
