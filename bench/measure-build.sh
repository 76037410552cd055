#!/usr/bin/env bash
# Build-time measurement, as the goal in docs/performance.md was measured on real libraries: `dotnet build` of one
# project with -p:ReportAnalyzer=true, three ways — no analyzers, the empty-operation-action probe, all of Bastion —
# and the compiler's own "Total analyzer execution time" as a ratio to the Csc task's time without analyzers.
# Usage: bench/measure-build.sh [modules=30] [runs=3] [folder=a generated service corpus]
# MODE=server (default): the compiler server, as `dotnet build` runs it; WARMUP rounds (default 5) first, so the server
#   has loaded and compiled every analyzer and the compiler itself, then the sets take turns, one build each per round.
# SETS="none probe bastion bastion-eager" adds Bastion analysing as an editor does (call-graph search not deferred).
# MODE=process: a fresh csc process per build (UseSharedCompilation=false): every build also pays loading and JIT-compiling
#   the analyzers and the compiler, and whoever first touches a metadata namespace pays for loading it.
# PACKAGES="Id=Version …": package references a folder of real code needs, e.g. for Bastion's own source
#   (bench/self-corpus.sh /tmp/self; the folder argument is then /tmp/self/src):
#   PACKAGES="Microsoft.CodeAnalysis.CSharp.Workspaces=4.14.0" bench/measure-build.sh 0 7 /tmp/self/src
set -euo pipefail
mode="${MODE:-server}"
warmup="${WARMUP:-5}"
case "$mode" in server) shared=true ;; process) shared=false ;; *) echo "MODE must be server or process" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
modules="${1:-30}"
runs="${2:-3}"
work="$(mktemp -d)"
probe="$(mktemp -d)"
trap 'dotnet build-server shutdown >/dev/null 2>&1 || true; rm -rf "$probe"; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

dotnet build src/Bastion.Analyzers -c Release -v:q -nologo >/dev/null
# The floor: the benchmark's own empty-operation-action analyzer, compiled as an analyzer assembly a build can load.
roslyn="$(sed -n 's:.*<BastionAnalyzerRoslynVersion>\(.*\)</BastionAnalyzerRoslynVersion>.*:\1:p' Directory.Packages.props)"
cat > "$probe/Bastion.Benchmarks.Probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
    <NoWarn>\$(NoWarn);RS1036;RS1041;RS2008</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$(pwd)/bench/Bastion.Benchmarks/EmptyOperationActionAnalyzer.cs" />
    <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="$roslyn" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
dotnet build "$probe" -c Release -o "$probe/out" -v:q -nologo >/dev/null
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
  </PropertyGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
  </ItemGroup>
  <ItemGroup>
$(for package in ${PACKAGES:-}; do echo "    <PackageReference Include=\"${package%%=*}\" Version=\"${package#*=}\" />"; done)
  </ItemGroup>
  <ItemGroup Condition="'\$(AnalyzerSet)' == 'probe'">
    <Analyzer Include="$probe/out/Bastion.Benchmarks.Probe.dll" />
  </ItemGroup>
  <ItemGroup Condition="'\$(AnalyzerSet)' == 'bastion' or '\$(AnalyzerSet)' == 'bastion-eager'">
    <Analyzer Include="$repo/src/Bastion.Analyzers/bin/Release/netstandard2.0/Bastion.Analyzers.dll" />
    <!-- As the package's buildTransitive props do outside design-time builds; bastion-eager analyses as an editor does. -->
    <CompilerVisibleProperty Include="BastionDeferCallGraphSearch" />
  </ItemGroup>
  <PropertyGroup Condition="'\$(AnalyzerSet)' == 'bastion'">
    <BastionDeferCallGraphSearch>true</BastionDeferCallGraphSearch>
  </PropertyGroup>
  <PropertyGroup Condition="'\$(AnalyzerSet)' == 'bastion-eager'">
    <BastionDeferCallGraphSearch>false</BastionDeferCallGraphSearch>
  </PropertyGroup>
