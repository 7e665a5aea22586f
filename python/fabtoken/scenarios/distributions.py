"""Distributions of an uncertain input, for Monte Carlo.

    Uniform(1.6, 2.2)                       # every value in [low, high] equally likely
    Triangular(600, 735, 800)               # low, most likely, high
    Pert(1.6, 1.9, 2.4)                     # like Triangular, smoother and less weight in the tails
    Normal(1.9, 0.1)                        # mean and standard deviation
    Normal(0.9, 0.05).truncated(0.0, 1.0)   # redrawn until inside [low, high]
    LogNormal(1.9, 0.1)                     # median and the standard deviation of the log
    Fixed(1.25)                             # no uncertainty

Each is a frozen dataclass that checks its parameters when made, and has `sample(rng, n)` (n draws
from a numpy Generator) and the closed-form `mean` and `sd` of the distribution (not of a sample).

Draws are not clipped to an input's valid range: a Normal throughput can come out negative, and
`ft.batch.evaluate` then refuses that scenario, naming the input and the scenario's index. Bound such
inputs with `Normal(...).truncated(low, high)` (or use a bounded distribution) rather than clipping,
which would pile probability on the bounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

# A truncated Normal draws until it has enough values inside its bounds; below this share of the
# Normal's probability inside the bounds that would take too many draws, so it is refused.
_LEAST_MASS_INSIDE = 1e-6


@runtime_checkable
class Distribution(Protocol):
    """What Monte Carlo needs of a distribution; the classes below are the built-in ones."""

    @property
    def mean(self) -> float: ...

    @property
    def sd(self) -> float: ...

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray: ...


def _number(owner: str, name: str, value: object) -> float:
    """A parameter as a finite float; the error names the distribution, the parameter and the value."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{owner}: {name} must be a real number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{owner}: {name} must be a finite number, got {number!r}")
    return number


def _draws(n: object) -> int:
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n (the number of draws) must be a whole number, got {n!r}")
    if n < 1:
        raise ValueError(f"n (the number of draws) must be at least 1, got {n}")
    return int(n)


def _low_mode_high(owner: str, low: object, mode: object, high: object) -> None:
    lo, mo, hi = _number(owner, "low", low), _number(owner, "mode", mode), _number(owner, "high", high)
    if not hi > lo:
        raise ValueError(f"{owner}: high must be greater than low ({lo!r}), got {hi!r}")
    if not lo <= mo <= hi:
        raise ValueError(f"{owner}: mode must lie in [low, high] = [{lo!r}, {hi!r}], got {mo!r}")


def _phi(x: float) -> float:
    """The standard normal density."""
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def _cdf(x: float) -> float:
    """The standard normal distribution function."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


@dataclass(frozen=True)
class Fixed:
    """One value, every draw."""

    value: float

    def __post_init__(self) -> None:
        _number("Fixed", "value", self.value)

    @property
    def mean(self) -> float:
        return float(self.value)

    @property
    def sd(self) -> float:
        return 0.0

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.full(_draws(n), float(self.value))


@dataclass(frozen=True)
class Uniform:
    """Every value in [low, high] equally likely; mean (low + high) / 2, sd (high - low) / sqrt(12)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        lo, hi = _number("Uniform", "low", self.low), _number("Uniform", "high", self.high)
        if not hi > lo:
            raise ValueError(f"Uniform: high must be greater than low ({lo!r}), got {hi!r}")

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2.0

    @property
    def sd(self) -> float:
        return (self.high - self.low) / math.sqrt(12.0)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, _draws(n))


@dataclass(frozen=True)
class Triangular:
    """The triangle from low up to mode (the most likely value) and down to high; mean (low + mode + high) / 3."""

    low: float
    mode: float
    high: float

    def __post_init__(self) -> None:
        _low_mode_high("Triangular", self.low, self.mode, self.high)

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3.0

    @property
    def sd(self) -> float:
        a, c, b = self.low, self.mode, self.high
        return math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.triangular(self.low, self.mode, self.high, _draws(n))


@dataclass(frozen=True)
class Pert:
    """The (modified) PERT distribution: a Beta distribution stretched over [low, high] with its peak at
    mode; `lamb` weighs the mode (4 is the classic PERT). Mean (low + lamb * mode + high) / (lamb + 2)."""

    low: float
    mode: float
    high: float
    lamb: float = 4.0

    def __post_init__(self) -> None:
        _low_mode_high("Pert", self.low, self.mode, self.high)
        if not _number("Pert", "lamb", self.lamb) > 0:
            raise ValueError(f"Pert: lamb (the weight of the mode) must be positive, got {self.lamb!r}")

    @property
    def mean(self) -> float:
        return (self.low + self.lamb * self.mode + self.high) / (self.lamb + 2.0)

    @property
    def sd(self) -> float:
        return math.sqrt((self.mean - self.low) * (self.high - self.mean) / (self.lamb + 3.0))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        span = self.high - self.low
        alpha = 1.0 + self.lamb * (self.mode - self.low) / span
        beta = 1.0 + self.lamb * (self.high - self.mode) / span
        return self.low + span * rng.beta(alpha, beta, _draws(n))


