#include "json_reader.h"

#include <cfloat>
#include <cmath>

#include <fmt/format.h>

namespace cx::expo::detail {

namespace {

constexpr size_t kMaxShownValueBytes = 60;

bool isPlainKey(std::string_view key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

std::string dumpValue(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

void ReadContext::fail(std::string_view path, std::string_view problem) {
  if (!error_.empty()) return;
  error_ = fmt::format("{}: {}: {}", source_, path.empty() ? "(root)" : path, problem);
}

void ReadContext::warn(std::string_view path, std::string_view problem) {
  if (warnings_)
    warnings_->push_back(fmt::format("{}: {}: {}", source_, path.empty() ? "(root)" : path, problem));
}

const char* jsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number";
    default:
      return "a value";
  }
}

std::string describeJsonValue(const Json& value) {
  if (value.is_structured()) {
    // Only flat containers are printed: dumping deep input would recurse without bound.
    for (const auto& element : value)
      if (element.is_structured() || value.size() > 16) return jsonTypeName(value);
  }
  std::string text = dumpValue(value);
  if (text.size() > kMaxShownValueBytes) {
    size_t cut = kMaxShownValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    text = text.substr(0, cut) + "...";
  }
  return text;
}

std::string jsonChildPath(const std::string& parent, std::string_view key) {
  if (isPlainKey(key)) return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
  return fmt::format("{}[{}]", parent, describeJsonValue(Json(std::string(key))));
}

std::string jsonIndexPath(const std::string& parent, size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

float readNumber(ReadContext& ctx, const Json& value, const std::string& path, float fallback) {
  if (!ctx.ok()) return fallback;
  if (!value.is_number()) {
    ctx.fail(path, fmt::format("expected a number, got {}", describeJsonValue(value)));
    return fallback;
  }
  double d = value.get<double>();
  if (!std::isfinite(d) || std::fabs(d) > double(FLT_MAX)) {
    ctx.fail(path, fmt::format("number out of range, got {}", describeJsonValue(value)));
    return fallback;
  }
  return static_cast<float>(d);
}

template <int N>
glm::vec<N, float> readVector(ReadContext& ctx, const Json& value, const std::string& path,
                              glm::vec<N, float> fallback) {
  if (!ctx.ok()) return fallback;
  if (!value.is_array() || value.size() != size_t(N)) {
    ctx.fail(path, fmt::format("expected an array of {} numbers, got {}", N, describeJsonValue(value)));
    return fallback;
  }
  glm::vec<N, float> out;
  for (int i = 0; i < N; ++i)
    out[i] = readNumber(ctx, value[size_t(i)], jsonIndexPath(path, size_t(i)), fallback[i]);
  return ctx.ok() ? out : fallback;
}

template glm::vec<2, float> readVector<2>(ReadContext&, const Json&, const std::string&, glm::vec<2, float>);
template glm::vec<3, float> readVector<3>(ReadContext&, const Json&, const std::string&, glm::vec<3, float>);

ObjectReader::ObjectReader(ReadContext& ctx, const Json& json, std::string path)
    : ctx_(ctx), path_(std::move(path)) {
  if (!ctx_.ok()) return;
  if (!json.is_object()) {
    ctx_.fail(path_, fmt::format("expected an object, got {}", describeJsonValue(json)));
    return;
  }
  json_ = &json;
}

const Json* ObjectReader::field(const char* key, Need need) {
  known_.push_back(key);
  if (!json_ || !ctx_.ok()) return nullptr;
  auto it = json_->find(key);
  if (it == json_->end()) {
    if (need == Need::Required) ctx_.fail(path(key), "required field is missing");
    return nullptr;
  }
  return &*it;
}

std::string ObjectReader::string(const char* key, Need need) {
  const Json* value = field(key, need);
  if (!value) return {};
  if (!value->is_string()) {
    ctx_.fail(path(key), fmt::format("expected a string, got {}", describeJsonValue(*value)));
    return {};
  }
  return value->get<std::string>();
}

float ObjectReader::number(const char* key, Need need, float fallback) {
  const Json* value = field(key, need);
  return value ? readNumber(ctx_, *value, path(key), fallback) : fallback;
}

int ObjectReader::integer(const char* key, Need need, int fallback) {
  const Json* value = field(key, need);
  if (!value) return fallback;
  double d = value->is_number() ? value->get<double>() : 0.5;
  if (!value->is_number() || d != std::floor(d) || std::fabs(d) > 1e9) {
    ctx_.fail(path(key), fmt::format("expected an integer, got {}", describeJsonValue(*value)));
    return fallback;
  }
  return static_cast<int>(d);
}

glm::vec2 ObjectReader::vec2(const char* key, Need need, glm::vec2 fallback) {
  const Json* value = field(key, need);
  return value ? readVector<2>(ctx_, *value, path(key), fallback) : fallback;
}

glm::vec3 ObjectReader::vec3(const char* key, Need need, glm::vec3 fallback) {
  const Json* value = field(key, need);
  return value ? readVector<3>(ctx_, *value, path(key), fallback) : fallback;
}

std::vector<std::string> ObjectReader::strings(const char* key, Need need) {
  const Json* value = array(key, need);
  std::vector<std::string> out;
  if (!value) return out;
  out.reserve(value->size());
  for (size_t i = 0; i < value->size() && ctx_.ok(); ++i) {
    const Json& element = (*value)[i];
    if (!element.is_string()) {
      ctx_.fail(jsonIndexPath(path(key), i),
                fmt::format("expected a string, got {}", describeJsonValue(element)));
      break;
    }
    out.push_back(element.get<std::string>());
  }
  return out;
}

const Json* ObjectReader::array(const char* key, Need need) {
  const Json* value = field(key, need);
  if (!value) return nullptr;
  if (!value->is_array()) {
    ctx_.fail(path(key), fmt::format("expected an array, got {}", describeJsonValue(*value)));
    return nullptr;
  }
  return value;
}

const Json* ObjectReader::object(const char* key, Need need) {
  const Json* value = field(key, need);
  if (!value) return nullptr;
  if (!value->is_object()) {
    ctx_.fail(path(key), fmt::format("expected an object, got {}", describeJsonValue(*value)));
    return nullptr;
  }
  return value;
}

void ObjectReader::finish() {
  if (!json_ || !ctx_.ok()) return;
  for (auto it = json_->begin(); it != json_->end(); ++it) {
    bool known = false;
    for (std::string_view k : known_) known = known || k == it.key();
    if (!known) ctx_.warn(jsonChildPath(path_, it.key()), "unknown field, ignored");
  }
}

}  // namespace cx::expo::detail
