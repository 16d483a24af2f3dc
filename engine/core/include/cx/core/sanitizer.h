#pragma once
// Under AddressSanitizer, keep the Mesa Vulkan driver mapped for the whole process: the Vulkan
// loader unloads it at exit, after which LeakSanitizer reports the driver's own allocations as a
// leak from "<unknown module>". Loading it once more with RTLD_NODELETE keeps it resident, so
// leak detection stays on for everything else. A no-op in other builds.
#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#endif

namespace cx {

inline void pinVulkanDriverForLeakCheck() {
#if defined(__SANITIZE_ADDRESS__)
  for (const char* driver : {"libvulkan_lvp.so", "/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so"}) {
    if (dlopen(driver, RTLD_NOW | RTLD_NODELETE | RTLD_GLOBAL)) break;
  }
#endif
}

}  // namespace cx
