#!/usr/bin/env bash
# Screenshots of each showcase report's first screen, in English and French, for docs/img/ (described in
# reports/README.md). Run from the repository's root after `audit showcase`; needs Debian's chromium.
set -euo pipefail
out=docs/img
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for dir in reports/*/; do
  name=$(basename "$dir")
  for page in report.html report.fr.html; do
    [ -f "$dir$page" ] || continue
    lang=en; [ "$page" = report.fr.html ] && lang=fr
    shot="$out/first-screen-$name-$lang.png"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
      --window-size=1280,900 --virtual-time-budget=5000 --screenshot="$shot" "file://$PWD/$dir$page" 2>/dev/null
    echo "$shot"
  done
done
