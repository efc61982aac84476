"""The README's examples are the tested files: each fenced block that
follows a `<!-- file: PATH -->` line must be PATH's text exactly.
usage: readme_examples.py SOURCE_DIR"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
readme = (root / "README.md").read_text()
blocks = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", readme, re.S)
assert blocks, "no <!-- file: --> blocks in README.md"
stale = [path for path, text in blocks if (root / path).read_text() != text]
if stale:
    sys.exit("README.md's copy differs from: " + ", ".join(stale))
print(f"readme_examples: {len(blocks)} blocks match their files")
