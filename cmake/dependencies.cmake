# Every third-party package comes from Debian (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Pin Debian's interpreter before pybind11 looks: `python3` on PATH may be another
# Python without Alembic (pyenv's, say), and pybind11 would then link that one's
# libpython.
set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python migsafe embeds" FORCE)
find_package(Python3 3.11 EXACT REQUIRED COMPONENTS Interpreter Development.Embed)
find_package(pybind11 2.10 CONFIG REQUIRED)

pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx>=6.4)
# libpq, and with it Kerberos, LDAP, GnuTLS and OpenSSL, is loaded by the first command
# that calls it rather than at every start-up (cmake/lazy_library.cmake): libpqxx is
# linked from its static archive, and PostgreSQL::PostgreSQL is a stand-in for
# libpq.so.5. Off: both shared libraries are linked as usual.
set(lazy_libpq_default OFF)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  set(lazy_libpq_default ON)
endif()
option(MIGSAFE_LAZY_LIBPQ "Load libpq on first use (x86-64 Linux)" ${lazy_libpq_default})
if(MIGSAFE_LAZY_LIBPQ)
  include(cmake/lazy_library.cmake)
  pkg_check_modules(LIBPQ REQUIRED libpq)
  find_library(LIBPQ_SHARED_LIBRARY NAMES pq HINTS ${LIBPQ_LIBRARY_DIRS} REQUIRED)
  find_library(PQXX_STATIC_LIBRARY NAMES libpqxx.a HINTS ${PQXX_LIBRARY_DIRS} REQUIRED)
  # libpg_query (below) has its own pg_utf_mblen.
  migsafe_lazy_library(NAME migsafe_lazy_libpq LIBRARY ${LIBPQ_SHARED_LIBRARY}
    FIX "install PostgreSQL's client library: apt-get install libpq5" EXCLUDE pg_utf_mblen)
  # Defined before FindPostgreSQL, which then leaves it alone.
  add_library(PostgreSQL::PostgreSQL INTERFACE IMPORTED)
  set_target_properties(PostgreSQL::PostgreSQL PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${LIBPQ_INCLUDE_DIRS}"
    INTERFACE_LINK_LIBRARIES migsafe_lazy_libpq)
  set_target_properties(PkgConfig::PQXX PROPERTIES
    INTERFACE_LINK_LIBRARIES "${PQXX_STATIC_LIBRARY};PostgreSQL::PostgreSQL")
endif()
find_package(PostgreSQL REQUIRED)
find_package(SQLiteCpp 3.2 CONFIG REQUIRED)
find_package(CLI11 2.1 CONFIG REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
# migsafe_httplib: cpp-httplib as the runner links it. With MIGSAFE_LAZY_HTTPLIB its
# shared library, and OpenSSL behind it, is loaded by the first smoke check rather than at
# every start-up, as libpq is (cmake/lazy_library.cmake). Stubs stand in for functions
# only: UBSan's vptr check reads the typeinfo of the library's classes, a data symbol, so
# the sanitizer preset turns it off. Tests that serve HTTP link PkgConfig::HTTPLIB itself.
option(MIGSAFE_LAZY_HTTPLIB "Load cpp-httplib on first use (x86-64 Linux)" ${lazy_libpq_default})
add_library(migsafe_httplib INTERFACE)
if(MIGSAFE_LAZY_HTTPLIB)
  include(cmake/lazy_library.cmake)
  find_library(HTTPLIB_SHARED_LIBRARY NAMES cpp-httplib HINTS ${HTTPLIB_LIBRARY_DIRS} REQUIRED)
  migsafe_lazy_library(NAME migsafe_lazy_httplib LIBRARY ${HTTPLIB_SHARED_LIBRARY}
    FIX "install cpp-httplib's library: apt-get install libcpp-httplib0.11"
    ONLY "^_ZN?K?7httplib")
  target_include_directories(migsafe_httplib INTERFACE ${HTTPLIB_INCLUDE_DIRS})
  target_compile_options(migsafe_httplib INTERFACE ${HTTPLIB_CFLAGS_OTHER})
  target_link_libraries(migsafe_httplib INTERFACE migsafe_lazy_httplib)
else()
  target_link_libraries(migsafe_httplib INTERFACE PkgConfig::HTTPLIB)
endif()
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus>=3)

# libpg_query ships no CMake or pkg-config file. Use the static archive and keep its
# copies of pg_utf_mblen/strnlen out of the dynamic symbol table: exported, they
# would replace libpq's and glibc's in the whole process.
find_path(PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
find_library(PG_QUERY_STATIC_LIBRARY NAMES libpg_query.a REQUIRED)
add_library(pg_query::pg_query STATIC IMPORTED)
set_target_properties(pg_query::pg_query PROPERTIES
  IMPORTED_LOCATION "${PG_QUERY_STATIC_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${PG_QUERY_INCLUDE_DIR}")
target_link_libraries(pg_query::pg_query INTERFACE Threads::Threads)
target_link_options(pg_query::pg_query INTERFACE "LINKER:--exclude-libs,libpg_query.a")
# libpg_query's JSON parse trees are read with simdjson's DOM (rules/sql/parse_tree).
find_package(simdjson 3 CONFIG QUIET)
if(NOT simdjson_FOUND)
  message(FATAL_ERROR "simdjson (>= 3) not found: rules/sql reads libpg_query's parse trees "
                      "with it. Install it with `apt-get install libsimdjson-dev`.")
endif()
