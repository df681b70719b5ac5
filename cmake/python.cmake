# The Python package (docs/python.md): the extension module eddy._eddy (nanobind, python/src)
# and the pure-Python part (python/eddy), installed as the `python` component:
#   cmake --install build --component python --prefix DIR   ->  DIR/eddy/...
# which is exactly what the wheel holds (pyproject.toml: scikit-build-core installs that
# component into site-packages). EDDY_PYTHON is ON by default when Python's development files
# and nanobind (`make deps`) are found, except in the sanitizer and fuzz builds, whose
# instrumented module a stock interpreter cannot load.
set(eddy_python_default OFF)
if(NOT EDDY_SANITIZE AND NOT EDDY_FUZZ)
  # The interpreter on the PATH (pyenv's, a venv's) is the one the tests and `pip` use, so the
  # module is built for it rather than for the first Python CMake would find by itself.
  if(NOT Python_EXECUTABLE)
    find_program(eddy_python3 python3)
    if(eddy_python3)
      set(Python_EXECUTABLE ${eddy_python3})
    endif()
  endif()
  find_package(Python 3.9 COMPONENTS Interpreter Development.Module QUIET)
  # Asked of the interpreter every time: pip's isolated builds install nanobind in a new
  # temporary environment each time, so a path cached by an earlier configure may be gone.
  if(Python_FOUND)
    execute_process(COMMAND ${Python_EXECUTABLE} -m nanobind --cmake_dir
                    OUTPUT_VARIABLE eddy_nanobind_dir OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE eddy_nanobind_missing ERROR_QUIET)
    if(NOT eddy_nanobind_missing)
      set(nanobind_DIR ${eddy_nanobind_dir} CACHE PATH "nanobind's CMake directory" FORCE)
    endif()
  endif()
  if(Python_FOUND AND NOT eddy_nanobind_missing)
    set(eddy_python_default ON)
  endif()
endif()
option(EDDY_PYTHON "Build the Python module (needs Python's headers and nanobind)"
       ${eddy_python_default})
if(EDDY_PYTHON)
  find_package(Python 3.9 COMPONENTS Interpreter Development.Module REQUIRED)
  find_package(nanobind CONFIG REQUIRED)
  add_subdirectory(python)
elseif(eddy_python_default STREQUAL OFF AND NOT EDDY_SANITIZE AND NOT EDDY_FUZZ)
  message(STATUS "eddy: Python module not built (no python3 development files or nanobind: make deps)")
endif()
