"""Shared fixtures: the H200 preset, small preset files in tmp_path, and a forked child for code that
may kill the interpreter.

Every expected number in these tests comes from shared/reference/figures.md section 1 or from a
hand calculation written out beside the assertion; none is pasted from the library's own output.
"""

from __future__ import annotations

import copy
import os
import pickle
import pathlib
import signal
import tempfile
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
from hypothesis import Phase, settings
from hypothesis.configuration import set_hypothesis_home_dir

import fabtoken as ft

# Deterministic, with no example database, and nothing written into the checkout (hypothesis saves
# a patch for each failing example under its home directory); no deadline on a shared machine, and
# no "explain" phase, which takes some 20 s per failing property to vary a failure's inputs.
settings.register_profile("fabtoken", max_examples=100, derandomize=True, database=None, deadline=None,
                           phases=[Phase.explicit, Phase.generate, Phase.shrink])
settings.load_profile("fabtoken")
set_hypothesis_home_dir(pathlib.Path(tempfile.gettempdir()) / "fabtoken-tests-hypothesis")


def pytest_configure(config: pytest.Config) -> None:
    # When a property fails, hypothesis imports libcst to suggest a patch; libcst 1.0 subclasses
    # mypy_extensions.TypedDict, which warns. Under filterwarnings = error that third-party warning
    # would turn the failure into an INTERNALERROR that stops the run.
    config.addinivalue_line("filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

H200 = "h200-deepseek-r1"
H200_TEXT = pathlib.Path(ft.presets.path(H200)).read_text(encoding="utf-8")

# figures.md s1 hand values used by several files (each derivation is written out once, here).
# capex per GPU    = 246,391 / 8                                  = 30,798.875 USD/GPU
# depreciation     = 30,798.875 / (4 x 8,760)                     = 0.8789633 USD/hr/GPU
# colocation       = 110 x 1.35 / 730                             = 0.2034247 USD/hr/GPU
# electricity      = 0.087 x 1.35 x 1.25                          = 0.1468125 USD/hr/GPU
# operating cost   = 0.2034247 + 0.1468125                        = 0.3502372 USD/hr/GPU
# total cost       = 0.8789633 + 0.3502372                        = 1.2292005 USD/hr/GPU
# Mtok per GPU-hr  = 735 x 3,600 / 10^6                           = 2.646
# compute cost     = 1.90 / 2.646                                 = 0.7180650 USD/Mtok
CAPEX_PER_GPU = 30_798.875
DEPRECIATION = 0.8789633
OPERATING_COST = 0.3502372
TOTAL_COST = 1.2292005
MTOK_PER_GPU_HOUR = 2.646
COMPUTE_COST = 0.7180650


# figures.md s2, per MW-year in USD M and margins in %, one tuple per column of its two tables:
# (lab gross revenue, cloud net revenue, cloud EBIT, cloud EBIT margin %, lab gross margin, lab gross margin %)
FIGURES_S2_DEAL = [
    (10, 10, 4, 35, 0, 0),
    (15, 11, 5, 42, 4, 25),
    (20, 13, 6, 48, 8, 38),
    (25, 14, 7, 53, 11, 45),
    (30, 15, 9, 57, 15, 50),
    (35, 16, 10, 60, 19, 54),
    (40, 18, 11, 63, 23, 56),
]


@pytest.fixture
def h200() -> ft.TokenFactory:
    return ft.presets.token_factory(H200)


def preset_text(replace: Mapping[str, str | None] | None = None, extra: str = "") -> str:
    """The H200 preset's text with the line of each parameter in `replace` replaced by its value
    (which may hold several lines) or dropped when the value is None; `extra` is appended."""
    replace = dict(replace or {})
    lines = []
    for line in H200_TEXT.splitlines(keepends=True):
        name = line.split(",", 1)[0]
        if name in replace:
            if replace[name] is not None:
                lines.append(replace[name] + "\n")
        else:
            lines.append(line)
    return "".join(lines) + extra


@pytest.fixture
def write_preset(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """write_preset({"pue": "pue,1.3,ratio,test,2026,"}) -> a path in tmp_path holding the H200
    preset with that line replaced (None drops it); text="..." writes the text as given."""

    def write(replace: Mapping[str, str | None] | None = None, *, text: str | None = None,
              name: str = "preset.csv") -> pathlib.Path:
        path = tmp_path / name
        path.write_text(preset_text(replace) if text is None else text, encoding="utf-8")
        return path

    return write


def value_semantics_tests(values: Mapping[str, tuple[Callable[[], Any], Callable[[], Any]]], *,
                          repr_round_trips: Sequence[str] | None = None) -> dict[str, Callable[..., None]]:
    """The tests every fabtoken value type passes, for `values`: kind -> (a maker of one value, a maker
    of a different value of that kind). A module adopts them with
    `globals().update(value_semantics_tests(VALUES))`. `repr_round_trips` names the kinds whose repr
    evaluates back and whose copies are new objects (all by default)."""
    kinds = list(values)
    repr_kinds = list(repr_round_trips) if repr_round_trips is not None else kinds
    protocols = range(pickle.HIGHEST_PROTOCOL + 1)

    @pytest.mark.parametrize("kind", repr_kinds)
    def test_repr_evaluates_back_to_an_equal_object(kind: str) -> None:
        value = values[kind][0]()
        text = repr(value)
        assert text.startswith(kind + "(")
        assert eval(text, vars(ft)) == value  # noqa: S307 - the repr is the library's own

    @pytest.mark.parametrize("kind", kinds)
    def test_equal_objects_compare_equal_and_hash_alike(kind: str) -> None:
        a, b = values[kind][0](), values[kind][0]()
        assert a == b
        assert not (a != b)
        assert hash(a) == hash(b)
        assert len({a, b}) == 1

    @pytest.mark.parametrize("kind", kinds)
    def test_a_changed_object_compares_unequal(kind: str) -> None:
        make, make_other = values[kind]
        assert make() != make_other()
        assert not (make() == make_other())

    @pytest.mark.parametrize("kind", kinds)
    def test_comparing_with_another_type_is_false_not_an_error(kind: str) -> None:
        value = values[kind][0]()
        assert (value == "something else") is False
        assert (value != 3) is True
        assert value not in [None, 1.0, "x"]

    @pytest.mark.parametrize("kind", repr_kinds)
    @pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
    def test_a_copy_is_an_equal_new_object(kind: str, copier: Callable[[Any], Any]) -> None:
        value = values[kind][0]()
        duplicate = copier(value)
        assert duplicate == value
        assert duplicate is not value
        assert type(duplicate) is type(value)

    @pytest.mark.parametrize("protocol", protocols)
    @pytest.mark.parametrize("kind", kinds)
    def test_pickle_round_trips_over_every_protocol(kind: str, protocol: int) -> None:
        make = values[kind][0]

        def round_trip() -> None:
            value = make()
            restored = pickle.loads(pickle.dumps(value, protocol=protocol))
            assert type(restored) is type(value)
            assert restored == value, f"{restored!r} != {value!r}"

        # In a forked child: a crash of the interpreter fails this case only.
        assert run_in_child(round_trip) == "ok"

    tests = [test_repr_evaluates_back_to_an_equal_object, test_equal_objects_compare_equal_and_hash_alike,
             test_a_changed_object_compares_unequal, test_comparing_with_another_type_is_false_not_an_error,
             test_a_copy_is_an_equal_new_object, test_pickle_round_trips_over_every_protocol]
    return {test.__name__: test for test in tests}


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of `fabtoken argv...` run in this process."""
    from fabtoken import cli

    try:
        code = cli.main(list(argv))
    except SystemExit as leaving:  # argparse leaves through sys.exit
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_in_child(action: Callable[[], object]) -> str:
    """Runs `action` in a forked child, so that a crash of the interpreter fails one test instead of
    killing the test run. Returns "ok", "ExceptionType: message" for an exception, or the signal that killed
    the child."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns that forking a process with threads (numpy's) may deadlock the child;
        # the child here only pickles and reports, taking no lock another thread could hold.
        warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks", category=DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: report through the pipe and leave without running any cleanup
        try:
            os.close(read_end)
            try:
                action()
                outcome = "ok"
            except BaseException as error:  # noqa: BLE001 - everything is reported to the parent
                outcome = f"{type(error).__name__}: {error}"
            os.write(write_end, outcome.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return f"the interpreter was killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return outcome
