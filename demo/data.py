"""Synthetic data sets for the catalogue, generated from a seed (no downloads)."""

import numpy as np


def rng(seed):
    return np.random.default_rng(seed)


def blobs(n, classes, dim, seed, spread=1.0, separation=3.0):
    """Gaussian blobs: `classes` clusters in `dim` dimensions; labels are int32 class ids."""
    r = rng(seed)
    centers = r.normal(0.0, separation, size=(classes, dim))
    y = r.integers(0, classes, size=n)
    x = centers[y] + r.normal(0.0, spread, size=(n, dim))
    return x.astype("float32"), y.astype("int32")


def spirals(n, arms, seed, noise=0.15, turns=1.5):
    """Interleaved 2-D spirals, one per class: not linearly separable, learnable by a small MLP."""
    r = rng(seed)
    y = r.integers(0, arms, size=n)
    t = r.uniform(0.05, 1.0, size=n)
    angle = 2 * np.pi * (turns * t + y / arms)
    x = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1)
    x = x * 2.0 + r.normal(0.0, noise * t[:, None], size=(n, 2))
    return x.astype("float32"), y.astype("int32")


def checkerboard(n, seed, cells=3):
    """Points in [-1, 1]^2 labelled by the colour of a `cells` x `cells` checkerboard."""
    r = rng(seed)
    x = r.uniform(-1.0, 1.0, size=(n, 2))
    ix = np.floor((x + 1.0) / 2.0 * cells).astype(int)
    y = (ix[:, 0] + ix[:, 1]) % 2
    return x.astype("float32"), y.astype("int32")


def tabular(n, seed):
    """A house-price-like table: 6 standardized features and a smooth nonlinear target.

    Returns (x, y, raw_scale): `raw_scale` holds the per-feature scale and offset that turn the
    standardized features back into raw units (areas in m^2, prices in dollars, ...).
    """
    r = rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    y = (
        1.5 * z[:, 0]
        - 1.0 * z[:, 1] * z[:, 2]
        + np.sin(2.0 * z[:, 3])
        + 0.5 * z[:, 4] ** 2
        + 0.3 * r.normal(size=n)
    )
    scale = np.array([40.0, 12.0, 25000.0, 3.0, 150000.0, 0.2])
    offset = np.array([120.0, 35.0, 60000.0, 4.0, 400000.0, 0.5])
    return z.astype("float32"), y.astype("float32"), (scale, offset)


SHAPE_NAMES = ("square", "cross", "ring", "bar")


def shapes(n, seed, size=16, noise=0.1):
    """Small grayscale images, values in [0, 1], of one of four shapes at a random place.

    Returns (images [n, size, size, 1], class ids, area in pixels of the drawn shape).
    """
    r = rng(seed)
    images = np.zeros((n, size, size), dtype="float32")
    labels = r.integers(0, len(SHAPE_NAMES), size=n)
    areas = np.zeros(n, dtype="float32")
    yy, xx = np.mgrid[0:size, 0:size]
    for i in range(n):
        half = r.integers(2, size // 4 + 1)
        cy, cx = r.integers(half + 1, size - half - 1, size=2)
        kind = labels[i]
        if kind == 0:
            mask = (np.abs(yy - cy) <= half) & (np.abs(xx - cx) <= half)
        elif kind == 1:
            mask = ((np.abs(yy - cy) <= half) & (np.abs(xx - cx) <= 0)) | (
                (np.abs(xx - cx) <= half) & (np.abs(yy - cy) <= 0)
            )
        elif kind == 2:
            d = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
            mask = (d <= half + 0.5) & (d >= half - 0.7)
        else:
            if r.random() < 0.5:
                mask = (np.abs(yy - cy) <= 0) & (np.abs(xx - cx) <= half + 1)
            else:
                mask = (np.abs(xx - cx) <= 0) & (np.abs(yy - cy) <= half + 1)
        images[i][mask] = 1.0
        areas[i] = mask.sum()
    images = images + r.normal(0.0, noise, size=images.shape).astype("float32")
    return np.clip(images, 0.0, 1.0)[..., None], labels.astype("int32"), areas


def waves(n, seed, length=30, classes=4, noise=0.3):
    """Noisy sine sequences [n, length, 1] whose frequency (one of `classes`) is the label."""
    r = rng(seed)
    y = r.integers(0, classes, size=n)
    freq = 0.5 + y * 0.6
    phase = r.uniform(0, 2 * np.pi, size=n)
    t = np.arange(length)[None, :] * 0.35
    x = np.sin(freq[:, None] * t + phase[:, None]) + r.normal(0.0, noise, size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def first_sign(n, seed, length=30):
    """Sequences of noise whose label is the sign of the first element: needs long memory."""
    r = rng(seed)
    x = r.normal(0.0, 1.0, size=(n, length, 1))
    y = (x[:, 0, 0] > 0).astype("int32")
    return x.astype("float32"), y


def sensor(n, seed, length=24):
    """A sensor's readings (random walk + daily cycle); the target is the next reading.

    Returns standardized (x [n, length, 1], y [n]) and the raw unit scale/offset.
    """
    r = rng(seed)
    phase = r.uniform(0, 2 * np.pi, size=n)
    t = np.arange(length + 1)[None, :]
    walk = np.cumsum(r.normal(0.0, 0.08, size=(n, length + 1)), axis=1)
    series = np.sin(2 * np.pi * t / 12.0 + phase[:, None]) + walk
    x, y = series[:, :length], series[:, length]
    return x[..., None].astype("float32"), y.astype("float32")
