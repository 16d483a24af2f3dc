// loadGltf / loadGltfFromMemory: frame checks, tinygltf parsing with our own file and image
// callbacks, then the conversion steps (images, samplers, materials, meshes, scene).
#include <algorithm>
#include <cstring>
#include <exception>
#include <system_error>

#include "cx/assets/gltf.h"
#include "cx/core/file.h"
#include <tiny_gltf.h>

#include "gltf_internal.h"

namespace cx::assets {
namespace {
using detail::LoadContext;

constexpr const char* kSupportedRequired[] = {"KHR_materials_emissive_strength", "KHR_materials_unlit",
                                              "KHR_texture_transform",           "KHR_mesh_quantization",
                                              "KHR_lights_punctual",             "EXT_meshopt_compression"};

// tinygltf reads external buffers and images through these, so our size limit applies and a
// relative URI only resolves against the model's own directory (not the process's cwd).
struct FsState {
  std::string baseDir;
  uint64_t maxBytes = 0;
  std::vector<std::string>* fileErrors = nullptr;
  // EXT_meshopt_compression fallback buffers: placeholder uri -> byteLength, served as zeros.
  std::vector<std::pair<std::string, uint64_t>> placeholders;
};

const std::pair<std::string, uint64_t>* placeholderFor(const std::string& path, const FsState& state) {
  if (state.placeholders.empty()) return nullptr;
  const std::string name = std::filesystem::path(path).filename().string();
  for (const auto& p : state.placeholders)
    if (p.first == name) return &p;
  return nullptr;
}

// Only files inside the model's directory (after resolving "..", symlinks) may be read: a
// downloaded model must not pull in arbitrary local files.
bool insideBaseDir(const std::string& path, const FsState& state) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(state.baseDir.empty() ? fs::path(".") : fs::path(state.baseDir), ec);
  if (ec) return false;
  fs::path file = fs::weakly_canonical(path, ec);
  if (ec) return false;
  fs::path rel = file.lexically_relative(base);
  return !rel.empty() && *rel.begin() != "..";
}

bool fsFileExists(const std::string& path, void* user) {
  auto* state = static_cast<FsState*>(user);
  if (placeholderFor(path, *state)) return true;
  if (!state->baseDir.empty() && path.rfind(state->baseDir, 0) != 0) return false;  // tinygltf also tries "."
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  if (!insideBaseDir(path, *state)) {
    state->fileErrors->push_back(path + ": outside the model's directory");
    return false;
  }
  return true;
}

std::string fsExpandPath(const std::string& path, void*) {
  return path;
}

bool fsReadFile(std::vector<unsigned char>* out, std::string* err, const std::string& path, void* user) {
  auto* state = static_cast<FsState*>(user);
  if (const auto* placeholder = placeholderFor(path, *state)) {
    if (placeholder->second > state->maxBytes) {
      std::string message = fmt::format("fallback buffer of {} bytes is over the limit of {}", placeholder->second,
                                        state->maxBytes);
      if (err) *err = message;
      state->fileErrors->push_back(message);
      return false;
    }
    out->assign(size_t(placeholder->second), 0);
    return true;
  }
  auto bytes = readFileBytes(path, state->maxBytes);
  if (!bytes) {
    if (err) *err = bytes.message();
    state->fileErrors->push_back(bytes.message());
    return false;
  }
  *out = std::move(*bytes);
  return true;
}

bool fsWriteFile(std::string* err, const std::string&, const std::vector<unsigned char>&, void*) {
  if (err) *err = "writing is not allowed while loading";
  return false;
}

// Keeps the encoded bytes; decoding happens in readImages where errors can name the image.
// Images stored in a bufferView are skipped here because tinygltf hands us a pointer into the
// buffer before anyone has checked the view's bounds.
bool stashImageBytes(tinygltf::Image* image, const int, std::string*, std::string*, int, int,
                     const unsigned char* bytes, int size, void*) {
  if (image->bufferView >= 0) return true;
  if (bytes && size > 0) image->image.assign(bytes, bytes + size);
  image->pixel_type = detail::kEncodedImageMarker;
  return true;
}

uint32_t readU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;  // GLB is little-endian, as are all our targets
}

