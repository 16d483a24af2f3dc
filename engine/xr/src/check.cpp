#include "cx/xr/check.h"

#include <fmt/format.h>
#include <openxr/openxr_reflection.h>

namespace cx::xr {

const char* xrResultName(XrResult result) {
  switch (result) {
#define CX_XR_RESULT_CASE(name, value) \
  case name:                           \
    return #name;
    XR_LIST_ENUM_XrResult(CX_XR_RESULT_CASE)
#undef CX_XR_RESULT_CASE
    default:
      return "XR_UNKNOWN_RESULT";
  }
}

XrResult checkXr(XrResult result, const char* call, const char* file, int line) {
  if (XR_FAILED(result)) {
    throw XrCallError(fmt::format("OpenXR: {} failed with {} ({}:{})", call, xrResultName(result), file, line), result);
  }
  return result;
}

}  // namespace cx::xr
