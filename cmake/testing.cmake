find_package(GTest 1.12 CONFIG REQUIRED)
include(GoogleTest)

# migsafe_add_test(NAME LABEL unit|sqlite|postgres|python [BOTH_STACKS] SOURCES ... LIBS ...)
# One executable per (folder, label); every TEST in it becomes a ctest test. With
# BOTH_STACKS each test runs a second time as "sa2.<test>" (label sa2-LABEL) with the
# SQLAlchemy 2.0 / Alembic 1.13 / psycopg 3 virtualenv active: the stack current
# services run, beside Debian's SQLAlchemy 1.4 / Alembic 1.8.
function(migsafe_add_test name)
  cmake_parse_arguments(T "BOTH_STACKS" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} migsafe_settings GTest::gtest GTest::gmock
                        GTest::gtest_main)
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
  if(T_BOTH_STACKS)
    gtest_discover_tests(${name}
      DISCOVERY_MODE PRE_TEST TEST_PREFIX "sa2."
      PROPERTIES LABELS sa2-${T_LABEL} TIMEOUT ${T_TIMEOUT}
                 ENVIRONMENT "VIRTUAL_ENV=${MIGSAFE_SA2_VENV}")
  endif()
endfunction()
