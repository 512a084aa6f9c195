#!/usr/bin/env bash
# Builds Ops Desk for a workstation without a JDK: a jlinked runtime with only the modules the app
# needs (JavaFX linked in as modules, not loaded from the class path), the app's jars, an AppCDS
# archive from a training run, and the installer made from that app image.
#
#   packaging/build.sh app-image|deb|rpm|msi|dmg
#
# Writes to packaging/target/ (OUT=DIR to write elsewhere; the suite's package check does). Builds the
# desktop module first if its jars are missing (./mvnw -DskipTests package). An installer type reuses
# an app image built by the same commit in OUT (REUSE_IMAGE=0 to rebuild it). Everything the
# installers say about the app comes from packaging/ops-desk.properties; the version from the pom.
# An installer is made for the OS it is built on: deb/rpm on Linux, msi on Windows (needs WiX 3),
# dmg on macOS.
set -euo pipefail

usage() { echo "usage: packaging/build.sh app-image|deb|rpm|msi|dmg" >&2; exit 2; }
[[ $# -eq 1 ]] || usage
type=$1
case $type in app-image|deb|rpm|msi|dmg) ;; *) usage ;; esac

cd "$(dirname "$0")/.."
root=$(pwd)
here=$root/packaging
out=${OUT:-$here/target}
mkdir -p "$out"
out=$(cd "$out" && pwd)
prop() { sed -n "s/^$1=//p" "$here/ops-desk.properties" | head -1; }
step() { printf '[build.sh %3ss] %s\n' "$SECONDS" "$*"; }

# ---- inputs -------------------------------------------------------------------------------------
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)  # the parent's own version
app_version=${version%%-*}                       # jpackage (and MSI) take numbers only: 0.1.0
desktop=ops-desktop/target
if [[ ! -f $desktop/ops-desktop-$version.jar || ! -d $desktop/packaging/lib ]]; then
  step "building the desktop module (./mvnw -DskipTests package)"
  ./mvnw -B -q -DskipTests package -pl ops-desktop -am
fi
case "$(uname -s)" in
  Linux) os=linux; fx_classifier='-linux'; icon_ext=png ;;
  Darwin) os=mac; fx_classifier='-mac'; icon_ext=icns ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; fx_classifier='-win'; icon_ext=ico ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
case $type-$os in
  app-image-*|deb-linux|rpm-linux|msi-windows|dmg-mac) ;;
  *) echo "build.sh: a $type is built on its own OS, not on $os" >&2; exit 2 ;;
esac
if [[ $type == rpm ]] && ! command -v rpmbuild >/dev/null; then
  echo "build.sh: an .rpm needs rpmbuild (apt-get install rpm / dnf install rpm-build)" >&2; exit 3
fi

name=$(prop name)
launcher=$(prop launcher)
icon=$here/$(prop icon).$icon_ext
work=$out/work
image_parent=$out/image
case $os in
  mac) image=$image_parent/$launcher.app; app_dir=$image/Contents/app ;;
  *) image=$image_parent/$launcher; app_dir=$image/lib/app ;;
esac
[[ $os == windows ]] && app_dir=$image/app
stamp=$(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- ops-* packaging 2>/dev/null || echo -dirty)

