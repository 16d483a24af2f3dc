#include "cx/ui/directory.h"

#include <algorithm>

#include "cx/ui/text.h"

namespace cx::ui {
namespace {

std::string upperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

bool isNameStart(const std::string& folded, size_t pos) {
  return pos == 0 || folded[pos - 1] == '\n';
}

}  // namespace

std::vector<std::string> splitSearchTerms(std::string_view q) {
  std::vector<std::string> terms;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) terms.push_back(std::move(current));
    current.clear();
  };
  for (size_t pos = 0; pos < q.size();) {
    const size_t start = pos;
    const char32_t cp = decodeUtf8(q, pos);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x3000) {
      flush();
    } else {
      current.append(q.substr(start, pos - start));
    }
  }
  flush();
  return terms;
}

void ExhibitorSearch::build(const expo::Expo& expo) {
  entries_.clear();
  entries_.reserve(expo.exhibitors.size());
  for (const expo::Exhibitor& ex : expo.exhibitors) {
    Entry e;
    e.folded = foldCaseUtf8(ex.name.native);
    e.folded += '\n';
    e.folded += foldCaseUtf8(ex.name.english);
    e.namesEnd = static_cast<uint32_t>(e.folded.size());
    for (const std::string& p : ex.products) (e.folded += '\n') += foldCaseUtf8(p);
    for (const std::string& t : ex.tags) (e.folded += '\n') += foldCaseUtf8(t);
    (e.folded += '\n') += foldCaseUtf8(ex.id);
    (e.folded += '\n') += foldCaseUtf8(ex.booth);
    if (!ex.country.empty()) (e.folded += '\n') += foldCaseUtf8(countryName(ex.country));
    e.pavilion = ex.pavilion;
    e.country = upperAscii(ex.country);
    entries_.push_back(std::move(e));
  }
}

std::vector<uint32_t> ExhibitorSearch::query(std::string_view text, const SearchFilters& filters) const {
  const std::vector<std::string> terms = splitSearchTerms(foldCaseUtf8(text));
  const std::string country = upperAscii(filters.country);
  // Rank 0: a name starts with the first term; 1: the first term is in a name; 2: elsewhere.
  std::vector<uint32_t> ranked[3];
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (!filters.pavilion.empty() && e.pavilion != filters.pavilion) continue;
    if (!country.empty() && e.country != country) continue;
    if (terms.empty()) {
      ranked[0].push_back(i);
      continue;
    }
    bool all = true;
    for (size_t t = 1; t < terms.size() && all; ++t) all = e.folded.find(terms[t]) != std::string::npos;
    if (!all) continue;
    const size_t first = e.folded.find(terms[0]);
    if (first == std::string::npos) continue;
    int rank = 2;
    if (first < e.namesEnd) {
      rank = 1;
      // Any occurrence at a name start, not only the first one.
      for (size_t p = first; p != std::string::npos && p < e.namesEnd; p = e.folded.find(terms[0], p + 1)) {
        if (isNameStart(e.folded, p)) {
          rank = 0;
          break;
        }
      }
    }
    ranked[rank].push_back(i);
  }
  std::vector<uint32_t> out = std::move(ranked[0]);
  out.insert(out.end(), ranked[1].begin(), ranked[1].end());
  out.insert(out.end(), ranked[2].begin(), ranked[2].end());
  return out;
}

}  // namespace cx::ui
