#!/usr/bin/env bash
# Draws the installers' icons from the app's own mark (ui/Icons.APP: Material Design's
# clipboard-pulse-outline, U+F085E, white on the brand blue #1f5fd6 in a rounded tile), so the
# desktop menu, the task bar and the window show the same picture. Run once after changing the mark;
# the results are committed. Needs ImageMagick and python3.
#   packaging/icons/make-icons.sh
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls ~/.m2/repository/org/kordamp/ikonli/ikonli-materialdesign2-pack/*/ikonli-materialdesign2-pack-*.jar | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q -j "$jar" '*/materialdesignicons-webfont.ttf' -d "$work"
glyph=$(printf '\U000F085E')
for size in 16 32 48 64 128 256 512; do
  radius=$((size / 5))
  convert -size ${size}x${size} xc:none -fill '#1f5fd6' \
    -draw "roundrectangle 0,0 $((size - 1)),$((size - 1)) $radius,$radius" \
    -font "$work/materialdesignicons-webfont.ttf" -pointsize $((size * 7 / 10)) -fill white \
    -gravity center -annotate +0+0 "$glyph" "$work/$size.png"
done
cp "$work/256.png" ops-desk.png                         # Linux (.deb/.rpm menu entry) and the window
convert "$work"/{16,32,48,64,128,256}.png ops-desk.ico   # Windows
# macOS .icns: a header and PNG entries (ic07 128, ic08 256, ic09 512 px).
python3 - "$work" <<'PY'
import struct, sys
work = sys.argv[1]
chunks = b""
for kind, size in (("ic07", 128), ("ic08", 256), ("ic09", 512)):
    data = open(f"{work}/{size}.png", "rb").read()
    chunks += kind.encode() + struct.pack(">I", len(data) + 8) + data
open("ops-desk.icns", "wb").write(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
PY
ls -l ops-desk.png ops-desk.ico ops-desk.icns
