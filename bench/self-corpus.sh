#!/usr/bin/env bash
# A corpus of real code for the benchmark: Bastion's own analyzers and code fixes (about 14,000 lines), with the
# assemblies they compile against. Prints the benchmark options that use it.
#   bench/self-corpus.sh /tmp/self   →   --corpus /tmp/self/src --references /tmp/self/refs
# Needs a restored checkout (the Roslyn 4.14 packages in the NuGet cache: dotnet restore Analyzers.sln).
set -euo pipefail
out=${1:?usage: bench/self-corpus.sh <folder>}
root=$(cd "$(dirname "$0")/.." && pwd)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
rm -rf "$out" && mkdir -p "$out/src" "$out/refs"
for project in Bastion.Analyzers Bastion.CodeFixes; do
  (cd "$root/src" && find "$project" -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' -print0 |
    while IFS= read -r -d '' file; do mkdir -p "$out/src/$(dirname "$file")"; cp "$file" "$out/src/$file"; done)
done
for package in microsoft.codeanalysis.common microsoft.codeanalysis.csharp microsoft.codeanalysis.workspaces.common microsoft.codeanalysis.csharp.workspaces; do
  cp "$packages/$package/4.14.0/lib/netstandard2.0/"*.dll "$out/refs/"
done
composition=$(ls -d "$packages"/system.composition.attributedmodel/*/lib/netstandard2.0 | sort -V | tail -1)
cp "$composition"/*.dll "$out/refs/"
echo "--corpus $out/src --references $out/refs"