// Checks the GLB header and chunk framing so tinygltf never reads past the data (its own BIN
// chunk check forgets the 8-byte chunk header). Returns the number of bytes that form the GLB.
Result<size_t> checkGlbFraming(std::span<const uint8_t> bytes, const std::string& file,
                               std::vector<std::string>& warnings) {
  auto fail = [&](const std::string& problem) { return makeError(fmt::format("{}: {}", file, problem)); };
  if (bytes.size() < 12)
    return fail(fmt::format("truncated binary glTF: {} bytes, the header alone needs 12", bytes.size()));
  const uint32_t version = readU32(bytes.data() + 4);
  const uint32_t length = readU32(bytes.data() + 8);
  if (version != 2) return fail(fmt::format("binary glTF version {} is not supported (expected 2)", version));
  if (length > bytes.size())
    return fail(
        fmt::format("truncated binary glTF: header says {} bytes, file has {}", length, bytes.size()));
  if (length < 20) return fail("binary glTF has no JSON chunk");
  const uint32_t jsonLength = readU32(bytes.data() + 12);
  const uint32_t jsonType = readU32(bytes.data() + 16);
  if (jsonType != 0x4E4F534Au) return fail("binary glTF: first chunk is not JSON");
  if (jsonLength == 0 || jsonLength > length - 20)
    return fail(fmt::format("binary glTF: JSON chunk of {} bytes does not fit in the file ({} bytes)",
                            jsonLength, length));
  const size_t rest = length - 20 - size_t(jsonLength);
  if (rest > 0) {
    if (rest < 8) return fail("truncated binary glTF: incomplete chunk header after the JSON chunk");
    const uint32_t binLength = readU32(bytes.data() + 20 + jsonLength);
    const uint32_t binType = readU32(bytes.data() + 24 + jsonLength);
    if (binType != 0x004E4942u) return fail("binary glTF: second chunk is not BIN");
    if (binLength > rest - 8)
      return fail(
          fmt::format("truncated binary glTF: BIN chunk of {} bytes runs past the end ({} bytes left)",
                      binLength, rest - 8));
  }
  if (length < bytes.size())
    warnings.push_back(
        fmt::format("{}: {} bytes after the end of the binary glTF ignored", file, bytes.size() - length));
  return size_t(length);
}

bool hasGlbExtension(const std::string& name) {
  if (name.size() < 4) return false;
  std::string ext = name.substr(name.size() - 4);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext == ".glb";
}

// A .gltf must be a JSON object; say so instead of quoting a PNG header back at the user.
bool looksLikeJsonObject(std::span<const uint8_t> bytes) {
  size_t i = 0;
  if (bytes.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) i = 3;  // UTF-8 BOM
  while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r'))
    ++i;
  return i < bytes.size() && bytes[i] == '{';
}

// tinygltf's messages may span lines and carry nlohmann's exception tags; make them one line.
std::string tidyTinygltfMessage(std::string message) {
  const std::string tag = "[json.exception.parse_error.101] parse error";
  if (auto pos = message.find(tag); pos != std::string::npos)
    message.replace(pos, tag.size(), "JSON parse error");
  const std::string prefix = "[json.exception.";
  while (true) {
    auto pos = message.find(prefix);
    if (pos == std::string::npos) break;
    auto end = message.find(']', pos);
    if (end == std::string::npos) break;
    message.erase(pos, end - pos + 1 + (end + 1 < message.size() && message[end + 1] == ' ' ? 1 : 0));
  }
  std::string line = detail::oneLine(message, 400);
  return line.empty() ? std::string("tinygltf failed without a message") : line;
}

