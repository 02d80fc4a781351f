find_package(GTest 1.12 CONFIG REQUIRED)
include(GoogleTest)

# migsafe_add_test(NAME LABEL unit|sqlite|postgres|python SOURCES ... LIBS ...)
# One executable per (folder, label); every TEST in it becomes a ctest test.
function(migsafe_add_test name)
  cmake_parse_arguments(T "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} migsafe_settings GTest::gtest GTest::gmock
                        GTest::gtest_main)
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
endfunction()
