// Image decoding (PNG/JPEG -> RGBA8) and PNG encoding with stb, plus the load step that turns
// glTF images into cx::assets::Image.
#include <climits>
#include <cstring>

#include <stb_image.h>
#include <stb_image_write.h>

#include "cx/assets/image_codec.h"
#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets::detail {
namespace {

bool isPng(std::span<const uint8_t> b) {
  static const uint8_t kMagic[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  return b.size() >= 8 && std::memcmp(b.data(), kMagic, 8) == 0;
}

bool isJpeg(std::span<const uint8_t> b) {
  return b.size() >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff;
}

void appendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  auto* bytes = static_cast<const uint8_t*>(data);
  if (size > 0) out->insert(out->end(), bytes, bytes + size);
}

std::string displayUri(const std::string& uri) {
  if (uri.rfind("data:", 0) == 0) return oneLine(uri, 40) + "...";
  return oneLine(uri, 200);
}

}  // namespace

Result<DecodedImage> decodeImage(std::span<const uint8_t> bytes, uint64_t maxDecodedBytes) {
  if (bytes.empty()) return makeError("image data is empty");
  if (!isPng(bytes) && !isJpeg(bytes)) return makeError("not a PNG or JPEG image");
  if (bytes.size() > size_t(INT_MAX)) return makeError("encoded image is over 2 GiB");
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(bytes.data(), int(bytes.size()), &w, &h, &comp))
    return makeError(fmt::format("cannot decode image header: {}", oneLine(stbi_failure_reason())));
  if (w < 1 || h < 1) return makeError(fmt::format("image has an invalid size {}x{}", w, h));
  if (uint64_t(w) * uint64_t(h) * 4 > maxDecodedBytes)
    return makeError(
        fmt::format("decoded image {}x{} is over the size limit of {} bytes", w, h, maxDecodedBytes));
  stbi_uc* pixels = stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &comp, 4);
  if (!pixels) return makeError(fmt::format("cannot decode image: {}", oneLine(stbi_failure_reason())));
  DecodedImage out;
  out.width = uint32_t(w);
  out.height = uint32_t(h);
  out.rgba8.assign(pixels, pixels + size_t(w) * size_t(h) * 4);
  stbi_image_free(pixels);
  return out;
}

Result<std::vector<uint8_t>> encodePng(uint32_t width, uint32_t height, std::span<const uint8_t> rgba8) {
  if (width == 0 || height == 0 || width > 65535 || height > 65535)
    return makeError(fmt::format("cannot encode a {}x{} image", width, height));
  if (rgba8.size() != size_t(width) * height * 4)
    return makeError(fmt::format("{}x{} image has {} bytes of RGBA8, expected {}", width, height,
                                 rgba8.size(), size_t(width) * height * 4));
  // The fewest channels that hold the pixels exactly: grey (baked occlusion, masks), RGB (opaque
  // colour) or RGBA. Decoders expand them back to the same RGBA8.
  bool opaque = true, grey = true;
  for (size_t i = 0; i < rgba8.size() && (opaque || grey); i += 4) {
    opaque = opaque && rgba8[i + 3] == 255;
    grey = grey && rgba8[i] == rgba8[i + 1] && rgba8[i] == rgba8[i + 2];
  }
  const int channels = !opaque ? 4 : grey ? 1 : 3;
  std::vector<uint8_t> packed;
  if (channels != 4) {
    packed.resize(size_t(width) * height * size_t(channels));
    for (size_t p = 0, n = size_t(width) * height; p < n; ++p)
      for (int c = 0; c < channels; ++c) packed[p * size_t(channels) + size_t(c)] = rgba8[p * 4 + size_t(c)];
  }
  const uint8_t* pixels = channels == 4 ? rgba8.data() : packed.data();
  std::vector<uint8_t> png;
  if (!stbi_write_png_to_func(appendBytes, &png, int(width), int(height), channels, pixels, int(width) * channels))
    return makeError("PNG encoding failed");
  return png;
}

Status readImages(LoadContext& ctx, Model& out) {
  const auto& images = ctx.doc.images;
  out.images.reserve(images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    const tinygltf::Image& src = images[i];
    const std::string place = fmt::format("images[{}]", i);
    std::span<const uint8_t> encoded;
    if (src.bufferView >= 0) {
      auto view = bufferViewBytes(ctx, src.bufferView, place);
      if (!view) return view.error();
      encoded = *view;
    } else if (src.pixel_type == kEncodedImageMarker) {
      encoded = std::span<const uint8_t>(src.image.data(), src.image.size());
    } else if (!src.uri.empty()) {
      // tinygltf only warns when an external image is missing; for us it is an error.
      std::string reason = "no such file";
      for (const std::string& fileError : ctx.fileErrors)
        if (fileError.find(src.uri) != std::string::npos)
          reason = fileError.find("outside the model's directory") != std::string::npos
                       ? "outside the model's directory"
                       : fileError;
      return ctx.error(place, fmt::format("cannot read \"{}\": {}", displayUri(src.uri), reason));
    } else {
      return ctx.error(place, "has neither a uri nor a bufferView");
    }

    auto decoded = decodeImage(encoded, ctx.options.maxFileBytes);
    if (!decoded) return ctx.error(place, decoded.message());
    if (auto st = ctx.chargeDecoded(place, decoded->rgba8.size()); !st) return st.error();
    Image image;
    image.name = !src.name.empty()                                      ? src.name
                 : (!src.uri.empty() && src.uri.rfind("data:", 0) != 0) ? src.uri
                                                                        : place;
    image.width = decoded->width;
    image.height = decoded->height;
    image.colorSpace = ColorSpace::Linear;  // decided by the materials that use it
    image.rgba8 = std::move(decoded->rgba8);
    out.images.push_back(std::move(image));
  }
  return {};
}

}  // namespace cx::assets::detail

namespace cx::assets {

Result<Image> decodeImage(std::span<const uint8_t> bytes, uint64_t maxDecodedBytes) {
  auto decoded = detail::decodeImage(bytes, maxDecodedBytes);
  if (!decoded) return decoded.error();
  Image image;
  image.width = decoded->width;
  image.height = decoded->height;
  image.rgba8 = std::move(decoded->rgba8);
  return image;
}

Result<std::vector<uint8_t>> encodePng(const Image& image) {
  return detail::encodePng(image.width, image.height, image.rgba8);
}

}  // namespace cx::assets
