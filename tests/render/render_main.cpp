// Render tests run on whatever Vulkan device the loader offers (lavapipe here), always with the
// validation layers on. The Mesa driver is dlopen'ed with RTLD_NODELETE first so it stays mapped
// after the loader unloads it; otherwise LeakSanitizer reports the driver's allocations as a leak
// from "<unknown module>" at exit. Leak detection stays on.
#include <dlfcn.h>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  // Unconditionally (not only under ASan): the tests then run the same way in every build.
  for (const char* driver : {"libvulkan_lvp.so", "/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so"}) {
    if (dlopen(driver, RTLD_NOW | RTLD_NODELETE | RTLD_GLOBAL)) break;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
