"""The type stubs shipped with the package describe the compiled module as it is."""

import subprocess
import sys
from pathlib import Path

ALLOWLIST = Path(__file__).with_name("stubtest_allowlist.txt")


def test_stubs_match_the_compiled_module():
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "fabtoken._core", "fabtoken.units", "--allowlist", str(ALLOWLIST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_is_marked_typed():
    import fabtoken

    assert (Path(fabtoken.__file__).parent / "py.typed").is_file()
    assert (Path(fabtoken.__file__).parent / "_core.pyi").is_file()


def test_the_package_type_checks_against_its_own_stubs():
    result = subprocess.run([sys.executable, "-m", "mypy", "-p", "fabtoken"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
