"""Reference coefficients for pipeline/ml/models/linear/linear.test.ts, computed once with
Debian's scikit-learn (`/usr/bin/python3 bench/linear-models-reference.py`); the test stores
the printed numbers and never calls Python.

Each problem is standardised as the test does it (population mean and std in float64, then
rounded to float32, which is what the engine's feature matrix holds), so both sides fit the
same numbers. The logistic fits use scikit-learn's Newton solvers: its lbfgs stops on a relative
objective change of 64·eps (ftol, not settable) about 1e-4 short of the optimum in the coefficients."""
import json
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge

DATASETS = "public/datasets/"
RIDGE_FEATURES = [
    "mean_texture", "mean_smoothness", "mean_compactness", "mean_concavity", "mean_concave_points",
    "mean_symmetry", "mean_fractal_dimension", "texture_error", "area_error", "smoothness_error",
]


def read(name):
    with open(DATASETS + name) as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    return header, rows


def standardised(columns):
    X = np.array(columns, dtype=np.float64).T
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return ((X - mean) / std).astype(np.float32).astype(np.float64)


def numbers(values):
    return [float(f"{v:.12g}") for v in np.ravel(values)]


header, rows = read("breast_cancer.csv")
col = {name: i for i, name in enumerate(header)}
ridge_X = standardised([[float(r[col[f]]) for r in rows] for f in RIDGE_FEATURES])
# A large-scale target (around 650,000) like house prices, where gradient descent from zero fails.
ridge_y = np.array([float(r[col["mean_area"]]) * 1000 for r in rows])
out = {}
for alpha in (1.0, 0.0):
    model = Ridge(alpha=alpha, solver="cholesky").fit(ridge_X, ridge_y)
    out[f"ridge_alpha_{alpha:g}"] = {"coef": numbers(model.coef_), "intercept": numbers([model.intercept_])}

features = [h for h in header if h != "diagnosis"]
binary_X = standardised([[float(r[col[f]]) for r in rows] for f in features])
binary_y = np.array([1 if r[col["diagnosis"]] == sorted({r[col["diagnosis"]] for r in rows})[1] else 0 for r in rows])
model = LogisticRegression(C=1.0, tol=1e-12, max_iter=100_000, solver="newton-cholesky").fit(binary_X, binary_y)
out["binary_logistic"] = {"coef": numbers(model.coef_), "intercept": numbers(model.intercept_)}

header, rows = read("iris.csv")
col = {name: i for i, name in enumerate(header)}
iris_X = standardised([[float(r[col[f]]) for r in rows] for f in header if f != "species"])
names = sorted({r[col["species"]] for r in rows})
iris_y = np.array([names.index(r[col["species"]]) for r in rows])
# newton-cholesky is binary-only in 1.2; newton-cg reaches the optimum too (it warns after max_iter while at a gradient of ~1e-9).
model = LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000, solver="newton-cg", multi_class="multinomial").fit(iris_X, iris_y)
# Softmax intercepts are defined up to a shared constant; both sides report them centred.
out["multinomial_logistic"] = {"coef": numbers(model.coef_), "intercept": numbers(model.intercept_ - model.intercept_.mean())}
for name, values in out.items():
    print(f"{name}: {json.dumps(values)}")
