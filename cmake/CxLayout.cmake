# The install layout (GNUInstallDirs) and the same layout inside the build tree, so that the programs
# find their data relative to their own executable in both (engine/core/include/cx/core/paths.h).
include(GNUInstallDirs)

set(CX_INSTALL_DATA_DIR ${CMAKE_INSTALL_DATADIR}/cloudexpo)   # sample expo, SPIR-V, schema
set(CX_INSTALL_PKGLIB_DIR ${CMAKE_INSTALL_LIBDIR}/cloudexpo)  # private: the simulated OpenXR runtime in xr-sim/
file(RELATIVE_PATH CX_DATA_DIR_FROM_BIN ${CMAKE_INSTALL_FULL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${CX_INSTALL_DATA_DIR})
file(RELATIVE_PATH CX_PKGLIB_DIR_FROM_BIN ${CMAKE_INSTALL_FULL_BINDIR}
     ${CMAKE_INSTALL_PREFIX}/${CX_INSTALL_PKGLIB_DIR})

# In the build tree the executables sit one folder below the build folder (viewer/, tools/, tests/),
# where <prefix>/bin would be; the data and library folders mirror the install below it.
string(REGEX MATCHALL "[^/]+" _bin_parts "${CMAKE_INSTALL_BINDIR}")
list(LENGTH _bin_parts _bin_depth)
if(NOT _bin_depth EQUAL 1)
  message(FATAL_ERROR "CMAKE_INSTALL_BINDIR must be one folder deep below the prefix (the build tree's "
                      "viewer/ and tools/ stand in for it), got ${CMAKE_INSTALL_BINDIR}")
endif()
set(CX_BUILD_DATA_DIR ${CMAKE_BINARY_DIR}/${CX_INSTALL_DATA_DIR})
set(CX_BUILD_PKGLIB_DIR ${CMAKE_BINARY_DIR}/${CX_INSTALL_PKGLIB_DIR})
file(MAKE_DIRECTORY ${CX_BUILD_DATA_DIR}/schema ${CX_BUILD_PKGLIB_DIR})
# Links, not copies: an edit of the bundled sample or the schema shows at once.
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/assets/sample-expo ${CX_BUILD_DATA_DIR}/sample-expo SYMBOLIC)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/docs/expo.schema.json ${CX_BUILD_DATA_DIR}/schema/expo.schema.json SYMBOLIC)
