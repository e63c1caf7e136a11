#!/usr/bin/env bash
# Benchmark of `jobgen serve`: wrk against POST /api/adverts for md, html and docx at 1, 8 and 64
# connections (requests/s, p50, p99); in the same run `jobgen batch` on N copies of the same
# vacancy (docx, documents/s) and pandoc on the same Markdown (one process per document); the
# server's resident memory after the first 1,000 requests and after 100,000. Prints a Markdown
# table and the issue's three targets, met or not. Not a test: figures depend on the machine.
#
#   scripts/bench-serve.sh            (needs wrk; pandoc is optional)
#
# Environment: DURATION (seconds per wrk run, default 10), BATCH_N (default 1000), JOBGEN_BIN (a
# release binary already built: skips the build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${DURATION:-10}
batch_n=${BATCH_N:-1000}
command -v wrk >/dev/null || { echo "bench-serve: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }

bin=${JOBGEN_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin jobgen
  bin=$(pwd)/target/release/jobgen
fi
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# One vacancy, as JSON for the API; as YAML (a JSON object is a YAML flow mapping) for batch.
vacancy() {
  printf '{"org": "home-office", "role": "devops-engineer", "level": "devops-engineer", "grade": "SEO", "reference": "%s", "salary": "£45,000 to £50,000", "location": "Sheffield, Croydon or Manchester", "number_of_jobs": 2, "closing_date": "2027-01-28", "contact": {"name": "DDaT Recruitment Team", "email": "ddat.recruitment@example.gov.uk"}, "person_specification": {"essential": ["experience of building and running deployment pipelines", "experience of infrastructure as code"], "desirable": ["experience of a public cloud platform"]}, "behaviours": ["Delivering at pace", "Working together"]}' "$1"
}
vacancy "BENCH-0" > "$work/body.json"

cat > "$work/post.lua" <<'EOF'
-- POST the vacancy; stop a thread after LIMIT responses when LIMIT is set; print one line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
local limit = tonumber(os.getenv("LIMIT") or "0")
local seen = 0
function response(status, headers, body)
  seen = seen + 1
  if limit > 0 and seen >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad))
end
EOF

# Start the server on any free port; its first line names it.
"$bin" serve --port 0 > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q "jobgen serves" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.out")
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
total=0

# wrk_run FORMAT CONNECTIONS SECONDS [LIMIT]: prints "requests rate p50 p99 errors".
wrk_run() {
  local threads=2
  [ "$2" -lt 2 ] && threads=1
  BODY="$work/body.json" LIMIT="${4:-0}" wrk -t"$threads" -c"$2" -d"$3"s --latency \
    -s "$work/post.lua" "${url}api/adverts?format=$1" | awk '/^RESULT/ {print $2, $3, $4, $5, $6}'
}

# The first 1,000 requests, then the resident size: Word documents (the largest) at 64
# connections (the most at once), so that the first figure is taken after every thread, buffer
# and allocator arena the run will use has been used once; what grows after that grows with the
# number of requests. LIMIT is per wrk thread: 2 x 500.
read -r n _ _ _ errors <<< "$(wrk_run docx 64 120 500)"
total=$((total + n))
rss_first=$(rss)
first_total=$total

rows=()
declare -A rate p50 p99
for format in md html docx; do
  for c in 1 8 64; do
    read -r n r a b errors <<< "$(wrk_run "$format" "$c" "$duration")"
    total=$((total + n))
    rate[$format.$c]=$r; p50[$format.$c]=$a; p99[$format.$c]=$b
    rows+=("| serve POST /api/adverts?format=$format | $c | $r | $a | $b | $errors | $(( $(rss) / 1024 )) |")
  done
done

# Up to 100,000 requests in all, in Markdown (the cheapest), then the resident size again.
while [ "$total" -lt 100000 ]; do
  read -r n _ _ _ _ <<< "$(wrk_run md 8 60 $(( (100000 - total + 1) / 2 )))"
  total=$((total + n))
done
rss_end=$(rss)
kill -TERM "$server"; wait "$server" || true; server=""

# jobgen batch on the same vacancy, BATCH_N times with distinct references, as docx.
for i in $(seq "$batch_n"); do printf -- '- %s\n' "$(vacancy "BENCH-$i")"; done > "$work/vacancies.yaml"
s=$(date +%s.%N)
"$bin" batch --vacancies "$work/vacancies.yaml" --format docx --out "$work/batch" >/dev/null 2>&1
e=$(date +%s.%N)
batch_secs=$(echo "$e - $s" | bc)
batch_rate=$(awk "BEGIN{printf \"%.1f\", $batch_n / $batch_secs}")

# pandoc on the same Markdown, one process per document, on every core.
pandoc_row=""
if command -v pandoc >/dev/null; then
  "$bin" generate --vacancy "$work/body.json" --format md --out - > "$work/advert.md" 2>/dev/null \
    || curl -s -H 'Content-Type: application/json' --data-binary @"$work/body.json" "${url}api/adverts" > "$work/advert.md"
  n=100
  s=$(date +%s.%N)
  seq "$n" | xargs -P "$(nproc)" -I{} pandoc "$work/advert.md" -o "$work/pandoc-{}.docx"
  e=$(date +%s.%N)
  pandoc_rate=$(awk "BEGIN{printf \"%.1f\", $n / ($e - $s)}")
  pandoc_row="| pandoc md to docx, $n processes, $(nproc) parallel | | $pandoc_rate | | | | |"
fi

met() { if awk "BEGIN{exit !($1)}"; then echo met; else echo "**not met**"; fi; }
share=$(awk "BEGIN{printf \"%.0f\", 100 * ${rate[docx.8]} / $batch_rate}")
spread=$(awk "BEGIN{printf \"%.1f\", ${p99[docx.64]} / ${p50[docx.1]}}")
growth=$(awk "BEGIN{printf \"%.1f\", 100 * ($rss_end - $rss_first) / $rss_first}")
{
  echo "Measured by \`scripts/bench-serve.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 (-t1 at 1 connection) -d${duration}s; $("$bin" --version); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)."
  echo
  echo "| run | connections | requests / s | p50 (ms) | p99 (ms) | errors | server RSS after (MB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo "| jobgen batch, $batch_n copies, docx | | $batch_rate | | | | |"
  [ -n "$pandoc_row" ] && echo "$pandoc_row"
  echo
  echo "| target | figure | |"
  echo "| --- | --- | --- |"
  echo "| docx at 8 connections >= 70% of batch's documents/s | ${rate[docx.8]} / $batch_rate = $share% | $(met "$share >= 70") |"
  echo "| p99 at 64 connections within 10x the median at 1 (docx) | ${p99[docx.64]} ms / ${p50[docx.1]} ms = ${spread}x | $(met "$spread <= 10") |"
  echo "| RSS after $total requests within 20% of after $first_total | $((rss_end / 1024)) MB / $((rss_first / 1024)) MB: ${growth}% | $(met "${growth#-} <= 20") |"
} | tee "$work/table.md"
