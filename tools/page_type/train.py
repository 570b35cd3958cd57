#!/usr/bin/env python3
"""Trains gleaner's page-type model and writes src/page_type/model.rs.

The model is a multinomial logistic regression over the features gleaner computes for a page
(src/page_type/features.rs). It learns on one half of a corpus split by domain (half A of
wcxb-dev) and reports its agreement on both halves, so that the half it never saw shows how
it does on other sites.

    gleaner eval --page-type-features features.tsv ../shared/corpus/wcxb-dev
    gleaner eval --page-type-features articles.tsv corpus/scrapinghub corpus/readability
    python3 tools/page_type/train.py features.tsv --extra articles.tsv=article

The extra tables (pages of one known type, from corpora that do not label types; the two
article corpora here) join the pages it learns on.

Needs numpy (pip install numpy). Deterministic: the same table gives the same weights.
"""
import argparse
import pathlib
import sys
import zlib

import numpy as np

TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
HERE = pathlib.Path(__file__).resolve().parent
# the strengths of the L2 penalty tried by cross-validation, on features of unit spread
L2_GRID = (0.003, 0.01, 0.03, 0.06)
MODEL_RS = HERE.parent.parent / "src" / "page_type" / "model.rs"


def site_number(row):
    """The row's site as a number (its id where the table names no site). The folds of the
    cross-validation go by site, as the halves do: the pages of one site share their
    template, and a fold must not learn it from its test pages."""
    return zlib.crc32((row[1] if row[1] != "-" else row[0]).encode())


def load(path):
    """The table: feature names, then per row its features, type, half, whether the URL
    was given, and its site."""
    lines = pathlib.Path(path).read_text().splitlines()
    names = lines[0].split("\t")[5:]
    rows = [l.split("\t") for l in lines[1:]]
    rows = [r for r in rows if r[4] in TYPES]
    x = np.array([[float(v) for v in r[5:]] for r in rows])
    y = np.array([TYPES.index(r[4]) for r in rows])
    half = np.array([r[2] for r in rows])
    given = np.array([r[3] == "1" for r in rows])
    site = np.array([site_number(r) for r in rows])
    return names, x, y, half, given, site


def train(x, y, l2, epochs=3000, rate=0.5):
    """Full-batch gradient descent on the mean cross-entropy plus l2/2 * |W|^2. There is no
    bias: every feature is 0 on a page that gives no signal (a flag not raised, a count of
    none, a share of nothing), where every type then scores 0 and the article, first, wins.
    A type is chosen only on evidence for it."""
    n, d = x.shape
    k = len(TYPES)
    w = np.zeros((d, k))
    b = np.zeros(k)
    onehot = np.eye(k)[y]
    for _ in range(epochs):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / n
        w -= rate * (x.T @ g + l2 * w)
    return w, b


def predict(x, w, b):
    return np.argmax(x @ w + b, axis=1)


def cross_validate(x, y, site, l2, folds=5):
    """Agreement over `folds` folds of sites (the rows of a site in the same fold)."""
    right = 0
    for f in range(folds):
        test = site % folds == f
        w, b = train(x[~test], y[~test], l2)
        right += int((predict(x[test], w, b) == y[test]).sum())
    return right / len(y)


def write_model(names, w, b, l2, agreement):
    rows = []
    for name, wi in zip(names, w):
        cells = ", ".join(f"{v:.4}" for v in wi)
        rows.append(f"    // {name}\n    [{cells}],")
    MODEL_RS.write_text(
        f"""//! The page-type model's weights: a multinomial logistic regression over the features of
//! [`super::features()`], learned offline by `tools/page_type/train.py` on half A of the
//! wcxb-dev corpus (features scaled to unit spread, L2 {l2}). Agreement with the corpus's
//! labels: {agreement}.
//! Generated: do not edit by hand; run the script again after changing the features.

use super::features::N;

/// Per feature, its weight for each type, in the order of [`super::PageType::ALL`]. Learned
/// numbers: one may come near a mathematical constant by chance.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
pub(super) const WEIGHTS: [[f32; 7]; N] = [
{chr(10).join(rows)}
];
"""
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("features", help="the table `gleaner eval --page-type-features` writes")
    ap.add_argument("--half", default="A", help="the half to learn on (default A)")
    ap.add_argument("--extra", action="append", default=[], metavar="TABLE=TYPE",
                    help="a table of pages all of TYPE, learned on too")
    ap.add_argument("--dry-run", action="store_true", help="print the agreement, write nothing")
    args = ap.parse_args()
    names, x, y, half, given, site = load(args.features)
    for extra in args.extra:
        path, kind = extra.rsplit("=", 1)
        lines = pathlib.Path(path).read_text().splitlines()
        rows = [l.split("\t") for l in lines[1:]]
        ex = np.array([[float(v) for v in r[5:]] for r in rows])
        x = np.vstack([x, ex])
        y = np.concatenate([y, np.full(len(rows), TYPES.index(kind))])
        half = np.concatenate([half, np.full(len(rows), "extra")])
        given = np.concatenate([given, np.array([r[3] == "1" for r in rows])])
        site = np.concatenate([site, np.array([site_number(r) for r in rows])])
    # every page of the half (and the extra pages), with its URL and without: callers do not
    # always know it
    learn = (half == args.half) | (half == "extra")
    # each feature divided by its spread on the pages learned on, so that one L2 penalty
    # weighs them alike (a flag and a count of headings differ in range); the weights
    # written are for the features as gleaner computes them (w / scale): the same model,
    # since it has no bias
    scale = x[learn].std(axis=0)
    scale[scale == 0] = 1.0
    z = x / scale
    best = max((cross_validate(z[learn], y[learn], site[learn], l2), l2) for l2 in L2_GRID)
    l2 = best[1]
    print(f"5-fold agreement on half {args.half}: {best[0]:.3f} with L2 {l2}")
    w, b = train(z[learn], y[learn], l2)
    w = w / scale[:, None]
    parts = []
    for h in ("A", "B"):
        for g, what in ((True, "with its URL"), (False, "without")):
            m = (half == h) & (given == g)
            acc = float((predict(x[m], w, b) == y[m]).mean())
            parts.append(f"half {h} {what} {acc:.1%}")
            print(f"agreement on half {h}, {what}: {acc:.3f} ({int(m.sum())} pages)")
    if not args.dry_run:
        write_model(names, w, b, l2, ",\n//! ".join(parts))
        print(f"wrote {MODEL_RS}")


if __name__ == "__main__":
    sys.exit(main())
