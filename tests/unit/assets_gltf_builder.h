#pragma once
// Helpers for the assets unit tests: hand-built glTF JSON with a base64 data-URI buffer, temp
// directories, and a one-line-error expectation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cx/assets/gltf.h"
#include "cx/core/file.h"

namespace cx::assets::test {

inline std::string base64(const std::vector<uint8_t>& bytes) {
  static const char* kTable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint32_t(bytes[i]) << 16) | (uint32_t(bytes[i + 1]) << 8) | bytes[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kTable[(v >> s) & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint32_t(bytes[i]) << 16;
    out += kTable[(v >> 18) & 63];
    out += kTable[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (uint32_t(bytes[i]) << 16) | (uint32_t(bytes[i + 1]) << 8);
    out += kTable[(v >> 18) & 63];
    out += kTable[(v >> 12) & 63];
    out += kTable[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// Builds a .gltf document: add data with addView/addAccessor, then dump().
struct GltfBuilder {
  nlohmann::json doc = {{"asset", {{"version", "2.0"}}}};
  std::vector<uint8_t> bin;

  int addView(const void* data, size_t size, int byteStride = 0) {
    while (bin.size() % 4) bin.push_back(0);
    nlohmann::json view = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", size}};
    if (byteStride) view["byteStride"] = byteStride;
    const auto* p = static_cast<const uint8_t*>(data);
    bin.insert(bin.end(), p, p + size);
    doc["bufferViews"].push_back(view);
    return int(doc["bufferViews"].size() - 1);
  }

  template <class T>
  int addAccessor(const std::vector<T>& values, int componentType, const char* type, size_t count,
                  nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json a = {{"bufferView", addView(values.data(), values.size() * sizeof(T))},
                        {"componentType", componentType},
                        {"type", type},
                        {"count", count}};
    a.update(extra);
    doc["accessors"].push_back(a);
    return int(doc["accessors"].size() - 1);
  }

  // One mesh with one primitive, one node, one scene.
  void singleMesh(nlohmann::json primitive) {
    doc["meshes"] = nlohmann::json::array({{{"primitives", nlohmann::json::array({primitive})}}});
    doc["nodes"] = nlohmann::json::array({{{"mesh", 0}}});
    doc["scenes"] = nlohmann::json::array({{{"nodes", {0}}}});
    doc["scene"] = 0;
  }

  std::string dump() {
    nlohmann::json d = doc;
    if (!bin.empty())
      d["buffers"] = nlohmann::json::array(
          {{{"byteLength", bin.size()}, {"uri", "data:application/octet-stream;base64," + base64(bin)}}});
    return d.dump();
  }
};

constexpr int kFloat = 5126;
constexpr int kUShort = 5123;
constexpr int kUByte = 5121;
constexpr int kShort = 5122;
constexpr int kByte = 5120;
constexpr int kUInt = 5125;

// A fresh temp directory per test, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path = std::filesystem::temp_directory_path() /
           ("cx_assets_" + std::string(info ? info->name() : "x") + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    auto p = path / name;
    EXPECT_TRUE(cx::writeFileAtomic(p, std::string_view(text)).ok());
    return p;
  }
  std::filesystem::path write(const std::string& name, const std::vector<uint8_t>& bytes) const {
    auto p = path / name;
    EXPECT_TRUE(cx::writeFileAtomic(p, std::span<const uint8_t>(bytes)).ok());
    return p;
  }
};

// A failed load whose message is one line naming `file` and containing `problem`.
template <class R>
void expectOneLineError(const R& result, const std::string& file, const std::string& problem) {
  ASSERT_FALSE(result.ok()) << "expected a failure mentioning: " << problem;
  const std::string& m = result.message();
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  EXPECT_EQ(m.find('\r'), std::string::npos) << m;
  EXPECT_NE(m.find(file), std::string::npos) << "message does not name " << file << ": " << m;
  EXPECT_NE(m.find(problem), std::string::npos) << "message does not say \"" << problem << "\": " << m;
}

// Positions of one triangle facing +Z.
inline std::vector<float> trianglePositions() {
  return {0, 0, 0, 1, 0, 0, 0, 1, 0};
}

}  // namespace cx::assets::test