</Project>
XML
dotnet restore "$work/Corpus.csproj" -v:q >/dev/null

# One build: prints "<csc seconds> <all analyzers' seconds> <this set's assembly seconds>".
measure() {
  local log="$work/build-$1.log"
  dotnet build "$work/Corpus.csproj" --no-restore --no-incremental -nologo -v:d -clp:PerformanceSummary \
    -p:UseSharedCompilation="$shared" -p:ReportAnalyzer=true -p:AnalyzerSet="$1" > "$log" 2>&1
  [ "$1" = bastion ] && grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Bastion\.Analyzers\.' "$log" | awk '{ print $3, $1 }' | tr -d '<' >> "$work/per-analyzer.txt" || true
  local csc analyzers own=0
  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{ print $1 / 1000 }' | head -1)
  analyzers=$(grep -oE 'Total analyzer execution time: [0-9.]+' "$log" | awk '{ print $5 }' | head -1)
  case "$1" in
    probe) own=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Bastion\.Benchmarks\.Probe, Version' "$log" | awk '{ print $1 }' | tr -d '<' | head -1 || true) ;;
    bastion|bastion-eager) own=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+Bastion\.Analyzers, Version' "$log" | awk '{ print $1 }' | tr -d '<' | head -1 || true) ;;
  esac
  echo "${csc:-0} ${analyzers:-0} ${own:-0}"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

lines=$(find "$work" -name '*.cs' -print0 | xargs -0 cat | wc -l)
read -r -a sets <<< "${SETS:-none probe bastion}"
dotnet build-server shutdown >/dev/null 2>&1 || true
if [ "$mode" = server ]; then
  for _ in $(seq "$warmup"); do for set in "${sets[@]}"; do measure "$set" >/dev/null; done; done
else
  for set in "${sets[@]}"; do measure "$set" >/dev/null; done
fi
rm -f "$work/per-analyzer.txt"
declare -A cscs times owns
for round in $(seq "$runs"); do
  for set in "${sets[@]}"; do
    read -r c a o < <(measure "$set")
    cscs[$set]+="$c "; times[$set]+="$a "; owns[$set]+="$o "
  done
done

if [ "$mode" = server ]; then how="the compiler server, after $warmup warm-up rounds; the sets take turns"; else how="a fresh csc process per build"; fi
echo "Corpus: $(find "$work" -name '*.cs' | wc -l) files, $lines lines; medians of $runs builds each (dotnet build --no-incremental, -p:ReportAnalyzer=true; $how)."
echo
echo "| Set | Csc task (s) | All analyzers (s) | The set's own analyzers (s) | The set's own, × Csc without them | The set's own, each build (s) |"
echo "|---|---:|---:|---:|---:|---|"
base=""
for set in "${sets[@]}"; do
  csc=$(printf '%s\n' ${cscs[$set]} | median)
  at=$(printf '%s\n' ${times[$set]} | median)
  own=$(printf '%s\n' ${owns[$set]} | median)
  [ -z "$base" ] && base="$csc"
  ratio=$(awk -v a="$own" -v b="$base" 'BEGIN { printf "%.3f", a / b }')
  echo "| $set | $csc | $at | $own | $ratio | $(echo ${owns[$set]}) |"
done
echo
echo "Where the set's time goes (per analyzer over the measured bastion builds):"
echo
echo "| Analyzer | Median (s) | Largest (s) |"
echo "|---|---:|---:|"
for analyzer in $(awk '{ print $1 }' "$work/per-analyzer.txt" | sort -u); do
  echo "$analyzer $(awk -v a="$analyzer" '$1 == a { print $2 }' "$work/per-analyzer.txt" | median) $(awk -v a="$analyzer" '$1 == a { print $2 }' "$work/per-analyzer.txt" | sort -g | tail -1)"
done | sort -k2 -gr | awk '{ printf "| %s | %s | %s |\n", $1, $2, $3 }'
