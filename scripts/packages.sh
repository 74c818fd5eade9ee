#!/bin/sh
# Prints the Debian packages of scripts/debian-packages.txt that have any of the given roles.
#   scripts/packages.sh build dev      # what setup.sh installs
#   scripts/packages.sh runtime        # what the Docker runtime image installs
set -eu
list="$(dirname "$0")/debian-packages.txt"
[ "$#" -gt 0 ] || { echo "usage: $0 ROLE..." >&2; exit 2; }
awk -v roles="$*" '
  BEGIN { n = split(roles, want, " "); for (i = 1; i <= n; i++) wanted[want[i]] = 1 }
  /^[[:space:]]*(#|$)/ { next }
  { for (i = 2; i <= NF; i++) if ($i in wanted) { print $1; break } }
' "$list"
