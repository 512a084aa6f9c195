#!/bin/sh
# Makes Ops Desk's AppCDS archive (lib/app/ops-desk.jsa) from the class list a training run wrote at
# build time (lib/app/ops-desk.classlist), for the app as it lies at $1 (default: where this script
# is). Run by packaging/build.sh for the app image, and by the .deb's install script at the installed
# path: JDK 17 maps an archive only for the exact class path it was made with. Headless, ~10 s.
set -e
app=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
dir=$app/lib/app
[ -f "$dir/ops-desk.classlist" ] || { echo "make-cds-archive: no class list in $dir" >&2; exit 1; }
rm -f "$dir/ops-desk.jsa"
# The launcher adds the app's class path and options; -Xshare:dump makes the JVM write the archive and exit.
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$dir/ops-desk.classlist -XX:SharedArchiveFile=$dir/ops-desk.jsa" \
  "$app/bin/OpsDesk" > "$dir/ops-desk.jsa.log" 2>&1 || { cat "$dir/ops-desk.jsa.log" >&2; exit 1; }
rm -f "$dir/ops-desk.jsa.log"
