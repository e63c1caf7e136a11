#!/usr/bin/env bash
# Whole-process benchmark: jobgen batch on synthetic vacancies, against pandoc on the same
# Markdown adverts. Installs nothing: uses hyperfine, /usr/bin/time and pandoc when present.
#
#   scripts/bench.sh [N ...]        (default: 1000 10000)
#
# Prints a table and writes it to BENCHMARKS.md with the date, the core count and the versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

cargo build --release --quiet
bin=$(pwd)/target/release/jobgen
# Work in memory (/dev/shm) when there is one, so that the figures measure jobgen and pandoc,
# not the disk; set BENCH_DIR to measure somewhere else.
work=$(mktemp -d -p "${BENCH_DIR:-/dev/shm}" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)
have() { command -v "$1" >/dev/null 2>&1; }
timer=""
[ -x /usr/bin/time ] && timer=/usr/bin/time

# run_timed OUTFILE CMD...: runs CMD once, writes "seconds peak_kb" to OUTFILE.
run_timed() {
  local out=$1; shift
  if [ -n "$timer" ]; then
    "$timer" -f "%e %M" -o "$out" "$@" >/dev/null
  else
    local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    echo "$(echo "$e - $s" | bc) 0" > "$out"
  fi
}

rows=()
declare -A secs
for n in "${sizes[@]}"; do
  "$bin" synth-vacancies "$n" > "$work/v$n.yaml"
  best=""; peak=0
  for run in 1 2 3; do
    rm -rf "$work/out$n"
    run_timed "$work/t" "$bin" batch --vacancies "$work/v$n.yaml" --format md,html,docx --out "$work/out$n"
    read -r t kb < "$work/t"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  docs=$((n * 3))
  rate=$(awk "BEGIN{printf \"%.0f\", $docs / $best}")
  secs[$n]=$best
  rows+=("| jobgen batch, $n vacancies, md+html+docx | $docs | $best | $rate | $((peak / 1024)) |")
done

# Scaling between the first and last size.
first=${sizes[0]}; last=${sizes[${#sizes[@]}-1]}
scaling=""
if [ "$first" != "$last" ]; then
  scaling=$(awk "BEGIN{printf \"%.2f\", ${secs[$last]} / ${secs[$first]}}")
fi

# Latency: one advert in all three formats from a cold process.
latency=""
if have hyperfine; then
  hyperfine --warmup 3 --runs 30 --export-json "$work/lat.json" \
    "$bin generate --role devops-engineer --level devops-engineer --grade SEO --org home-office --format md,html,docx --out $work/lat --force" >/dev/null 2>&1
  latency=$(python3 -c "import json;r=json.load(open('$work/lat.json'))['results'][0];print('%.1f ms mean, %.1f ms min' % (r['mean']*1000, r['min']*1000))")
else
  s=$(date +%s%N)
  for _ in $(seq 20); do "$bin" generate --role devops-engineer --level devops-engineer --grade SEO --org home-office --format md,html,docx --out "$work/lat" --force >/dev/null; done
  e=$(date +%s%N)
  latency="$(( (e - s) / 20 / 1000000 )) ms mean of 20"
fi

# pandoc on the same Markdown adverts, one process per document, on every core.
pandoc_rows=()
ratio=""
if have pandoc; then
  sample=$(( ${sizes[0]} < 300 ? ${sizes[0]} : 300 ))
  mkdir -p "$work/pandoc"
  { find "$work/out${sizes[0]}" -name 'syn-*.md' | sort | head -n "$sample" > "$work/list"; } || true
  s=$(date +%s.%N)
  xargs -P "$cores" -I{} sh -c 'pandoc "$1" -o "$2/$(basename "$1" .md).docx"' _ {} "$work/pandoc" < "$work/list"
  e=$(date +%s.%N)
  t_docx=$(echo "$e - $s" | bc)
  s=$(date +%s.%N)
  xargs -P "$cores" -I{} sh -c 'pandoc -s --metadata title=Advert -V lang=en-GB "$1" -o "$2/$(basename "$1" .md).html"' _ {} "$work/pandoc" < "$work/list"
  e=$(date +%s.%N)
  t_html=$(echo "$e - $s" | bc)
  pd=$(awk "BEGIN{printf \"%.1f\", $sample / $t_docx}")
  ph=$(awk "BEGIN{printf \"%.1f\", $sample / $t_html}")
  pboth=$(awk "BEGIN{printf \"%.1f\", 2 * $sample / ($t_docx + $t_html)}")
  pandoc_rows+=("| pandoc md to docx, $sample files, $cores parallel | $sample | $t_docx | $pd | |")
  pandoc_rows+=("| pandoc md to html, $sample files, $cores parallel | $sample | $t_html | $ph | |")
  jrate=$(awk "BEGIN{printf \"%.0f\", ($last * 3) / ${secs[$last]}}")
  ratio=$(awk "BEGIN{printf \"%.0f\", $jrate / $pboth}")
fi

jv=$("$bin" --version)
rv=$(rustc --version)
pv=$(have pandoc && pandoc --version | head -n 1 || echo "pandoc: not installed")
cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //' || echo unknown)
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`scripts/bench.sh ${sizes[*]}\` on $(date -u +%Y-%m-%d), $cores cores ($cpu), files written to $(df --output=fstype "$work" | tail -n 1) ($work)."
  echo "$jv; $rv; $pv."
  echo
  echo "| run | documents | seconds | documents / s | peak memory (MB) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  [ ${#pandoc_rows[@]} -gt 0 ] && printf '%s\n' "${pandoc_rows[@]}"
  echo
  [ -n "$scaling" ] && echo "- Scaling: $last vacancies take $scaling times as long as $first."
  echo "- Latency of one advert in three formats from a cold process: $latency."
  [ -n "$ratio" ] && echo "- jobgen writes $ratio times as many documents per second as pandoc (md to docx and html, one process per document, $cores in parallel)."
  echo "- Seconds are the best of 3 runs; peak memory is the largest maximum resident set size of them (/usr/bin/time)."
} > "$work/table.md"
cat "$work/table.md"
if [ -f BENCHMARKS.md ] && grep -q "^## Where the time goes" BENCHMARKS.md; then
  sed -n '/^## Where the time goes/,$p' BENCHMARKS.md > "$work/notes.md"
  { cat "$work/table.md"; echo; cat "$work/notes.md"; } > BENCHMARKS.md
else
  cp "$work/table.md" BENCHMARKS.md
fi
