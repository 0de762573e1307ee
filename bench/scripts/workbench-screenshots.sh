#!/usr/bin/env bash
# Retakes the workbench screenshots of docs/workbench.md and the README (docs/img/workbench-*.png): the workbench's
# Playwright journeys (tests/Audit.Tests/Workbench) save them along the way when AUDIT_WORKBENCH_SCREENSHOTS=1.
# Needs Debian's Chromium (/usr/bin/chromium); run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p docs/img
AUDIT_WORKBENCH_SCREENSHOTS=1 dotnet test --project tests/Audit.Tests -- --filter-namespace 'Audit.Tests.Workbench'
ls -l docs/img/workbench-*.png
