"""scikit-learn's MLPClassifier / MLPRegressor with their defaults, as the accuracy and fit-time peer of
`npm run bench` (the large table) and `npm run bench:tables`.

    /usr/bin/python3 bench/peers/sklearn_mlp.py npy PREFIX [--seed S]
    /usr/bin/python3 bench/peers/sklearn_mlp.py csv JOBS.json

npy: PREFIX-{train,test}-{x,y}.npy as bench/big-table.ts writes them (float32 features, uint8 classes).
StandardScaler fitted on the training rows, then MLPClassifier() with its defaults (100 ReLU units,
Adam 0.001, alpha 1e-4, batch min(200, rows), up to 200 epochs, stopping when the training loss stalls)
and random_state=S. Prints one JSON line: {"fitSeconds", "testAcc", "epochs", "sklearn", "blas"};
fitSeconds is the scaler's and the MLP's fit, the loading excluded.

csv: JOBS.json is a list of jobs, {"train", "test", "delimiter", "header", "target" (0-based column),
"drop" (0-based columns left out: an ID, a name, a date), "missing" (the cell texts that mean missing),
"task" ("classification" | "regression"), "seed"}. Each file is read with Python's csv module (quoted
cells, the given delimiter); a column is numeric when every non-missing training cell is a number, and
categorical otherwise. Rows without a target are dropped (from both files). The pipeline, fitted on the
training file only: SimpleImputer(median) + StandardScaler for numbers, SimpleImputer(most_frequent) +
OneHotEncoder(handle_unknown='ignore') for categories, then MLPClassifier() / MLPRegressor() with their
defaults and random_state=seed. Prints one JSON line a job: {"fitSeconds", "score" (test accuracy, or
R²), "epochs", "rows", "testRows", "numeric", "categorical"}; a regression also "scoreScaledTarget", the
R² of the same pipeline with its target standardised too (TransformedTargetRegressor), for reference.
"""
import csv
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.base import clone
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings('ignore', category=ConvergenceWarning)


def blas():
    libs = sorted({ln.split()[-1] for ln in open('/proc/self/maps') if 'blas' in ln.lower() and '.so' in ln})
    return [x for x in libs if 'libopenblas' in x] or libs


def run_npy(prefix, seed):
    xtr, ytr = np.load(f'{prefix}-train-x.npy'), np.load(f'{prefix}-train-y.npy').astype(np.int64)
    xte, yte = np.load(f'{prefix}-test-x.npy'), np.load(f'{prefix}-test-y.npy').astype(np.int64)
    model = make_pipeline(StandardScaler(), MLPClassifier(random_state=seed))
    t0 = time.perf_counter()
    model.fit(xtr, ytr)
    seconds = time.perf_counter() - t0
    acc = float(model.score(xte, yte))
    print(json.dumps({'fitSeconds': seconds, 'testAcc': acc, 'epochs': int(model[-1].n_iter_), 'sklearn': sklearn.__version__, 'blas': blas()}))


def read_rows(path, job):
    with open(path, newline='', encoding='utf-8') as f:
        rows = [r for r in csv.reader(f, delimiter=job['delimiter']) if any(c.strip() for c in r)]
    return rows[1:] if job['header'] else rows


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def run_job(job):
    missing = set(job['missing'])
    train, test = read_rows(job['train'], job), read_rows(job['test'], job)
    width = len(train[0])
    target = job['target']
    is_missing = lambda c: c.strip() in missing
    train = [r for r in train if not is_missing(r[target])]
    test = [r for r in test if not is_missing(r[target])]
    features = [j for j in range(width) if j != target and j not in job['drop']]
    numeric = [j for j in features if all(is_missing(r[j]) or number(r[j].strip()) is not None for r in train)]
    categorical = [j for j in features if j not in numeric]

    def matrix(rows):
        out = np.empty((len(rows), len(features)), dtype=object)
        for i, r in enumerate(rows):
            for k, j in enumerate(features):
                c = r[j].strip()
                if is_missing(c):
                    out[i, k] = np.nan
                elif j in numeric:
                    v = number(c)
                    out[i, k] = np.nan if v is None else v
                else:
                    out[i, k] = c
        return out

    num_at = [features.index(j) for j in numeric]
    cat_at = [features.index(j) for j in categorical]
    pre = ColumnTransformer([
        ('num', Pipeline([('impute', SimpleImputer(strategy='median')), ('scale', StandardScaler())]), num_at),
        ('cat', Pipeline([('impute', SimpleImputer(strategy='most_frequent')), ('onehot', OneHotEncoder(handle_unknown='ignore'))]), cat_at),
    ])
    if job['task'] == 'classification':
        est = MLPClassifier(random_state=job['seed'])
        ytr = np.array([r[target].strip() for r in train], dtype=object)
        yte = np.array([r[target].strip() for r in test], dtype=object)
    else:
        est = MLPRegressor(random_state=job['seed'])
        ytr = np.array([float(r[target]) for r in train])
        yte = np.array([float(r[target]) for r in test])
    Xtr, Xte = matrix(train), matrix(test)
    model = Pipeline([('pre', pre), ('mlp', est)])
    t0 = time.perf_counter()
    model.fit(Xtr, ytr)
    seconds = time.perf_counter() - t0
    score = float(model.score(Xte, yte))  # accuracy (unseen classes count as wrong), or R²
    out = {'fitSeconds': seconds, 'score': score, 'epochs': int(est.n_iter_), 'rows': len(train), 'testRows': len(test),
           'numeric': len(numeric), 'categorical': len(categorical)}
    if job['task'] == 'regression':
        # For reference: the same pipeline with its target standardised too (MLPRegressor fits the raw target).
        scaled = TransformedTargetRegressor(regressor=clone(model), transformer=StandardScaler())
        scaled.fit(Xtr, ytr)
        out['scoreScaledTarget'] = float(scaled.score(Xte, yte))
    return out


def main():
    mode = sys.argv[1]
    if mode == 'npy':
        seed = int(sys.argv[sys.argv.index('--seed') + 1]) if '--seed' in sys.argv else 0
        run_npy(sys.argv[2], seed)
    elif mode == 'csv':
        with open(sys.argv[2]) as f:
            jobs = json.load(f)
        for job in jobs:
            print(json.dumps(run_job(job)), flush=True)
    else:
        sys.exit(f'unknown mode {mode}')


if __name__ == '__main__':
    main()
