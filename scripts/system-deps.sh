#!/usr/bin/env bash
# System packages the format tests need, beside PostgreSQL: LibreOffice Writer without its GUI
# (reads .doc/.wps/.rtf, and makes the test's .doc files) and a Chinese font (draws the test's
# scans for OCR). Kept to the smallest Debian packages: libreoffice-writer-nogui and
# fonts-wqy-zenhei, with --no-install-recommends.
#
# As root (CI) it installs what is missing with apt-get and says how long it took; otherwise
# it prints the command to run and exits 0 (the tests then skip, except under CI=true).
set -euo pipefail

need=()
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
    need+=(libreoffice-writer-nogui)
fi
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh file | grep -q .; }; then
    need+=(fonts-wqy-zenhei)
fi
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing ${need[*]}; install with:" \
        "sudo apt-get install --no-install-recommends ${need[*]}" >&2
    exit 0
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${need[@]}" >&2
echo "system-deps: installed ${need[*]} in $(($(date +%s) - start)) s" >&2
