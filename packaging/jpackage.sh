#!/usr/bin/env bash
# Builds an Ops Desk app image or installer with a bundled runtime from the shaded desktop jar.
# Usage: packaging/jpackage.sh [app-image|deb|rpm|msi|dmg]
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
jar=ops-desktop/target/ops-desktop.jar
if [[ ! -f "$jar" ]]; then
  echo "error: $jar not found; build it first with ./mvnw -B -q -DskipTests package" >&2
  exit 2
fi
prop() { grep "^$1=" packaging/ops-desk.properties | cut -d= -f2-; }
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\).*:\1:p' pom.xml | head -1)
input=packaging/target/input
rm -rf packaging/target && mkdir -p "$input"
cp "$jar" "$input/"
jpackage --type "$type" \
  --name "$(prop name | tr -d ' ')" \
  --app-version "${version:-0.1.0}" \
  --vendor "$(prop vendor)" \
  --description "$(prop description)" \
  --input "$input" \
  --main-jar ops-desktop.jar \
  --main-class "$(prop main-class)" \
  --java-options "-Xmx1g" \
  --dest packaging/target
echo "built $type in packaging/target"
