"""Builds the gleaner Rust library with cargo and puts it inside the Python package."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
LIB_NAMES = {"linux": "libgleaner.so", "darwin": "libgleaner.dylib", "win32": "gleaner.dll"}


def crate_root() -> Path:
    """The Rust workspace: $GLEANER_SOURCE_DIR, else two levels up (bindings/python)."""
    env = os.environ.get("GLEANER_SOURCE_DIR")
    root = Path(env) if env else HERE.parent.parent
    if not (root / "Cargo.toml").exists():
        sys.exit(f"gleaner: no Cargo.toml in {root}; set GLEANER_SOURCE_DIR to the crate")
    return root


class BuildWithCargo(build_py):
    def run(self):
        root = crate_root()
        # the C library's crate (bindings/c) builds libgleaner
        subprocess.check_call(
            ["cargo", "build", "--release", "-p", "gleaner-c", "--lib"], cwd=root
        )
        target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
        name = LIB_NAMES.get(sys.platform, "libgleaner.so")
        super().run()
        dest = Path(self.build_lib) / "gleaner"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target / "release" / name, dest / name)


class BinaryDistribution(Distribution):
    """The wheel holds a native library, so it is platform-specific."""

    def has_ext_modules(self):
        return True


try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools older than 70.1
    from wheel.bdist_wheel import bdist_wheel


class AnyPython3Wheel(bdist_wheel):
    """Tagged py3-none-<platform>: the package loads the library with ctypes and holds
    no Python extension, so one wheel serves every Python 3 on its platform."""

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    cmdclass={"build_py": BuildWithCargo, "bdist_wheel": AnyPython3Wheel},
    distclass=BinaryDistribution,
)
