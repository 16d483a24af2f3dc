// Shared helpers of the glTF load steps: messages and validated bufferView access.
#include <algorithm>

#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets::detail {

Error LoadContext::error(std::string_view place, std::string_view problem) const {
  return makeError(oneLine(fmt::format("{}: {}: {}", file, place, problem), 600));
}

void LoadContext::warn(std::string_view place, std::string_view problem) {
  constexpr size_t kMaxWarnings = 200;  // a hostile file must not flood the log
  if (warnings.size() < kMaxWarnings) {
    warnings.push_back(oneLine(fmt::format("{}: {}: {}", file, place, problem), 600));
  } else if (warnings.size() == kMaxWarnings) {
    warnings.push_back(fmt::format("{}: further warnings suppressed", file));
  }
}

Status LoadContext::chargeDecoded(std::string_view place, uint64_t bytes) {
  decodedBytes += bytes;
  if (decodedBytes > options.maxDecodedBytes)
    return error(place,
                 fmt::format("decoded model data exceeds the limit of {} bytes", options.maxDecodedBytes));
  return {};
}

std::string oneLine(std::string_view text, size_t maxChars) {
  std::string out;
  out.reserve(std::min(text.size(), maxChars));
  bool pendingSeparator = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n' || c == '\r') {
      pendingSeparator = !out.empty();
      continue;
    }
    if (pendingSeparator) {
      // Drop a trailing '.' before joining so "a.\nb" reads "a; b".
      while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
      out += "; ";
      pendingSeparator = false;
    }
    if (c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += (c >= 0x20 && c < 0x7f) ? char(c) : '?';
    if (out.size() >= maxChars) {
      out += "...";
      break;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out;
}

Result<std::span<const uint8_t>> bufferViewBytes(const LoadContext& ctx, int view, std::string_view place) {
  const auto& views = ctx.doc.bufferViews;
  if (view < 0 || size_t(view) >= views.size())
    return ctx.error(place,
                     fmt::format("bufferViews[{}] does not exist ({} bufferViews)", view, views.size()));
  const tinygltf::BufferView& bv = views[size_t(view)];
  const std::string self = fmt::format("bufferViews[{}]", view);
  const auto& buffers = ctx.doc.buffers;
  if (bv.buffer < 0 || size_t(bv.buffer) >= buffers.size())
    return ctx.error(self, fmt::format("buffers[{}] does not exist ({} buffers)", bv.buffer, buffers.size()));
  const std::vector<unsigned char>& data = buffers[size_t(bv.buffer)].data;
  if (bv.byteOffset > data.size() || bv.byteLength > data.size() - bv.byteOffset)
    return ctx.error(self, fmt::format("byteOffset {} + byteLength {} runs past buffers[{}] ({} bytes)",
                                       bv.byteOffset, bv.byteLength, bv.buffer, data.size()));
  return std::span<const uint8_t>(data.data() + bv.byteOffset, bv.byteLength);
}

}  // namespace cx::assets::detail
