#!/usr/bin/env bash
# Records every public symbol of the src/ packages that PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt do not declare yet into
# PublicAPI.Unshipped.txt (Microsoft.CodeAnalysis.PublicApiAnalyzers reports each as RS0016), and drops declarations of symbols that
# no longer exist (RS0017). Run it after a deliberate change to the public API, then review the diff. An argument (a project) limits
# the build to that project and what it references.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
for project in src/*/*.csproj; do
  dir="$(dirname "$project")"
  for file in PublicAPI.Shipped.txt PublicAPI.Unshipped.txt; do
    [ -f "$dir/$file" ] || printf '#nullable enable\n' >"$dir/$file"
  done
done
log="$(mktemp)"
dotnet build "${1:-AiPlatform.Sdk.Ci.slnf}" -c Release --no-incremental -v q -nologo -p:TreatWarningsAsErrors=false -p:WarningsAsErrors=RS9999 >"$log" 2>&1 || true
python3 - "$log" <<'PY'
import re, sys, collections, os
added, removed = collections.defaultdict(set), collections.defaultdict(set)
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.search(r"^(.*?/src/[^/]+)/.*?warning (RS0016|RS0017): Symbol '(.*?)' is (?:not part of|part of)", line)
    if m:
        (added if m.group(2) == 'RS0016' else removed)[m.group(1)].add(m.group(3))
for folder in set(added) | set(removed):
    path = os.path.join(folder, 'PublicAPI.Unshipped.txt')
    lines = [l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]
    keep = sorted((set(lines) | added[folder]) - removed[folder], key=str.lower)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('#nullable enable\n' + ''.join(k + '\n' for k in keep))
    print(f"{path}: +{len(added[folder])} -{len(removed[folder])}")
PY
rm -f "$log"
