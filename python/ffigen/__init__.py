"""ffigen's Python side: the setuptools plugin that builds modules declared in
pyproject.toml (``[[tool.ffigen.module]]``) or setup.py (``ffigen_modules=``)
with the ``ffigen`` executable, and ``python3 -m ffigen.import_cffi``, which
turns a CFFI build script into those declarations.

The package is pure Python and needs only the standard library (and
setuptools, for the plugin); the compiler itself is the ``ffigen`` program.
"""
