# The setup.py form of ../project/pyproject.toml's [[tool.ffigen.module]] tables.
from setuptools import setup

setup(
    name="pkg",
    version="1.0",
    packages=["pkg"],
    ffigen_modules=[
        {"name": "pkg._geo", "cdef": "src/geo.cdef", "source": "src/geo_prelude.h"},
        {
            "name": "pkg._foo",
            "cdef": "src/foo.cdef",
            "source": "src/foo_prelude.h",
            "libraries": ["m"],
            "include_dirs": ["src/include"],
            "define_macros": [("FOO_SCALE", "3"), ("FOO_OFFSET", "1")],
            "sources": ["src/foo_impl.c"],
            "extra_compile_args": ["-Wall"],
            "includes": ["pkg._geo=src/geo.cdef"],
        },
    ],
)