build_image() {
  rm -rf "$work" "$image_parent"
  mkdir -p "$work/input" "$work/javafx" "$image_parent"

  # The app on the class path: its own jar and its libraries, JavaFX left out.
  cp "$desktop/ops-desktop-$version.jar" "$work/input/ops-desktop.jar"
  cp "$desktop"/packaging/lib/*.jar "$work/input/"
  # JavaFX's platform jars (with the natives); the classifier-less ones are empty placeholders.
  cp "$desktop"/packaging/javafx/*"$fx_classifier"*.jar "$work/javafx/"

  # The modules: what jdeps finds the app and its libraries use, plus what they reach only by
  # reflection or ServiceLoader, which jdeps cannot see (see packaging/README.md, "The runtime").
  # jdeps follows the class path from the app's jar into every library it reaches (31 s on a busy
  # 2-core machine), so the answer is kept for the same set of jars.
  local found key
  key=$(cd "$work" && ls -l input javafx | awk '{print $5, $9}' | cksum | cut -d' ' -f1)
  if [[ -f $out/modules-$key.txt ]]; then
    found=$(cat "$out/modules-$key.txt")
  else
    step "jdeps: finding the modules the app and its libraries use"
    found=$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps \
              --module-path "$work/javafx" --class-path "$work/input/*" "$work/input/ops-desktop.jar")
    rm -f "$out"/modules-*.txt
    echo "$found" > "$out/modules-$key.txt"
  fi
  local modules
  modules=$(printf '%s,%s' "$found" "$(prop extra-modules)" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
  echo "$modules" > "$work/modules.txt"
  step "modules: $modules"

  step "jlink: the runtime"
  # --compress=2: the modules file shrinks by half; the classes a start needs come from the AppCDS
  # archive anyway. JavaFX's natives are left out of the modules and put where a runtime keeps its
  # libraries: linked from the Maven jars they would only be resources, which JavaFX extracts to
  # ~/.openjfx/cache on first use; from the runtime's folder it loads them in place.
  jlink --module-path "$work/javafx" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2 \
    --exclude-resources='**.so,**.dll,**.dylib' --output "$work/runtime"
  local native_dir=$work/runtime/lib
  [[ $os == windows ]] && native_dir=$work/runtime/bin
  for jar in "$work"/javafx/*.jar; do
    unzip -q -o -j "$jar" '*.so' '*.dll' '*.dylib' -x 'META-INF/*' -d "$native_dir" 2>/dev/null || true
  done

  step "jpackage: the app image"
  jpackage --type app-image --dest "$image_parent" \
    --name "$launcher" --app-version "$app_version" --vendor "$(prop vendor)" \
    --description "$(prop description)" --copyright "$(prop copyright)" --icon "$icon" \
    --input "$work/input" --main-jar ops-desktop.jar --main-class "$(prop main-class)" \
    --runtime-image "$work/runtime" --java-options "$(prop java-options)"

  train_cds
  echo "$stamp" > "$image_parent/.built-from"
}

# AppCDS: the classes a start loads, listed by one real start (signed in on the built-in sandbox,
# main window shown, then on until the sandbox is seeded and the first section shows its data, so
# that the seeder's and the section's classes are listed too) under a virtual display, then dumped
# into one archive the launcher maps instead of loading, parsing and verifying them one by one. JDK
# 17 accepts an archive only for the exact class path it was made with, so the archive is made for
# where the app runs: here for the app image, and by the package's install script for an installed
# .deb (from the same class list).
train_cds() {
  local classlist=$app_dir/ops-desk.classlist settings
  if [[ ${CDS:-1} == 0 ]]; then
    step "AppCDS: skipped (CDS=0)"; return
  fi
  local display_runner=()
  if [[ $os == linux && -z ${DISPLAY:-} ]]; then
    if ! command -v xvfb-run >/dev/null; then
      step "AppCDS: skipped, no display and no xvfb-run (the app starts slower without it)"; return
    fi
    display_runner=(xvfb-run -a -s "-screen 0 1600x1000x24")
  fi
  # A training run that never sees its data must not hang the build (no archive then).
  local limit=()
  command -v timeout >/dev/null && limit=(timeout 300)
  settings=$(mktemp -d)
  step "AppCDS: training run (lists the classes a start loads)"
  if ! JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$classlist -Dopsdesk.autoSignIn=ops -Dopsdesk.exitAfterShown=data -Dopsdesk.settings.dir=$settings" \
      "${limit[@]}" "${display_runner[@]}" "$(launcher_exe)" > "$settings/training.log" 2>&1 || ! grep -q MAIN_WINDOW_SHOWN "$settings/training.log"; then
    cat "$settings/training.log" >&2
    rm -rf "$settings" "$classlist"
    echo "build.sh: the AppCDS training run failed (above); the app image is built without an archive" >&2
    return
  fi
  rm -rf "$settings"
  # The launcher maps the archive; where it is missing or was made for another path, the JVM goes on
  # without it (and without the runtime's default archive: slower, never broken).
  printf 'java-options=-XX:SharedArchiveFile=$APPDIR/ops-desk.jsa\n' >> "$app_dir/$launcher.cfg"
  cp "$here/linux/make-cds-archive.sh" "$app_dir/"
  step "AppCDS: $(wc -l < "$classlist") classes listed"
}

# The archive for the app image where it lies; an installer leaves it out (its install script makes
# one for the installed path), so it is made only when the app image itself is asked for.
dump_cds_in_place() {
  if [[ -f $app_dir/ops-desk.classlist && ! -f $app_dir/ops-desk.jsa ]]; then
    step "AppCDS: dumping the archive for $image"
    "$app_dir/make-cds-archive.sh" "$image"
    step "AppCDS: $(du -h "$app_dir/ops-desk.jsa" | cut -f1) archive"
  fi
}

launcher_exe() {
  case $os in
    mac) echo "$image/Contents/MacOS/$launcher" ;;
    windows) echo "$image/$launcher.exe" ;;
    *) echo "$image/bin/$launcher" ;;
  esac
}

if [[ ${REUSE_IMAGE:-1} == 1 && -d $image && $(cat "$image_parent/.built-from" 2>/dev/null) == "$stamp" && $stamp != *-dirty ]]; then
  step "reusing the app image of $stamp"
else
  build_image
fi

if [[ $type == app-image ]]; then
  dump_cds_in_place
  step "app image: $image ($(du -sh "$image" | cut -f1))"
  exit 0
fi

common=(--dest "$out" --app-image "$image" --name "$launcher" --app-version "$app_version"
  --vendor "$(prop vendor)" --description "$(prop description)" --copyright "$(prop copyright)"
  --license-file "$here/$(prop license-file)" --icon "$icon")
rm -f "$out"/*."$type"
# An archive in the app image was made for where the image lies; an installer puts the app elsewhere,
# so it carries the class list and its install script makes the archive (Linux; see README).
parked=
if [[ -f $app_dir/ops-desk.jsa ]]; then
  parked=$work/ops-desk.jsa.parked
  mv "$app_dir/ops-desk.jsa" "$parked"
  trap 'mv "$parked" "$app_dir/ops-desk.jsa"' EXIT
fi
step "jpackage: the $type"
case $type in
  deb|rpm)
    # jpackage's own templates (menu entry, install scripts) with Ops Desk's changes; the install
    # scripts get the install directory written in.
    rm -rf "$work/resources" && cp -r "$here/linux" "$work/resources"
    sed -i "s#@INSTALL_DIR@#/opt/$(prop package-name)#g" "$work/resources"/*
    linux=(--resource-dir "$work/resources" --linux-package-name "$(prop package-name)" --linux-shortcut
      --linux-menu-group "$(prop linux-menu-category)" --linux-app-category "$(prop linux-deb-section)")
    if [[ $type == deb ]]; then
      jpackage --type deb "${common[@]}" "${linux[@]}" --linux-deb-maintainer "$(prop linux-maintainer)"
    else
      jpackage --type rpm "${common[@]}" "${linux[@]}" --linux-rpm-license-type "$(prop rpm-license-type)"
    fi
    ;;
  msi)
    jpackage --type msi "${common[@]}" --win-menu --win-menu-group "$(prop windows-menu-group)" \
      --win-shortcut --win-dir-chooser --win-upgrade-uuid "$(prop windows-upgrade-uuid)"
    ;;
  dmg)
    jpackage --type dmg "${common[@]}" --mac-package-identifier "$(prop mac-package-identifier)" \
      --mac-package-name "$name"
    ;;
esac
step "built: $(ls "$out"/*."$type") ($(du -h "$out"/*."$type" | cut -f1))"
