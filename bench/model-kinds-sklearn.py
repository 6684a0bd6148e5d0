"""scikit-learn's side of bench/model-kinds.ts: the same table (as the engine parsed it), the same
folds, and preprocessing that does what the model nodes do: numbers imputed with the training
mean, categories one-hot with a missing or unseen value as all zeros, and for logistic regression
and the MLP numbers standardised (trees are unaffected by scaling). Each model with its defaults;
LogisticRegression gets max_iter=1000 so that it converges like ours (its default 100 stops short
on digits), nothing else. Prints per-fold accuracies and fit times as JSON.

Run by the bench: /usr/bin/python3 bench/model-kinds-sklearn.py <problem.json>"""
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# An MLP stopped by max_iter warns on every fold; the bench reports its accuracy either way.
warnings.simplefilter("ignore", ConvergenceWarning)

MODELS = {
    "logistic": (True, lambda seed: LogisticRegression(max_iter=1000)),
    "mlp": (True, lambda seed: MLPClassifier(random_state=seed)),
    "random_forest": (False, lambda seed: RandomForestClassifier(random_state=seed)),
    "gradient_boosting": (False, lambda seed: HistGradientBoostingClassifier(random_state=seed)),
}

problem = json.load(open(sys.argv[1]))
frame = pd.DataFrame({c["name"]: pd.Series(c["values"], dtype="float64" if c["kind"] == "numeric" else "object") for c in problem["columns"]})
numeric = [c["name"] for c in problem["columns"] if c["kind"] == "numeric"]
categorical = [c["name"] for c in problem["columns"] if c["kind"] == "category"]
# A missing category becomes a value outside the training levels, which the encoder ignores (all zeros).
frame[categorical] = frame[categorical].fillna("")
y = np.array(problem["y"])


def preprocessing(train, scale):
    levels = [sorted(v for v in train[name].unique() if v != "") for name in categorical]
    numeric_steps = [SimpleImputer(strategy="mean")] + ([StandardScaler()] if scale else [])
    return ColumnTransformer(
        [("numeric", make_pipeline(*numeric_steps), numeric), ("categorical", OneHotEncoder(categories=levels, handle_unknown="ignore"), categorical)]
    )


out = {}
for name in problem["models"]:
    scale, make = MODELS[name]
    accuracies, seconds, cpu_seconds = [], 0.0, 0.0
    for repeat, folds in enumerate(problem["folds"]):
        folds = np.array(folds)
        for fold in range(problem["k"]):
            train, test = folds != fold, folds == fold
            model = make_pipeline(preprocessing(frame[train], scale), make(repeat * problem["k"] + fold))
            wall, cpu = time.perf_counter(), time.process_time()
            model.fit(frame[train], y[train])
            seconds += time.perf_counter() - wall
            cpu_seconds += time.process_time() - cpu
            accuracies.append(float(np.mean(model.predict(frame[test]) == y[test])))
    out[name] = {"accuracies": accuracies, "seconds": seconds, "cpuSeconds": cpu_seconds}
print(json.dumps(out))
