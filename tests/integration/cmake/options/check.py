# Imports pkg.sub._full (PYTHONPATH: the options project's build directory).
import sys
import sysconfig

import pkg.sub._full as full

assert full.__name__ == "pkg.sub._full", full.__name__
assert full.__file__.endswith("/pkg/sub/_full" + sysconfig.get_config_var("EXT_SUFFIX")), full.__file__
assert full.lib.shapes_scaled(2) == 6.0 and full.lib.SCALE_OFFSET == 1 and full.lib.SCALE_MAX == 9
assert "_ffigen_runtime" not in sys.modules and "_cffi_backend" in sys.modules
print("ok: NO_LIMITED_API, RUNTIME, MODULE_NAME, OUTPUT_DIRECTORY, DEFINES, INCLUDE_DIRS, LINK_DIRECTORIES, LIBRARIES")
