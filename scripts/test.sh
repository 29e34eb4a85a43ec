#!/usr/bin/env bash
# The one test command (README): installs the system packages the tests use when they are missing, then runs every
# test. Safe to run again; on a machine that has everything it goes straight to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

needed=(chromium fonts-dejavu-core poppler-utils python3-openpyxl)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet tool restore >/dev/null
dotnet test CustomerManager.sln --configuration Release --logger "console;verbosity=normal" "$@"
