# -DMIGSAFE_FUZZ=ON: every object of this build is compiled for libFuzzer (coverage
# feedback) with AddressSanitizer and UndefinedBehaviorSanitizer. Included before the
# libraries are added, so the code under test is instrumented, not only the targets.
# The ordinary gcc build never reads this file.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "MIGSAFE_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14, "
                      "or run scripts/fuzz.sh, which does")
endif()
# -fno-sanitize-recover: undefined behaviour stops the run like a crash, so the fuzzer
# keeps the input and the run fails. -O1: the usual fuzzing trade of speed against
# compile time and readable stacks.
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                    -fno-omit-frame-pointer -O1 -g)
add_link_options(-fsanitize=address,undefined)
