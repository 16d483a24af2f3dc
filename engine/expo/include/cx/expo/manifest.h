#pragma once
// Reading, checking and writing expo.json. The format is documented in docs/expo-format.md and
// docs/expo.schema.json. Every error is one line "<file>: <json path>: <problem>", e.g.
// "expo.json: booths[12].rotation: expected a number, got \"north\"". Warnings (unknown fields)
// have the same shape and never fail a load.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/result.h"
#include "cx/expo/expo.h"

namespace cx::expo {

// Reads and validates a manifest file. Paths in it are additionally checked against symlinks
// that lead out of the manifest's folder (the expo root).
Result<Expo> loadExpoManifest(const std::filesystem::path& manifestPath,
                              std::vector<std::string>* warnings = nullptr);

// Parses and validates manifest text. `sourceName` prefixes messages (usually "expo.json").
// Paths are checked as strings only; there is no root to check symlinks against.
Result<Expo> parseExpoManifest(std::string_view json, const std::string& sourceName,
                               std::vector<std::string>* warnings = nullptr);

// Pretty JSON (2-space indent, short number arrays on one line), fields in a fixed order, UTF-8
// unescaped, ending with a newline. parse(serialize(e)) gives back e, and serialising again gives
// the same bytes. Empty optional strings are left out. An event whose `start`/`end` text is empty
// is written from startUnix/endUnix in the venue's utcOffsetMinutes.
std::string serializeExpoManifest(const Expo& expo);

// Validates, then writes serializeExpoManifest atomically (never a torn file).
Status saveExpoManifest(const Expo& expo, const std::filesystem::path& path);

struct ValidateOptions {
  std::string sourceName = "expo.json";  // prefix of messages
  // When not empty, every path must also stay inside this folder after resolving symlinks.
  std::filesystem::path root;
};

// The semantic rules of docs/expo-format.md on an Expo however it was made (parsed, generated,
// edited): ids, references, booth/exhibitor agreement, ranges, polygons, paths, links, times.
// Returns every problem found, one line each, in manifest order; empty means valid.
std::vector<std::string> findExpoProblems(const Expo& expo, const ValidateOptions& options = {},
                                          std::vector<std::string>* warnings = nullptr);

// findExpoProblems as a Status: the first problem, with "(and N more problem(s))" when there are more.
Status validateExpo(const Expo& expo, const ValidateOptions& options = {},
                    std::vector<std::string>* warnings = nullptr);

}  // namespace cx::expo
