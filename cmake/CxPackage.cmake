# The Debian package: `cpack -G DEB` in the build folder makes cloudexpo_<version>_amd64.deb from the
# install rules. Dependencies are computed by dpkg-shlibdeps from the installed binaries, not listed
# by hand; what the programs need at run time without linking it (a Vulkan driver, fonts for the
# sample's Chinese, Japanese and Korean names, xdg-open for links) is recommended.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cloudexpo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The CloudExpo developers")
set(CPACK_PACKAGE_CONTACT "The CloudExpo developers <dev@cloudexpo.example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "viewer for virtual trade expos, on the desktop and in VR")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # cloudexpo_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://cloudexpo.example.org/")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mesa-vulkan-drivers | vulkan-icd, fonts-noto-cjk, fonts-dejavu-core, xdg-utils")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "monado-service")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The extended description (CPack puts the summary above it and indents it; "." separates paragraphs).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "CloudExpo is a native viewer for virtual trade expos: a visitor walks a whole
expo, with its pavilions, exhibitor booths and conference schedule, in a
window or in an OpenXR headset. Expos open from a folder, from a web server by
URL, or from a cloudexpo: link on an expo's web page.
.
expo-tool generates, checks, renders and light-bakes expos, and lets an
exhibitor place and preview its own booth model before the show.")
include(CPack)
