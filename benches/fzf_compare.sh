#!/usr/bin/env bash
# `squadboard find` against `fzf --filter`, whole process, on the same made-up players:
# squadboard reads a pool CSV in Transfermarkt's 23 columns, fzf the same names one a line.
# Three queries (a common one, a rare one, one that matches nobody) at 100k and 1M players.
#
#   benches/fzf_compare.sh                    # SIZES="100000 1000000", RUNS=11, both line ends
#   SIZES=20000 RUNS=5 benches/fzf_compare.sh
#   benches/fzf_compare.sh --ends crlf        # only CR LF line ends (lf, crlf or both)
#
# Each size is timed with the pool written with LF line ends and again with CR LF (as Python's
# csv module and spreadsheets write it): the same players, the same names for fzf.
#
# Prints the median wall time of each and the ratio find/fzf (below 1: find is faster).
# Both print every match (`--limit 0`), best first. `find` is timed with its cache beside the
# pool (built by the warm-up runs), as "cold" with `--no-cache` (every row read, checked and
# scored as it is read), and as "first" with the cache deleted before each run (every row read
# and indexed, the cache written). Uses hyperfine when present, else a bash loop over `date +%s%N`; skips cleanly
# without fzf. The machine should be quiet: the figures are medians, but a loaded machine
# moves them.
set -euo pipefail

SIZES=${SIZES:-"100000 1000000"}
ENDS_ARG=both
if [[ ${1:-} == --ends ]]; then
    ENDS_ARG=${2:?--ends takes lf, crlf or both}
fi
case $ENDS_ARG in
lf) ENDS=(lf) ;;
crlf) ENDS=(crlf) ;;
both) ENDS=(lf crlf) ;;
*) echo "--ends takes lf, crlf or both, not $ENDS_ARG" >&2; exit 2 ;;
esac
RUNS=${RUNS:-11}
QUERIES=("mar" "kowalski" "qqxz")
KINDS=("common" "rare" "no match")

cd "$(dirname "$0")/.."
if ! command -v fzf >/dev/null 2>&1; then
    echo "fzf is not installed (apt-get install -y fzf); skipping the comparison"
    exit 0
fi

cargo build --release --quiet --bin squadboard --example gen_pool
# BIN=path/to/squadboard times another build (an older one, to pair runs).
bin=${BIN:-$PWD/target/release/squadboard}
gen=$PWD/target/release/examples/gen_pool
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Median wall time of a shell command, in milliseconds.
median_ms() {
    local cmd=$1
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --style none --warmup 2 --runs "$RUNS" -i --export-csv "$tmp/h.csv" "$cmd" \
            >/dev/null 2>&1
        awk -F, 'NR == 2 { printf "%.1f", $4 * 1000 }' "$tmp/h.csv"
    else
        local times=() t0 t1
        for _ in 1 2; do bash -c "$cmd" >/dev/null 2>&1 || true; done
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n |
            awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
    fi
}

echo "median of $RUNS runs ($(command -v hyperfine >/dev/null && echo hyperfine || echo 'bash loop')), $(nproc) cores, $(date -u +%F)"
printf '%-9s %-5s %-10s %-9s %9s %9s %9s %9s %9s %9s %9s %14s\n' players ends query kind "find ms" "cold ms" "first ms" "fzf ms" \
    find/fzf cold/fzf first/fzf "matches f/fzf"
for n in $SIZES; do
  "$gen" --n "$n" --format csv "$tmp/lf.csv"
  "$gen" --n "$n" --format names "$tmp/names.txt"
  for ends in "${ENDS[@]}"; do
    rm -f "$tmp/pool.csv" "$tmp/.pool.csv.squadboard-cache"
    if [[ $ends == crlf ]]; then
        sed 's/$/\r/' "$tmp/lf.csv" >"$tmp/pool.csv"
    else
        cp "$tmp/lf.csv" "$tmp/pool.csv"
    fi
    for i in "${!QUERIES[@]}"; do
        q=${QUERIES[$i]}
        find_ms=$(median_ms "'$bin' find '$q' --pool '$tmp/pool.csv' --limit 0 > /dev/null")
        cold_ms=$(median_ms "'$bin' find '$q' --pool '$tmp/pool.csv' --limit 0 --no-cache > /dev/null")
        # (The `rm` is a few hundred microseconds of the figure.)
        first_ms=$(median_ms "rm -f '$tmp/.pool.csv.squadboard-cache'; '$bin' find '$q' --pool '$tmp/pool.csv' --limit 0 > /dev/null")
        fzf_ms=$(median_ms "fzf --filter '$q' < '$tmp/names.txt' > /dev/null")
        ratio=$(awk -v a="$find_ms" -v b="$fzf_ms" 'BEGIN { printf "%.2f", a / b }')
        cold=$(awk -v a="$cold_ms" -v b="$fzf_ms" 'BEGIN { printf "%.2f", a / b }')
        first=$(awk -v a="$first_ms" -v b="$fzf_ms" 'BEGIN { printf "%.2f", a / b }')
        # Same matches? (fzf ranks by its own score, so only the counts are compared; find
        # also searches the bundled squad.)
        # (Both exit 1 when nothing matches.)
        find_n=$({ "$bin" find "$q" --pool "$tmp/pool.csv" --limit 0 2>/dev/null || true; } | wc -l)
        fzf_n=$({ fzf --filter "$q" <"$tmp/names.txt" || true; } | wc -l)
        printf '%-9s %-5s %-10s %-9s %9s %9s %9s %9s %9s %9s %9s %14s\n' "$n" "$ends" "'$q'" "${KINDS[$i]}" "$find_ms" \
            "$cold_ms" "$first_ms" "$fzf_ms" "$ratio" "$cold" "$first" "$find_n/$fzf_n"
    done
  done
done
echo "find/fzf below 1.00 means find is faster."