Result<Model> loadImpl(std::span<const uint8_t> bytes, const std::string& file, const std::string& modelName,
                       const std::filesystem::path& baseDir, const GltfLoadOptions& options) {
  if (bytes.size() > options.maxFileBytes)
    return makeError(
        fmt::format("{}: file is {} bytes, over the limit of {}", file, bytes.size(), options.maxFileBytes));
  if (bytes.size() > size_t(UINT32_MAX))
    return makeError(fmt::format("{}: files over 4 GiB are not supported", file));

  Model model;
  model.name = modelName;
  const bool binary = bytes.size() >= 4 && std::memcmp(bytes.data(), "glTF", 4) == 0;
  size_t usable = bytes.size();
  if (binary) {
    auto framing = checkGlbFraming(bytes, file, model.warnings);
    if (!framing) return framing.error();
    usable = *framing;
  } else if (hasGlbExtension(file)) {
    return makeError(fmt::format("{}: not a binary glTF file (no \"glTF\" magic at the start)", file));
  } else if (!looksLikeJsonObject(bytes)) {
    return makeError(fmt::format("{}: not a glTF file (expected a JSON object or binary glTF)", file));
  }

  std::vector<std::string> fileErrors;
  FsState fsState{baseDir.string(), options.maxFileBytes, &fileErrors, {}};
  auto rewrite = detail::rewriteMeshoptFallbacks(bytes.first(usable), binary, file);
  if (!rewrite) return rewrite.error();
  if (!rewrite->bytes.empty()) {
    bytes = rewrite->bytes;
    usable = bytes.size();
    fsState.placeholders = std::move(rewrite->placeholders);
  }
  tinygltf::TinyGLTF loader;
  loader.SetFsCallbacks({&fsFileExists, &fsExpandPath, &fsReadFile, &fsWriteFile, &fsState});
  loader.SetImageLoader(&stashImageBytes, nullptr);

  tinygltf::Model doc;
  std::string err, warn;
  try {
    bool ok =
        binary
            ? loader.LoadBinaryFromMemory(&doc, &err, &warn, bytes.data(), unsigned(usable), fsState.baseDir)
            : loader.LoadASCIIFromString(&doc, &err, &warn, reinterpret_cast<const char*>(bytes.data()),
                                         unsigned(usable), fsState.baseDir);
    if (!ok) return makeError(fmt::format("{}: {}", file, tidyTinygltfMessage(err.empty() ? warn : err)));

    LoadContext ctx{file, doc, options, model.warnings};
    ctx.fileErrors = std::move(fileErrors);
    for (const auto* list : {&doc.extensionsUsed, &doc.extensionsRequired})
      for (const std::string& ext : *list)
        if (ext == "KHR_mesh_quantization") ctx.quantizationDeclared = true;
    if (auto st = detail::checkRequiredExtensions(ctx); !st) return st.error();
    if (auto st = detail::decodeMeshopt(ctx, doc); !st) return st.error();

    // tinygltf's warnings are advisory; ours follow as the steps run.
    size_t start = 0;
    while (start < warn.size()) {
      size_t end = warn.find('\n', start);
      if (end == std::string::npos) end = warn.size();
      std::string line = detail::oneLine(std::string_view(warn).substr(start, end - start), 300);
      if (!line.empty()) model.warnings.push_back(fmt::format("{}: {}", file, line));
      start = end + 1;
    }

    for (auto step : {&detail::readImages, &detail::readSamplers, &detail::readMaterials, &detail::readMeshes,
                      &detail::readScene}) {
      if (auto st = step(ctx, model); !st) return st.error();
    }
    if (doc.asset.extras.IsObject())
      for (const std::string& key : doc.asset.extras.Keys()) {
        const tinygltf::Value& v = doc.asset.extras.Get(key);
        if (v.IsString()) model.assetExtras.emplace_back(key, v.Get<std::string>());
      }
  } catch (const std::exception& e) {
    // tinygltf may throw (std::out_of_range on empty data, std::bad_alloc); never let it escape.
    return makeError(fmt::format("{}: {}", file, detail::oneLine(e.what(), 300)));
  }
  computeBounds(model);
  return model;
}

}  // namespace

namespace detail {

Status checkRequiredExtensions(const LoadContext& ctx) {
  for (const std::string& ext : ctx.doc.extensionsRequired) {
    bool supported = std::find(std::begin(kSupportedRequired), std::end(kSupportedRequired), ext) !=
                     std::end(kSupportedRequired);
    if (!supported)
      return makeError(
          fmt::format("{}: extensionsRequired: unsupported extension \"{}\"", ctx.file, oneLine(ext, 100)));
  }
  return {};
}

}  // namespace detail

Result<Model> loadGltf(const std::filesystem::path& path, const GltfLoadOptions& options) {
  auto bytes = readFileBytes(path, options.maxFileBytes);
  if (!bytes) return bytes.error();
  return loadImpl(*bytes, path.string(), path.filename().string(), path.parent_path(), options);
}

Result<Model> loadGltfFromMemory(std::span<const uint8_t> bytes, const std::string& name,
                                 const std::filesystem::path& baseDir, const GltfLoadOptions& options) {
  return loadImpl(bytes, name, std::filesystem::path(name).filename().string(), baseDir, options);
}

}  // namespace cx::assets
