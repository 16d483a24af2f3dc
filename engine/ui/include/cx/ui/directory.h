#pragma once
// Exhibitor search for the directory panel. Matching is by case-folded substring (cx/ui/text.h):
// Latin and Cyrillic ignore case, CJK, Hangul and kana match as written. The query is split at
// white space (ASCII and U+3000) and every term must occur in one of: native name, English name,
// products, tags, exhibitor or booth id, or the country's English name.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cx/expo/expo.h"

namespace cx::ui {

struct SearchFilters {
  std::string pavilion;  // Pavilion::id; empty: any
  std::string country;   // ISO 3166-1 alpha-2; empty: any
};

class ExhibitorSearch {
 public:
  // Precomputes one folded text per exhibitor. Call again when the expo changes.
  void build(const expo::Expo& expo);

  // Indices into Expo::exhibitors. Name matches come first (those whose name starts with the first
  // term before the rest), then matches in other fields; ties keep the manifest order. An empty or
  // all-space query returns every exhibitor that passes the filters, in manifest order.
  std::vector<uint32_t> query(std::string_view text, const SearchFilters& filters = {}) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string folded;     // names, then the other fields, '\n'-separated
    uint32_t namesEnd = 0;  // bytes of `folded` that hold the names
    std::string pavilion;
    std::string country;  // upper case
  };
  std::vector<Entry> entries_;
};

// Splits a folded query into terms at ASCII white space and U+3000 (ideographic space).
std::vector<std::string> splitSearchTerms(std::string_view foldedQuery);

}  // namespace cx::ui
