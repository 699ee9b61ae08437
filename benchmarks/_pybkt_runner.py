"""Fit pyBKT on a three-line train file and predict the test file; prints one JSON line.

Runs inside the benchmark virtualenv (.bench-venv), which has pyBKT built from source,
so it must not import learnloop. Called by benchmarks/kt.py through a subprocess.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import pandas as pd


def read_three_line(path: str, first_student: int) -> pd.DataFrame:
    """The DKT three-line file as the long frame pyBKT expects."""
    with open(path) as handle:
        lines = [line.strip() for line in handle if line.strip()]
    users, skills, answers = [], [], []
    for block in range(len(lines) // 3):
        ids = [v for v in lines[3 * block + 1].split(",") if v.strip()]
        correct = [int(v) for v in lines[3 * block + 2].split(",") if v.strip()]
        users.extend([first_student + block] * len(ids))
        skills.extend(ids)
        answers.extend(correct)
    return pd.DataFrame(
        {
            "order_id": np.arange(len(users)),
            "user_id": users,
            "skill_name": skills,
            "correct": answers,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--num-fits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    from pyBKT.fit import E_step
    from pyBKT.models import Model

    compiled = str(E_step.__file__).endswith(".so")
    train = read_three_line(args.train, 0)
    test = read_three_line(args.test, 10_000_000)
    test = test[test["skill_name"].isin(set(train["skill_name"]))]
    model = Model(seed=args.seed, num_fits=args.num_fits)
    start = time.perf_counter()
    model.fit(data=train)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict(data=test)
    predict_seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "compiled_core": compiled,
                "fit_seconds": fit_seconds,
                "predict_seconds": predict_seconds,
                "correct": predicted["correct"].astype(int).tolist(),
                "p_correct": predicted["correct_predictions"].astype(float).tolist(),
            }
        )
    )


if __name__ == "__main__":
    main()
