#!/usr/bin/env bash
# mypy over src/, store/ and tui/ as the one package they form once installed, plus tests/.
# mypy cannot follow setuptools' editable import hook, so build a symlink tree that mirrors
# the installed layout (reportaudit/, reportaudit/store -> store/, reportaudit/tui -> tui/).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
tree=.typecheck
rm -rf "$tree" && mkdir -p "$tree/reportaudit"
for entry in src/reportaudit/*; do
  ln -s "../../$entry" "$tree/reportaudit/$(basename "$entry")"
done
ln -s ../../store "$tree/reportaudit/store"
ln -s ../../tui "$tree/reportaudit/tui"
MYPYPATH="$tree" "$PY" -m mypy --explicit-package-bases "$tree/reportaudit" tests
