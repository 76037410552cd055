#!/usr/bin/env bash
# Build-time measurement, as the goal in docs/performance.md was measured on real libraries: `dotnet build` of one
# project with -p:ReportAnalyzer=true, three ways — no analyzers, the empty-operation-action probe, all of Bastion —
# and the compiler's own "Total analyzer execution time" as a ratio to the Csc task's time without analyzers.
# Usage: bench/measure-build.sh [modules=30] [runs=3] [folder=a generated service corpus]
set -euo pipefail
cd "$(dirname "$0")/.."
modules="${1:-30}"
runs="${2:-3}"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

dotnet build src/Bastion.Analyzers -c Release -v:q -nologo >/dev/null
dotnet build bench/Probe -c Release -v:q -nologo >/dev/null
if [ -n "${3:-}" ]; then
  cp -r "$3"/. "$work/"
else
  dotnet run -c Release --project bench/Bastion.Benchmarks -- --modules "$modules" --write-corpus "$work" >/dev/null
fi

repo="$(pwd)"
cat > "$work/Corpus.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <OutputType>Library</OutputType>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <NoWarn>\$(NoWarn);CS1591;CS8618;CS8602;CS8604</NoWarn>
    <UseSharedCompilation>false</UseSharedCompilation>
  </PropertyGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
  </ItemGroup>
  <ItemGroup Condition="'\$(AnalyzerSet)' == 'probe'">
    <Analyzer Include="$repo/bench/Probe/bin/Release/netstandard2.0/Bastion.Benchmarks.Probe.dll" />
  </ItemGroup>
  <ItemGroup Condition="'\$(AnalyzerSet)' == 'bastion'">
    <Analyzer Include="$repo/src/Bastion.Analyzers/bin/Release/netstandard2.0/Bastion.Analyzers.dll" />
  </ItemGroup>
</Project>
XML
dotnet restore "$work/Corpus.csproj" -v:q >/dev/null

# One build: prints "<csc seconds> <all analyzers' seconds> <this set's assembly seconds>".
measure() {
  local log="$work/build-$1.log"
  dotnet build "$work/Corpus.csproj" --no-restore --no-incremental -nologo -v:d -clp:PerformanceSummary \
    -p:ReportAnalyzer=true -p:AnalyzerSet="$1" > "$log" 2>&1
  local csc analyzers own=0
  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{ print $1 / 1000 }' | head -1)
  analyzers=$(grep -oE 'Total analyzer execution time: [0-9.]+' "$log" | awk '{ print $5 }' | head -1)
  case "$1" in
    probe) own=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Bastion\.Benchmarks\.Probe, Version' "$log" | awk '{ print $1 }' | tr -d '<' | head -1 || true) ;;
    bastion) own=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Bastion\.Analyzers, Version' "$log" | awk '{ print $1 }' | tr -d '<' | head -1 || true) ;;
  esac
  echo "${csc:-0} ${analyzers:-0} ${own:-0}"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

lines=$(find "$work" -name '*.cs' -print0 | xargs -0 cat | wc -l)
echo "Corpus: $(find "$work" -name '*.cs' | wc -l) files, $lines lines; medians of $runs builds each (dotnet build --no-incremental, -p:ReportAnalyzer=true)."
echo
echo "| Set | Csc task (s) | All analyzers (s) | The set's own analyzers (s) | The set's own, × Csc without them |"
echo "|---|---:|---:|---:|---:|"
base=""
for set in none probe bastion; do
  measure "$set" >/dev/null   # warm-up
  cscs=(); times=(); owns=()
  for _ in $(seq "$runs"); do
    read -r c a o < <(measure "$set")
    cscs+=("$c"); times+=("$a"); owns+=("$o")
  done
  csc=$(printf '%s\n' "${cscs[@]}" | median)
  at=$(printf '%s\n' "${times[@]}" | median)
  own=$(printf '%s\n' "${owns[@]}" | median)
  [ -z "$base" ] && base="$csc"
  ratio=$(awk -v a="$own" -v b="$base" 'BEGIN { printf "%.3f", a / b }')
  echo "| $set | $csc | $at | $own | $ratio |"
done
echo
echo "Where the set's time goes (last bastion build):"
echo
grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Bastion\.Analyzers\.' "$work/build-bastion.log" | awk '{ printf "| %s | %s |\n", $3, $1 }' | sed '1i | Analyzer | Time (s) |\n|---|---:|'
