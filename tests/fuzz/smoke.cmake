# Runs the fuzzer for SECONDS seconds on a fresh copy of CORPUS inside WORK_DIR.
# Usage: cmake -DFUZZER=... -DCORPUS=... -DDICTIONARY=... -DWORK_DIR=... -DSECONDS=20 -P smoke.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/corpus ${WORK_DIR}/artifacts)
file(GLOB seeds ${CORPUS}/*)
file(COPY ${seeds} DESTINATION ${WORK_DIR}/corpus)
execute_process(
  COMMAND ${FUZZER} ${WORK_DIR}/corpus
    -max_total_time=${SECONDS} -max_len=4096 -timeout=30 -rss_limit_mb=2048
    -dict=${DICTIONARY} -artifact_prefix=${WORK_DIR}/artifacts/ -print_final_stats=1
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the fuzzer failed (exit ${result}); the crashing input is in ${WORK_DIR}/artifacts")
endif()
