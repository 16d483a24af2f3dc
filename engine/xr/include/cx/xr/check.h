#pragma once
// Every XrResult goes through CX_XR_CHECK, in every build type (like CX_VK_CHECK). A failure code
// throws XrCallError naming the call, the result and file:line; success codes (XR_SESSION_LOSS_PENDING,
// XR_FRAME_DISCARDED, XR_EVENT_UNAVAILABLE, ...) are returned for the caller to act on. Expected
// failures (no runtime, no headset) are checked by the code that expects them and become Errors.
#include <openxr/openxr.h>

#include <stdexcept>
#include <string>

namespace cx::xr {

class XrCallError : public std::runtime_error {
 public:
  XrCallError(std::string message, XrResult result) : std::runtime_error(std::move(message)), result_(result) {}
  XrResult result() const { return result_; }

 private:
  XrResult result_;
};

// "XR_ERROR_RUNTIME_UNAVAILABLE" etc. (from openxr_reflection.h; no instance needed).
const char* xrResultName(XrResult result);

XrResult checkXr(XrResult result, const char* call, const char* file, int line);

}  // namespace cx::xr

#define CX_XR_CHECK(call) ::cx::xr::checkXr((call), #call, __FILE__, __LINE__)
