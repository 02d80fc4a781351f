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

# Each top-level folder is one library built from the .cpp files below it.
function(migsafe_folder_library name)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC migsafe_settings)
endfunction()
