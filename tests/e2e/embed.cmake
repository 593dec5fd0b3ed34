# <tconv-viz>, embed.html, the blog example (embed.test.mjs) and the npm package (package.test.mjs)
# in Chromium, against the site and the package the wasm preset assembled.
# Included from tests/e2e/CMakeLists.txt.
add_test(NAME e2e.embed COMMAND node --test ${CMAKE_CURRENT_LIST_DIR}/embed.test.mjs)
add_test(NAME e2e.package COMMAND node --test ${CMAKE_CURRENT_LIST_DIR}/package.test.mjs)
set(tconv_embed_env "TCONV_SITE_DIR=${TCONV_SITE_DIR}")
if(NOT DEFINED TCONV_PACKAGE_DIR)
  # The wasm preset's default (web/package/CMakeLists.txt): beside the site.
  get_filename_component(TCONV_PACKAGE_DIR "${TCONV_SITE_DIR}/../package" ABSOLUTE)
endif()
list(APPEND tconv_embed_env "TCONV_PACKAGE_DIR=${TCONV_PACKAGE_DIR}")
set_tests_properties(e2e.embed e2e.package PROPERTIES
  LABELS "browser"
  TIMEOUT 300
  ENVIRONMENT "${tconv_embed_env}")
