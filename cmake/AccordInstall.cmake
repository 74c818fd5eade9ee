# Installs Accord::serde for other CMake projects: headers, the static libraries serde
# needs, and a package config (find_package(Accord) → Accord::serde).
# The module targets use plain source-tree include paths, so instead of install(EXPORT)
# the config file declares the imported target itself from the installed archives.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/accord/serde ${PROJECT_SOURCE_DIR}/include/accord/model
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/accord COMPONENT serde)
install(TARGETS accord_serde accord_model ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT serde)

set(ACCORD_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Accord)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/AccordConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/AccordConfig.cmake
                              INSTALL_DESTINATION ${ACCORD_CMAKE_DIR}
                              PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/AccordConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/AccordConfig.cmake ${PROJECT_BINARY_DIR}/AccordConfigVersion.cmake
        DESTINATION ${ACCORD_CMAKE_DIR} COMPONENT serde)