@dataclass(frozen=True)
class Normal:
    """The normal distribution of the given mean and standard deviation, unbounded: see `truncated`."""

    mean: float
    sd: float

    def __post_init__(self) -> None:
        _number("Normal", "mean", self.mean)
        if not _number("Normal", "sd", self.sd) > 0:
            raise ValueError(f"Normal: sd must be positive, got {self.sd!r} (for no uncertainty use Fixed)")

    def truncated(self, low: float = -math.inf, high: float = math.inf) -> TruncatedNormal:
        """This Normal restricted to [low, high]: draws outside are redrawn (not clipped)."""
        return TruncatedNormal(self.mean, self.sd, low, high)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.normal(self.mean, self.sd, _draws(n))


@dataclass(frozen=True)
class TruncatedNormal:
    """A Normal(loc, scale) conditioned to [low, high] (either bound may be infinite): a draw outside is
    drawn again. `loc` and `scale` are the mean and sd of the Normal before truncation; `mean` and `sd`
    are those of the truncated distribution."""

    loc: float
    scale: float
    low: float = -math.inf
    high: float = math.inf

    def __post_init__(self) -> None:
        Normal(self.loc, self.scale)  # the same checks, with the same messages
        for name, bound in (("low", self.low), ("high", self.high)):
            if isinstance(bound, (bool, np.bool_)) or not isinstance(bound, (int, float, np.integer, np.floating)):
                raise TypeError(f"TruncatedNormal: {name} must be a real number (or an infinity), got {bound!r}")
            if math.isnan(bound):
                raise ValueError(f"TruncatedNormal: {name} must be a number or an infinity, got nan")
        if not self.high > self.low:
            raise ValueError(f"TruncatedNormal: high must be greater than low ({self.low!r}), got {self.high!r}")
        if self._mass_inside() < _LEAST_MASS_INSIDE:
            raise ValueError(f"TruncatedNormal: [low, high] = [{self.low!r}, {self.high!r}] holds only "
                             f"{self._mass_inside():.3g} of Normal({self.loc!r}, {self.scale!r}); expected bounds "
                             f"holding at least {_LEAST_MASS_INSIDE:g} of it")

    def _standard_bounds(self) -> tuple[float, float]:
        return (self.low - self.loc) / self.scale, (self.high - self.loc) / self.scale

    def _mass_inside(self) -> float:
        alpha, beta = self._standard_bounds()
        return _cdf(beta) - _cdf(alpha)

    @property
    def mean(self) -> float:
        alpha, beta = self._standard_bounds()
        return self.loc + self.scale * (_phi(alpha) - _phi(beta)) / self._mass_inside()

    @property
    def sd(self) -> float:
        alpha, beta = self._standard_bounds()
        mass = self._mass_inside()
        # x * phi(x) is 0 at an infinite bound
        a_phi = alpha * _phi(alpha) if math.isfinite(alpha) else 0.0
        b_phi = beta * _phi(beta) if math.isfinite(beta) else 0.0
        shift = (_phi(alpha) - _phi(beta)) / mass
        return self.scale * math.sqrt(max(0.0, 1.0 + (a_phi - b_phi) / mass - shift * shift))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        wanted = _draws(n)
        kept = np.empty(0)
        while kept.size < wanted:
            # draw enough that one round usually suffices
            batch = int(1.2 * (wanted - kept.size) / self._mass_inside()) + 16
            draws = rng.normal(self.loc, self.scale, batch)
            kept = np.concatenate([kept, draws[(draws >= self.low) & (draws <= self.high)]])
        return kept[:wanted]


@dataclass(frozen=True)
class LogNormal:
    """exp of a Normal, parametrized by its `median` (> 0) and `sigma`, the standard deviation of its
    natural log: X = median * exp(sigma * Z). Mean median * exp(sigma^2 / 2). Always positive.
    `LogNormal.from_mean_sd(mean, sd)` builds one from the mean and sd of X itself."""

    median: float
    sigma: float

    def __post_init__(self) -> None:
        if not _number("LogNormal", "median", self.median) > 0:
            raise ValueError(f"LogNormal: median must be positive, got {self.median!r}")
        if not _number("LogNormal", "sigma", self.sigma) > 0:
            raise ValueError(f"LogNormal: sigma (the sd of the log) must be positive, got {self.sigma!r}")

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float) -> LogNormal:
        """The LogNormal whose values have this mean and standard deviation (both positive):
        sigma^2 = ln(1 + sd^2 / mean^2), median = mean / sqrt(1 + sd^2 / mean^2)."""
        if not _number("LogNormal.from_mean_sd", "mean", mean) > 0:
            raise ValueError(f"LogNormal.from_mean_sd: mean must be positive, got {mean!r}")
        if not _number("LogNormal.from_mean_sd", "sd", sd) > 0:
            raise ValueError(f"LogNormal.from_mean_sd: sd must be positive, got {sd!r}")
        spread = 1.0 + (sd / mean) ** 2
        return cls(mean / math.sqrt(spread), math.sqrt(math.log(spread)))

    @property
    def mean(self) -> float:
        return self.median * math.exp(self.sigma**2 / 2.0)

    @property
    def sd(self) -> float:
        return self.mean * math.sqrt(math.expm1(self.sigma**2))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.median * np.exp(self.sigma * rng.standard_normal(_draws(n)))


__all__ = ["Distribution", "Fixed", "LogNormal", "Normal", "Pert", "Triangular", "TruncatedNormal", "Uniform"]
