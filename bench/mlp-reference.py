"""Reference accuracy for pipeline/ml/models/neural/mlp-defaults.test.ts, computed once with Debian's
scikit-learn (`/usr/bin/python3 bench/mlp-reference.py`); the test stores the printed number and never
calls Python.

digits, every fifth row (0, 5, 10, …) held out, the rest standardised with their own mean and population
standard deviation (a constant column keeps scale 1), as the test does it; MLPClassifier with its defaults,
mean held-out accuracy over random_state 0..4."""
import numpy as np
from sklearn.neural_network import MLPClassifier

with open("public/datasets/digits.csv") as f:
    header = f.readline().strip().split(",")
    rows = np.array([[float(v) for v in line.strip().split(",")] for line in f if line.strip()])
label = header.index("digit")
X = np.delete(rows, label, axis=1)
y = rows[:, label].astype(int)
test = np.arange(len(y)) % 5 == 0
mean = X[~test].mean(axis=0)
std = X[~test].std(axis=0)
std[std < 1e-6] = 1
X = (X - mean) / std
scores = [MLPClassifier(random_state=seed).fit(X[~test], y[~test]).score(X[test], y[test]) for seed in range(5)]
print(f"MLPClassifier on digits, every fifth row held out: {np.mean(scores):.4f} (seeds 0..4: {', '.join(f'{s:.4f}' for s in scores)})")
