#pragma once
// Private: typed, path-tracking access to a parsed JSON document. The first error wins and is
// kept as "<source>: <path>: <problem>"; after it every accessor returns its fallback, so readers
// can run to the end without checking at every step.
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

namespace cx::expo::detail {

using Json = nlohmann::json;

enum class Need { Optional, Required };

class ReadContext {
 public:
  ReadContext(std::string source, std::vector<std::string>* warnings)
      : source_(std::move(source)), warnings_(warnings) {}
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(std::string_view path, std::string_view problem);
  void warn(std::string_view path, std::string_view problem);

 private:
  std::string source_;
  std::vector<std::string>* warnings_;
  std::string error_;
};

// "a string", "an array", ... for messages.
const char* jsonTypeName(const Json& value);
// The value for "got ...": JSON-encoded and cut to ~60 bytes; nested containers are only named.
std::string describeJsonValue(const Json& value);
// `parent.key`, or `parent["odd key"]` when the key is not a plain identifier.
std::string jsonChildPath(const std::string& parent, std::string_view key);
std::string jsonIndexPath(const std::string& parent, size_t index);

// Reads one JSON object. Every key asked for is remembered; finish() warns about the others.
class ObjectReader {
 public:
  ObjectReader(ReadContext& ctx, const Json& json, std::string path);

  // Present and of any type; nullptr when absent (an error if required) or after a failure.
  const Json* field(const char* key, Need need);
  std::string string(const char* key, Need need);
  float number(const char* key, Need need, float fallback);
  int integer(const char* key, Need need, int fallback);
  glm::vec2 vec2(const char* key, Need need, glm::vec2 fallback);
  glm::vec3 vec3(const char* key, Need need, glm::vec3 fallback);
  std::vector<std::string> strings(const char* key, Need need);
  // The array or object itself (type checked); nullptr when absent or wrong.
  const Json* array(const char* key, Need need);
  const Json* object(const char* key, Need need);

  std::string path(const char* key) const { return jsonChildPath(path_, key); }
  const std::string& path() const { return path_; }
  bool valid() const { return json_ != nullptr; }
  void finish();

 private:
  ReadContext& ctx_;
  const Json* json_ = nullptr;
  std::string path_;
  std::vector<std::string_view> known_;
};

// Element readers shared by ObjectReader and array walkers.
float readNumber(ReadContext& ctx, const Json& value, const std::string& path, float fallback);
template <int N>
glm::vec<N, float> readVector(ReadContext& ctx, const Json& value, const std::string& path,
                              glm::vec<N, float> fallback);

}  // namespace cx::expo::detail
