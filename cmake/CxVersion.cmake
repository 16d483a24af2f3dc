# The project version and, when built from a git checkout, its commit: computed at configure time,
# and configure re-runs when the checked-out commit changes (the HEAD and branch files are
# configure dependencies). Outside git (a source tarball) the commit is simply empty.
set(CX_GIT_COMMIT "")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE _commit ERROR_QUIET
                  RESULT_VARIABLE _rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(_rc EQUAL 0)
    set(CX_GIT_COMMIT ${_commit})
    # HEAD, and the branch it names (a worktree has its own HEAD, the branch files are shared).
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --path-format=absolute --git-path HEAD
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE _head ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${GIT_EXECUTABLE} symbolic-ref -q HEAD
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE _ref ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(_watch ${_head})
    if(_ref)
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --path-format=absolute --git-path ${_ref}
                      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE _ref_file ERROR_QUIET
                      OUTPUT_STRIP_TRAILING_WHITESPACE)
      list(APPEND _watch ${_ref_file})
      execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --path-format=absolute --git-common-dir
                      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} OUTPUT_VARIABLE _common ERROR_QUIET
                      OUTPUT_STRIP_TRAILING_WHITESPACE)
      list(APPEND _watch ${_common}/packed-refs)  # where the branch lives once packed
    endif()
    foreach(_f ${_watch})
      if(EXISTS ${_f})
        set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_f})
      endif()
    endforeach()
  endif()
endif()
message(STATUS "CloudExpo ${PROJECT_VERSION}, git commit: ${CX_GIT_COMMIT}")
