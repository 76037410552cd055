#!/usr/bin/env bash
# The scanner's scaling series: generated multi-project applications (a shared library and Web SDK services of 100
# modules each, ~29,000 lines per service) at 1×, 2× and 4× (3, 6 and 12 services), scanned in folder mode and in
# project mode (each service's .csproj, restored beforehand), with wall time, peak memory and time per 100k lines.
#   bench/scan-scaling.sh [work folder] [factors]      e.g. bench/scan-scaling.sh /tmp/scaling "1 2 4"
# Each scan must report exactly two findings per service (BST2002 and BST4001, whose types come from implicit usings).
set -euo pipefail
work=${1:-/tmp/bastion-scan-scaling}
factors=${2:-1 2 4}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/bench/Bastion.Benchmarks" -c Release -v q -nologo >/dev/null
dotnet build "$root/src/Bastion.Cli" -c Release -v q -nologo >/dev/null
bench="$root/bench/Bastion.Benchmarks/bin/Release/net10.0/Bastion.Benchmarks.dll"
cli="$root/src/Bastion.Cli/bin/Release/net10.0/bastion.dll"
echo "| scale | services | C# files | lines | mode | findings | wall (s) | s per 100k lines | peak memory (MB) |"
echo "|---:|---:|---:|---:|---|---:|---:|---:|---:|"
for factor in $factors; do
  services=$((3 * factor))
  tree="$work/x$factor"
  rm -rf "$tree"
  dotnet "$bench" --write-tree "$tree" --services "$services" --modules 100
  files=$(find "$tree" -name '*.cs' | wc -l)
  lines=$(find "$tree" -name '*.cs' -print0 | xargs -0 cat | wc -l)
  measure() {
    local mode=$1; shift
    local log="$work/scan.log"
    /usr/bin/time -f '%e %M' -o "$work/time" dotnet "$cli" scan "$@" --format json --output "$work/report.json" --fail-on never 2>"$log" || true
    read -r wall rss <"$work/time"
    local found
    found=$(grep -o '"ruleId"' "$work/report.json" | wc -l)
    awk -v f="$factor" -v s="$services" -v n="$files" -v l="$lines" -v m="$mode" -v d="$found" -v w="$wall" -v r="$rss" \
      'BEGIN { printf "| %s× | %d | %d | %d | %s | %d | %.1f | %.2f | %.0f |\n", f, s, n, l, m, d, w, w * 100000 / l, r / 1024 }'
  }
  measure folder "$tree"
  (cd "$tree" && for p in Service*/Service*.csproj; do echo "<Project Path=\"$p\" />"; done) |
    { echo '<Solution>'; cat; echo '</Solution>'; } >"$tree/App.slnx"
  dotnet restore "$tree/App.slnx" -v q -nologo >/dev/null
  measure project "$tree/App.slnx" --no-restore
done
