#!/usr/bin/env bash
# Writes the bundled test clip with the Debian `ffmpeg` command (no downloads):
#
#   tools/make-sample-clip.sh [OUT.mp4] [--seconds N] [--size WxH]
#
# Default: assets/media/sample-clip.mp4, 10 s, 640x360, 30 fps, H.264 (yuv420p, a key frame every
# second) + AAC (48 kHz stereo, a 440 Hz sine at -12 dBFS (peak 0.25)), MP4 with the index in front.
# The picture is a full-frame colour that changes every second (kSampleClipColours in
# tests/unit/media_test_support.h lists them in order) with a white 80x80 box moving along the bottom
# (x = (120 * t) mod 560, y = 260), so decoding can be checked by colour at a point and time, and the
# sample shows moving pictures. It loops cleanly: the colours cycle and the box restarts at x = 0.
# Bit-exact flags and one encoder thread make the bytes reproducible with the same ffmpeg/x264.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../assets/media/sample-clip.mp4"
seconds=10
size=640x360
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    -*) echo "make-sample-clip.sh: unknown option $1" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
command -v ffmpeg >/dev/null || { echo "make-sample-clip.sh: ffmpeg is not installed (tools/install-deps.sh)" >&2; exit 2; }
w="${size%x*}"
h="${size#*x}"
colours=(0xff0000 0x00ff00 0x0000ff 0xffff00 0x00ffff 0xff00ff 0xff8000 0x808080 0x8000ff 0x008040)
graph=""
inputs=""
for ((i = 0; i < seconds; i++)); do
  c="${colours[$((i % ${#colours[@]}))]}"
  graph+="color=c=${c}:s=${size}:r=30:d=1[c$i];"
  inputs+="[c$i]"
done
box=$((h * 80 / 360))
boxy=$((h * 260 / 360))
span=$((w - box))
graph+="color=c=white:s=${box}x${box}:r=30:d=${seconds}[box];"
graph+="${inputs}concat=n=${seconds}:v=1:a=0[bg];"
graph+="[bg][box]overlay=x='mod(t*$((w * 120 / 640))\,${span})':y=${boxy}:eval=frame,format=yuv420p[v];"
graph+="sine=frequency=440:sample_rate=48000:duration=${seconds},volume=2,aformat=channel_layouts=stereo[a]"
tmp="$(mktemp "${out%.mp4}.XXXXXX.mp4")"
trap 'rm -f "$tmp"' EXIT
ffmpeg -nostdin -hide_banner -loglevel error -y -filter_complex "$graph" -map '[v]' -map '[a]' \
  -c:v libx264 -threads 1 -preset veryfast -crf 26 -g 30 -keyint_min 30 -sc_threshold 0 -pix_fmt yuv420p \
  -c:a aac -b:a 96k -ac 2 -ar 48000 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -movflags +faststart \
  -t "$seconds" "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "make-sample-clip.sh: wrote $out ($(stat -c %s "$out") bytes)"
