"""Exports scikit-learn's bundled tables (the files python3-sklearn ships; no download) as JSON for
`npm run bench:tables` (bench/tables.ts), which writes them in the awkward forms users bring.

    /usr/bin/python3 bench/tables/export_sklearn.py OUT_DIR

One OUT_DIR/NAME.json per table: {"name", "features": [names], "rows": [[numbers]], "target": [values],
"targetNames": [class names] or null, "task"}. Diabetes is the unscaled one (age in years, sex 1/2, ...).
"""
import json
import os
import sys

from sklearn import datasets


def export(out, name, bunch, task, class_names=True):
    rows = bunch.data.tolist()
    target = bunch.target.tolist()
    names = [str(n) for n in bunch.target_names] if task == 'classification' and class_names else None
    with open(os.path.join(out, f'{name}.json'), 'w') as f:
        json.dump({'name': name, 'features': [str(n) for n in bunch.feature_names], 'rows': rows, 'target': target,
                   'targetNames': names, 'task': task}, f)


def main():
    out = sys.argv[1]
    export(out, 'iris', datasets.load_iris(), 'classification')
    export(out, 'wine', datasets.load_wine(), 'classification')
    export(out, 'breast_cancer', datasets.load_breast_cancer(), 'classification')
    export(out, 'digits', datasets.load_digits(), 'classification', class_names=False)
    export(out, 'diabetes', datasets.load_diabetes(scaled=False), 'regression')


if __name__ == '__main__':
    main()
