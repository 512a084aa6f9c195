#!/usr/bin/env bash
# Cold start of Ops Desk, median of RUNS runs under a real (X) display:
#   - floor:   a bare JavaFX window (test class dev.opsdesk.desktop.bench.BareWindow)
#   - sign-in: JVM launch -> the sign-in view is laid out (what a person waits for; the built-in
#              sandbox keeps booting in the background while they type)
#   - main:    JVM launch -> the signed-in main window on the built-in sandbox (auto sign-in as
#              USER_NAME, i.e. including the sandbox's boot, the health check and the sign-in)
# Each prints "<LABEL> <ms since JVM start>" (RuntimeMXBean start time) on its first laid-out pulse.
#
#   ./mvnw -pl ops-desktop package -DskipTests     # target/ops-desktop.jar and the test classes
#   ops-desktop/src/test/bench/cold-start.sh       # RUNS=5 USER_NAME=ops; JAVA_OPTS="..." to try JVM flags
#
# APP_IMAGE=DIR adds the same two rows for an app image's launcher (DIR/bin/OpsDesk, e.g.
# packaging/target/image/OpsDesk from packaging/build.sh app-image, or /opt/ops-desk once the .deb is
# installed); its JVM gets the properties through JAVA_TOOL_OPTIONS, as a launcher takes no JVM flags.
#
# Uses $DISPLAY when set, otherwise starts Xvfb (apt-get install xvfb libgtk-3-0).
set -euo pipefail

[[ -n ${APP_IMAGE:-} ]] && APP_IMAGE=$(cd "$APP_IMAGE" && pwd)
cd "$(dirname "$0")/../../.."            # the ops-desktop module
RUNS=${RUNS:-5}
USER_NAME=${USER_NAME:-ops}
read -r -a JOPTS <<< "${JAVA_OPTS:-}"
JAR=target/ops-desktop.jar
[[ -f $JAR && -d target/test-classes ]] || { echo "Build first: ./mvnw -pl ops-desktop package -DskipTests" >&2; exit 1; }

XVFB_PID=
if [[ -z ${DISPLAY:-} ]]; then
  for n in $(seq 90 120); do
    [[ -e /tmp/.X$n-lock ]] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    sleep 1
    break
  done
  trap '[[ -n $XVFB_PID ]] && kill $XVFB_PID' EXIT
fi

# One run; prints "<sign-in ms> <main ms>" (the bare window prints its time twice).
once() {
  local settings out
  settings=$(mktemp -d)
  if [[ $1 == --launcher ]]; then
    out=$(JAVA_TOOL_OPTIONS="${JOPTS[*]} -Dopsdesk.settings.dir=$settings -Dopsdesk.log.dir=$settings/logs $3" \
      "$2" 2>/dev/null || true)
  else
    out=$(java "${JOPTS[@]}" -Dopsdesk.settings.dir="$settings" -Dopsdesk.log.dir="$settings/logs" "$@" 2>/dev/null || true)
  fi
  rm -rf "$settings"
  local main signin
  main=$(awk '/^MAIN_WINDOW_SHOWN/ {print $2}' <<< "$out")
  signin=$(awk '/^SIGN_IN_SHOWN/ {print $2}' <<< "$out")
  [[ -n $main ]] || { echo "no MAIN_WINDOW_SHOWN from: java $*" >&2; exit 1; }
  echo "${signin:-$main} $main"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() {
  local label=$1 show_signin=$2; shift 2
  local signins=() mains=()
  once "$@" >/dev/null                   # warm the OS file cache; not counted
  for _ in $(seq "$RUNS"); do
    read -r s m <<< "$(once "$@")"
    signins+=("$s"); mains+=("$m")
  done
  if [[ $show_signin == yes ]]; then
    printf '%-52s median %5s ms   runs: %s\n' "$label: sign-in view shown" \
      "$(printf '%s\n' "${signins[@]}" | median)" "${signins[*]}"
    printf '%-52s median %5s ms   runs: %s\n' "$label: signed in, main window shown" \
      "$(printf '%s\n' "${mains[@]}" | median)" "${mains[*]}"
  else
    printf '%-52s median %5s ms   runs: %s\n' "$label" "$(printf '%s\n' "${mains[@]}" | median)" "${mains[*]}"
  fi
}

echo "Cold start, $RUNS runs each, $(nproc) cores, display $DISPLAY, $(java -version 2>&1 | head -1)${JAVA_OPTS:+, JAVA_OPTS=$JAVA_OPTS}"
measure "bare JavaFX window (floor)" no -cp "$JAR:target/test-classes" dev.opsdesk.desktop.bench.BareWindow
measure "Ops Desk ($USER_NAME, built-in sandbox)" yes \
  -Dopsdesk.autoSignIn="$USER_NAME" -Dopsdesk.exitAfterShown=true -jar "$JAR"
if [[ -n ${APP_IMAGE:-} ]]; then
  measure "Ops Desk app image ($USER_NAME, built-in sandbox)" yes \
    --launcher "$APP_IMAGE/bin/OpsDesk" "-Dopsdesk.autoSignIn=$USER_NAME -Dopsdesk.exitAfterShown=true"
fi
