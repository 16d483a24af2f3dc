// docs/expo.schema.json and the reader must agree: same required fields, same known fields, and
// the documented example uses every field.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "cx/core/file.h"
#include "cx/expo/manifest.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json readJson(const fs::path& path) {
  auto text = cx::readFileText(path);
  EXPECT_TRUE(text.ok()) << text.message();
  return text.ok() ? json::parse(*text) : json();
}

json schema() {
  return readJson(fs::path(CX_SOURCE_DIR) / "docs" / "expo.schema.json");
}

json documentedExample() {
  auto doc = cx::readFileText(fs::path(CX_SOURCE_DIR) / "docs" / "expo-format.md");
  EXPECT_TRUE(doc.ok());
  size_t begin = doc->find("```json\n", doc->find("## Complete example")) + 8;
  return json::parse(doc->substr(begin, doc->find("\n```", begin) - begin));
}

// "/booths/0/fascia" -> "booths[0].fascia"
std::string toMessagePath(const std::string& pointer) {
  std::string out;
  size_t pos = 1;
  while (pos <= pointer.size() && pointer.size() > 1) {
    size_t next = pointer.find('/', pos);
    if (next == std::string::npos) next = pointer.size();
    std::string token = pointer.substr(pos, next - pos);
    if (!token.empty() && std::isdigit(static_cast<unsigned char>(token[0])))
      out += "[" + token + "]";
    else
      out += (out.empty() ? "" : ".") + token;
    pos = next + 1;
  }
  return out;
}

std::set<std::string> requiredOf(const json& def) {
  std::set<std::string> out;
  if (def.contains("required"))
    for (const auto& r : def["required"]) out.insert(r.get<std::string>());
  return out;
}

struct Binding {
  const char* pointer;  // an instance in the example
  const char* def;      // its schema definition; "" for the root
};

const Binding kBindings[] = {
    {"", ""},
    {"/venue", "venue"},
    {"/venue/name", "localizedText"},
    {"/pavilions/0", "pavilion"},
    {"/pavilions/0/entrances/0", "entrance"},
    {"/styles/0", "style"},
    {"/booths/1", "booth"},
    {"/booths/0/fascia", "fascia"},
    {"/exhibitors/0", "exhibitor"},
    {"/exhibitors/0/links", "links"},
    {"/exhibitors/0/contact", "contact"},
    {"/events/0", "event"},
};

}  // namespace

TEST(ExpoSchema, IsDraft202012Json) {
  json s = schema();
  EXPECT_EQ(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(s["properties"]["formatVersion"]["const"], cx::expo::kFormatVersion);
  EXPECT_EQ(requiredOf(s),
            (std::set<std::string>{"formatVersion", "id", "venue", "pavilions", "styles", "booths"}));
}

TEST(ExpoSchema, ExampleUsesEveryPropertyAndNoOther) {
  json s = schema();
  json e = documentedExample();
  for (const Binding& b : kBindings) {
    const json& def = *b.def ? s["$defs"][b.def] : s;
    const json& instance = e.at(json::json_pointer(b.pointer));
    std::set<std::string> schemaKeys, exampleKeys;
    for (auto it = def["properties"].begin(); it != def["properties"].end(); ++it)
      schemaKeys.insert(it.key());
    for (auto it = instance.begin(); it != instance.end(); ++it) exampleKeys.insert(it.key());
    EXPECT_EQ(schemaKeys, exampleKeys) << b.pointer;
    EXPECT_EQ(def["additionalProperties"], false) << b.pointer;
  }
}

TEST(ExpoSchema, RequiredFieldsMatchTheReader) {
  json s = schema();
  for (const Binding& b : kBindings) {
    const json& def = *b.def ? s["$defs"][b.def] : s;
    std::set<std::string> required = requiredOf(def);
    for (auto it = def["properties"].begin(); it != def["properties"].end(); ++it) {
      json e = documentedExample();
      e.at(json::json_pointer(b.pointer)).erase(it.key());
      auto r = cx::expo::parseExpoManifest(e.dump(), "expo.json", nullptr);
      std::string field = toMessagePath(std::string(b.pointer) + "/" + it.key());
      std::string missing = "expo.json: " + field + ": required field is missing";
      if (required.contains(it.key())) {
        EXPECT_FALSE(r.ok()) << field;
        if (!r.ok()) {
          EXPECT_EQ(r.message(), missing);
        }
      } else if (!r.ok()) {
        // Leaving out an optional field may break a cross-reference, never the reading itself.
        EXPECT_EQ(r.message().find("required field is missing"), std::string::npos) << r.message();
      }
    }
  }
}

TEST(ExpoSchema, ReaderKnowsEverySchemaProperty) {
  std::vector<std::string> warnings;
  auto r = cx::expo::parseExpoManifest(documentedExample().dump(), "expo.json", &warnings);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}
