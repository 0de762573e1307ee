#!/usr/bin/env bash
# Brings each library's PublicAPI.Unshipped.txt up to date after a change of its public API (docs/packaging.md):
#   bench/scripts/update-public-api.sh
# Microsoft.CodeAnalysis.PublicApiAnalyzers fails the build on a public member missing from the lists (RS0016) and on
# a listed member that is gone (RS0017). This script builds the libraries with those two as warnings, then
#  - for each RS0017: deletes the line from PublicAPI.Unshipped.txt when it is there (added and removed since the last
#    release), or adds "*REMOVED*<line>" to PublicAPI.Unshipped.txt when it is in PublicAPI.Shipped.txt;
#  - for a project with an RS0016: runs the analyzer's own fix (`dotnet format analyzers --diagnostics RS0016`), which
#    adds the new members to PublicAPI.Unshipped.txt;
# and builds again with warnings as errors. Review the diff of the lists: it is the change of the API.
# At a release, move the lines of each Unshipped list into its Shipped list (dropping the *REMOVED* lines and the
# Shipped lines they name) and leave Unshipped with its "#nullable enable" line only.
set -euo pipefail
cd "$(dirname "$0")/../.."

projects=(src/Audit/Audit.csproj src/Audit.Models.MLNet/Audit.Models.MLNet.csproj src/Audit.Models.Onnx/Audit.Models.Onnx.csproj src/Audit.Data.Databases/Audit.Data.Databases.csproj)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Each library compiled again (--no-incremental: a compilation skipped as up to date reports no diagnostic), in the
# order of their references, the rules as warnings so that each builds and the ones that reference it are analysed too.
build_libraries() {
  : > "$log"
  for project in "${projects[@]}"; do
    dotnet build "$project" --no-incremental --no-dependencies -nologo -v q -clp:NoSummary "$@" >> "$log" 2>&1 || true
  done
}

build_libraries -p:TreatWarningsAsErrors=false
if grep -qE ': error ' "$log"; then
  grep -E ': error ' "$log" | sort -u >&2
  echo "the libraries do not compile: fix the errors above first" >&2
  exit 1
fi

# RS0017, "file(line,column): warning RS0017: ...": one line of a list that names no public member any more. The lines
# are deleted from the bottom of each file up, so that the line numbers of the others still hold.
{ grep -oE '^[^ ]*PublicAPI\.(Shipped|Unshipped)\.txt\([0-9]+,[0-9]+\): warning RS0017' "$log" || true; } | sort -u \
  | sed -E 's/\(([0-9]+),[0-9]+\): warning RS0017$/ \1/' | sort -k1,1 -k2,2nr \
  | while read -r file line; do
      member=$(sed -n "${line}p" "$file")
      case "$file" in
        *PublicAPI.Unshipped.txt)
          sed -i "${line}d" "$file"
          echo "removed from $(basename "$(dirname "$file")")'s unshipped list: $member" ;;
        *PublicAPI.Shipped.txt)
          unshipped="$(dirname "$file")/PublicAPI.Unshipped.txt"
          grep -qxF "*REMOVED*$member" "$unshipped" || printf '*REMOVED*%s\n' "$member" >> "$unshipped"
          echo "marked as removed in $(basename "$(dirname "$file")")'s unshipped list: $member" ;;
      esac
    done

# RS0016: the projects with a public member missing from their lists, each fixed by the analyzer's own code fix.
for project in "${projects[@]}"; do
  if grep -E 'warning RS0016' "$log" | grep -F "[$(pwd)/$project]" > /dev/null; then
    echo "adding the new public members of $project"
    dotnet format analyzers "$project" --diagnostics RS0016 --severity warn --no-restore -v q
  fi
done

# The check: the libraries build with the lists as they are now, warnings as errors.
build_libraries
if grep -qE ': error ' "$log"; then
  grep -E ': error ' "$log" | sort -u >&2
  exit 1
fi
git --no-pager diff --stat -- 'src/*/PublicAPI.*.txt'
