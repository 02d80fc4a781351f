# Shared compile settings for every migsafe target.
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "" FORCE)
endif()

add_library(migsafe_settings INTERFACE)
target_include_directories(migsafe_settings INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_options(migsafe_settings INTERFACE -Wall -Wextra -Wpedantic)
if(MIGSAFE_WERROR)
  target_compile_options(migsafe_settings INTERFACE -Werror)
endif()
target_compile_definitions(migsafe_settings INTERFACE
  MIGSAFE_VERSION="${PROJECT_VERSION}"
  MIGSAFE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# The SQLAlchemy 2.0 / Alembic 1.13 / psycopg 3 virtualenv scripts/setup.sh builds: the
# second Python stack the tests run on.
set(MIGSAFE_SA2_VENV "${PROJECT_SOURCE_DIR}/.deps/venv-sa2" CACHE PATH
    "virtualenv of the SQLAlchemy 2.0 stack the tests use")

# Each top-level folder is one library built from the .cpp files below it, but for the
# subfolders named after EXCLUDE, which build libraries of their own.
#   migsafe_folder_library(name [EXCLUDE subfolder...])
function(migsafe_folder_library name)
  cmake_parse_arguments(L "" "" "EXCLUDE" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  foreach(folder ${L_EXCLUDE})
    list(FILTER sources EXCLUDE REGEX "^${CMAKE_CURRENT_SOURCE_DIR}/${folder}/")
  endforeach()
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC migsafe_settings)
endfunction()

# Compiles text files into `target` as `const std::vector<ELEMENT>& FUNCTION()` in
# NAMESPACE, one {"<name>", "<text>"} entry per file, so the binary runs without a
# source tree beside it. <name> is the file's stem, or with BASE its path below BASE
# without the extension ("bridge/session"). Reconfigures when a file changes.
#   migsafe_embed_texts(target GLOB pattern... NAMESPACE ns FUNCTION name ELEMENT type
#                       [BASE folder] [INCLUDE header] DELIMITER raw-string-delimiter)
function(migsafe_embed_texts target)
  cmake_parse_arguments(E "" "NAMESPACE;FUNCTION;ELEMENT;INCLUDE;DELIMITER;BASE" "GLOB" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${E_GLOB})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
  set(body "// Generated from ${E_GLOB} by migsafe_embed_texts (cmake/settings.cmake).\n")
  if(E_INCLUDE)
    string(APPEND body "#include \"${E_INCLUDE}\"\n")
  endif()
  string(APPEND body "#include <string_view>\n#include <utility>\n#include <vector>\n\n")
  string(APPEND body "namespace ${E_NAMESPACE} {\n\n")
  string(APPEND body "const std::vector<${E_ELEMENT}>& ${E_FUNCTION}() {\n")
  string(APPEND body "  static const std::vector<${E_ELEMENT}> entries = {\n")
  foreach(file ${files})
    if(E_BASE)
      file(RELATIVE_PATH stem ${E_BASE} ${file})
      string(REGEX REPLACE "\\.[^./]*$" "" stem "${stem}")
    else()
      get_filename_component(stem ${file} NAME_WE)
    endif()
    file(READ ${file} text)
    string(APPEND body "    {\"${stem}\", R\"${E_DELIMITER}(${text})${E_DELIMITER}\"},\n")
  endforeach()
  string(APPEND body "  };\n  return entries;\n}\n\n}  // namespace ${E_NAMESPACE}\n")
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${E_FUNCTION}.cpp)
  file(GENERATE OUTPUT ${output} CONTENT "${body}")
  target_sources(${target} PRIVATE ${output})
endfunction()
