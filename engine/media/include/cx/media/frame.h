#pragma once
// Decoded video as plain CPU data. The renderer uploads the three planes as R8 textures and
// converts YUV to RGB in its shader; the decoder never sees Vulkan.
#include <cstdint>
#include <vector>

namespace cx::media {

// One picture in planar YUV 4:2:0 (I420), BT.601 limited range unless `fullRange`.
// Plane p (0 = Y, 1 = U, 2 = V) starts at data[offset[p]] and has rows of stride[p] bytes;
// Y is width x height, U and V are ceil(width/2) x ceil(height/2).
struct VideoFrame {
  int width = 0;
  int height = 0;
  double pts = 0.0;  // seconds on the player's timeline: 0 at the first frame, grows across loops
  bool fullRange = false;
  bool bt709 = false;  // BT.709 matrix (HD streams); false: BT.601
  int stride[3] = {0, 0, 0};
  size_t offset[3] = {0, 0, 0};
  std::vector<uint8_t> data;

  const uint8_t* plane(int p) const { return data.data() + offset[p]; }
  int planeWidth(int p) const { return p == 0 ? width : (width + 1) / 2; }
  int planeHeight(int p) const { return p == 0 ? height : (height + 1) / 2; }
  size_t bytes() const { return data.size(); }
};

// The colour at pixel (x, y) as 8-bit sRGB-encoded RGB (the stream's own transfer), by the
// frame's matrix and range. For tests and posters; the renderer does this in its shader.
void frameRgbAt(const VideoFrame& frame, int x, int y, uint8_t rgb[3]);

}  // namespace cx::media
