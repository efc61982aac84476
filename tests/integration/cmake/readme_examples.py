"""The README's "### CMake" and "### Make" sections show examples/cmake's
CMakeLists.txt and examples/make's Makefile, which the other tests here
build: check that each block is the file, byte for byte.
    readme_examples.py SOURCE_DIR"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
readme = (root / "README.md").read_text()
failed = False
for heading, lang, path in [("### CMake", "cmake", "examples/cmake/CMakeLists.txt"),
                            ("### Make", "make", "examples/make/Makefile")]:
    section = readme.split("\n" + heading + "\n", 1)[-1]
    block = re.search(r"^```" + lang + r"\n(.*?)^```$", section, re.S | re.M)
    if not block or block.group(1) != (root / path).read_text():
        print(f"FAIL: the first ```{lang} block under {heading} in README.md is not {path}")
        failed = True
    else:
        print(f"ok: README.md {heading} shows {path}")
sys.exit(failed)
