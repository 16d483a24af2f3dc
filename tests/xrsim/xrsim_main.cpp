// The simulated runtime's tests: the real OpenXR loader loads the built runtime through
// XR_RUNTIME_JSON, with the core validation API layer on; Vulkan validation is on too. The Mesa
// driver is pinned (RTLD_NODELETE) so LeakSanitizer stays on under ASan.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cx/core/sanitizer.h"

// Debian's OpenXR loader 1.0.20 leaks its per-instance bookkeeping (allocated inside
// xrCreateInstance, never freed by xrDestroyInstance; the same happens with no API layer and a
// trivial app), and the core validation layer leaks a byte per debug messenger. Only those stacks
// are suppressed; everything the runtime allocates in the other calls stays under leak detection.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:cx::testing::XrSimTest::createInstance\n"
         "leak:GenValidUsageNextXrCreateDebugUtilsMessengerEXT\n";
}

int main(int argc, char** argv) {
  cx::pinVulkanDriverForLeakCheck();
#if defined(__SANITIZE_ADDRESS__)
  // The loader dlcloses the runtime at xrDestroyInstance; with the mirror window that also unloads
  // GLFW and the X11 libraries, whose process-lifetime allocations then show up as leaks from
  // "<unknown module>". Keeping the runtime mapped (as the Mesa driver is) keeps them reachable.
  dlopen((std::filesystem::path(CX_XRSIM_RUNTIME_JSON).parent_path() / "libcx_xrsim_runtime.so").c_str(),
         RTLD_NOW | RTLD_NODELETE);
#endif
  setenv("XR_RUNTIME_JSON", CX_XRSIM_RUNTIME_JSON, 1);
  setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
  // The core validation layer writes its findings here; every test checks that nothing was added.
  std::string report = (std::filesystem::temp_directory_path() /
                        ("cx-xrsim-core-validation-" + std::to_string(getpid()) + ".txt"))
                           .string();
  std::filesystem::remove(report);
  setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  setenv("XR_CORE_VALIDATION_FILE_NAME", report.c_str(), 1);
  ::testing::InitGoogleTest(&argc, argv);
  int rc = RUN_ALL_TESTS();
  std::filesystem::remove(report);
  return rc;
}
