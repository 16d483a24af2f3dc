#pragma once
// Shared between the local-file and HTTP halves of fetch().
#include <string_view>

#include "cx/core/result.h"
#include "cx/io/fetch.h"

namespace cx::io::detail {

// Downloads an http/https URL (scheme already checked), honouring every field of `options`.
Result<FetchResult> fetchHttp(std::string_view url, const FetchOptions& options);

// Charges a body delivered in one piece (file, cache hit) to the budget and progress counters.
Status chargeWholeBody(std::string_view locator, uint64_t size, const FetchOptions& options);

}  // namespace cx::io::detail
