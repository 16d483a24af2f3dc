#include <algorithm>
#include <cmath>

#include "cx/media/frame.h"

namespace cx::media {

void frameRgbAt(const VideoFrame& frame, int x, int y, uint8_t rgb[3]) {
  x = std::clamp(x, 0, std::max(frame.width - 1, 0));
  y = std::clamp(y, 0, std::max(frame.height - 1, 0));
  float Y = frame.plane(0)[size_t(y) * frame.stride[0] + x];
  float U = frame.plane(1)[size_t(y / 2) * frame.stride[1] + x / 2];
  float V = frame.plane(2)[size_t(y / 2) * frame.stride[2] + x / 2];
  float yy, u, v;
  if (frame.fullRange) {
    yy = Y / 255.0f;
    u = (U - 128.0f) / 255.0f;
    v = (V - 128.0f) / 255.0f;
  } else {
    yy = (Y - 16.0f) / 219.0f;
    u = (U - 128.0f) / 224.0f;
    v = (V - 128.0f) / 224.0f;
  }
  // Kr, Kb of the matrix; the same numbers as shaders/screen.frag.
  float kr = frame.bt709 ? 0.2126f : 0.299f, kb = frame.bt709 ? 0.0722f : 0.114f, kg = 1.0f - kr - kb;
  float r = yy + 2.0f * (1.0f - kr) * v;
  float b = yy + 2.0f * (1.0f - kb) * u;
  float g = (yy - kr * r - kb * b) / kg;
  auto to8 = [](float c) { return uint8_t(std::lround(std::clamp(c, 0.0f, 1.0f) * 255.0f)); };
  rgb[0] = to8(r);
  rgb[1] = to8(g);
  rgb[2] = to8(b);
}

}  // namespace cx::media
