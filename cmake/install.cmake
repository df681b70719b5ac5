# `cmake --install build --prefix P` (and `make install PREFIX=P`): what a program built against
# eddy needs (docs/api.md, "Building against eddy"), relocatable to any P:
#   P/include/eddy/*.h                       the public headers
#   P/lib/libeddy.so.0.1 (+ libeddy.so)      the library
#   P/lib/cmake/eddy/eddyConfig.cmake, ...   find_package(eddy) -> the target eddy::eddy
#   P/lib/pkgconfig/eddy.pc                  pkg-config --cflags --libs eddy
#   P/bin/eddy                               the shell (its RPATH finds P/lib)
include(CMakePackageConfigHelpers)

set(EDDY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/eddy)

install(TARGETS eddy_library EXPORT eddyTargets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/eddy DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
if(TARGET eddy)  # not built with EDDY_LIBRARY_ONLY
  install(TARGETS eddy RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT eddyTargets NAMESPACE eddy:: DESTINATION ${EDDY_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/eddyConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/eddyConfig.cmake
                              INSTALL_DESTINATION ${EDDY_CMAKE_DIR})
# Before 1.0 a minor version may break the API: 0.1.x satisfies find_package(eddy 0.1) only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/eddyConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/eddyConfig.cmake ${PROJECT_BINARY_DIR}/eddyConfigVersion.cmake
        DESTINATION ${EDDY_CMAKE_DIR})

# eddy.pc finds the prefix from its own place (${pcfiledir}), as the CMake files do, since the
# prefix is chosen at install time.
file(RELATIVE_PATH EDDY_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" EDDY_PC_TO_PREFIX "${EDDY_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/eddy.pc.in ${PROJECT_BINARY_DIR}/eddy.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/eddy.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
