"""Demo item templates for variables (6.EE.C.9) and grade 7 proportional reasoning."""

from __future__ import annotations

import random
from fractions import Fraction

from learnloop.content.demo.builders import (
    Template,
    frac,
    money,
    multiple,
    numeric,
    short_text,
    single,
)
from learnloop.content.drafts import ItemDraft

# 6.EE.C.9 dependent and independent variables ------------------------------------------


def evaluate_rule(rng: random.Random) -> ItemDraft:
    m, b, x = rng.randint(2, 9), rng.randint(0, 12), rng.randint(2, 10)
    return numeric(
        "Use the equation",
        f"A plant is {b} cm tall and grows {m} cm each week, so h = {m}w + {b}. "
        f"How tall is it after {x} weeks?",
        m * x + b,
        [f"Replace w with {x}.", f"{m} × {x} + {b}"],
        f"h = {m} × {x} + {b} = {m * x + b} cm.",
    )


def equation_for_table(rng: random.Random) -> ItemDraft:
    m = rng.randint(2, 9)
    rows = ", ".join(f"({x}, {m * x})" for x in (1, 2, 3, 4))
    return single(
        rng,
        "Equation from a table",
        f"Each pair (x, y) shows hours worked x and dollars earned y: {rows}. Which equation fits?",
        f"y = {m}x",
        [f"x = {m}y", f"y = x + {m}", f"y = {m + 1}x"],
        ["How does y change when x goes up by 1?"],
        f"y is always {m} times x: y = {m}x.",
    )


def independent_variable(rng: random.Random) -> ItemDraft:
    rate = rng.choice([45, 50, 55, 60])
    return short_text(
        "Independent variable",
        f"A car's distance d (miles) after t hours is d = {rate}t. Which letter is the "
        "independent variable?",
        ["t"],
        ["The independent variable is the one you choose; the other depends on it."],
        "You choose the time t; the distance d depends on it. t is independent.",
        difficulty=1,
    )


# 7.RP.A.1 unit rates with fractions ----------------------------------------------------


def complex_rate(rng: random.Random) -> ItemDraft:
    distance = rng.choice([Fraction(1, 2), Fraction(3, 4), Fraction(2, 3), Fraction(1, 3)])
    time = rng.choice([Fraction(1, 4), Fraction(1, 6), Fraction(1, 3), Fraction(1, 2)])
    rate = distance / time
    return numeric(
        "Rate with fractions",
        f"Lena walks {frac(distance)} mile every {frac(time)} hour. How many miles per hour is "
        "that? Give a fraction or a decimal rounded to hundredths.",
        rate,
        ["Miles per hour = miles ÷ hours.", f"{frac(distance)} ÷ {frac(time)}"],
        f"{frac(distance)} ÷ {frac(time)} = {frac(distance)} × {frac(1 / time)} = {frac(rate)} "
        "miles per hour.",
        tolerance="0.005",
        difficulty=3,
    )


def paint_rate(rng: random.Random) -> ItemDraft:
    paint = rng.choice([Fraction(1, 2), Fraction(3, 4), Fraction(2, 3)])
    wall = rng.choice([Fraction(1, 3), Fraction(1, 4), Fraction(3, 8)])
    return numeric(
        "Paint per wall",
        f"{frac(paint)} gallon of paint covers {frac(wall)} of a wall. How many gallons cover a "
        "whole wall? Give a fraction or a decimal rounded to hundredths.",
        paint / wall,
        ["Find gallons for 1 whole wall: gallons ÷ walls."],
        f"{frac(paint)} ÷ {frac(wall)} = {frac(paint / wall)} gallons per wall.",
        tolerance="0.005",
        difficulty=3,
    )


def fraction_rate_pick(rng: random.Random) -> ItemDraft:
    a, b = rng.choice([(1, 2), (1, 3), (2, 3), (3, 4)])
    c, d = rng.choice([(1, 4), (1, 5), (1, 8)])
    rate = Fraction(a, b) / Fraction(c, d)
    return single(
        rng,
        "Which computes the rate?",
        f"A snail crawls {a}/{b} foot in {c}/{d} minute. Which gives feet per minute?",
        f"{a}/{b} ÷ {c}/{d} = {frac(rate)}",
        [
            f"{c}/{d} ÷ {a}/{b} = {frac(1 / rate)}",
            f"{a}/{b} × {c}/{d} = {frac(Fraction(a * c, b * d))}",
        ],
        ["Per minute means divide by the minutes."],
        f"feet ÷ minutes = {a}/{b} ÷ {c}/{d} = {frac(rate)} feet per minute.",
    )


# 7.RP.A.2.a proportional or not --------------------------------------------------------


def proportional_table(rng: random.Random) -> ItemDraft:
    k = rng.randint(2, 7)
    add = rng.randint(1, 5)
    proportional = rng.random() < 0.5
    ys = [k * x + (0 if proportional else add) for x in (1, 2, 3)]
    pairs = ", ".join(f"({x}, {y})" for x, y in zip((1, 2, 3), ys, strict=True))
    return single(
        rng,
        "Proportional?",
        f"Is the relationship with (x, y) pairs {pairs} proportional?",
        "Yes: y ÷ x is the same for every pair" if proportional else "No: y ÷ x changes",
        ["Yes: y ÷ x is the same for every pair", "No: y ÷ x changes"],
        ["Compute y ÷ x for each pair."],
        "y ÷ x = "
        + ", ".join(frac(Fraction(y, x)) for x, y in zip((1, 2, 3), ys, strict=True))
        + ".",
    )


def proportional_pick_all(rng: random.Random) -> ItemDraft:
    k = rng.randint(2, 6)
    return multiple(
        rng,
        "Which are proportional?",
        "Which of these relationships are proportional?",
        [f"y = {k}x", f"Each ticket costs {money(k)}: cost and number of tickets"],
        [f"y = {k}x + 1", f"A taxi charges {money(3)} plus {money(k)} a mile: cost and miles"],
        ["A proportional relationship has a constant ratio and passes through (0, 0)."],
        f"y = {k}x and a fixed price per ticket have a constant ratio; "
        "a fixed extra charge breaks it.",
    )


def constant_of_proportionality(rng: random.Random) -> ItemDraft:
    k = rng.randint(2, 9)
    x = rng.randint(3, 12)
    return numeric(
        "Constant of proportionality",
        f"y is proportional to x. When x = {x}, y = {k * x}. What is y when x = 1?",
        k,
        ["In a proportional relationship y ÷ x is constant."],
        f"{k * x} ÷ {x} = {k}, so y = {k} when x = 1.",
    )


# 7.RP.A.3 multistep percent ------------------------------------------------------------


def sale_price(rng: random.Random) -> ItemDraft:
    price = rng.randint(4, 20) * 5
    off = rng.choice([10, 20, 25, 30, 40])
    final = Fraction(price * (100 - off), 100)
    return numeric(
        "Sale price",
        f"A jacket costs {money(price)}. It is {off}% off. What is the sale price in dollars?",
        final,
        [f"Find {off}% of {money(price)}, then subtract.", f"Or pay {100 - off}% of the price."],
        f"{100 - off}% of {money(price)} = {money(final)}.",
        tolerance="0.005",
    )


def tip_total(rng: random.Random) -> ItemDraft:
    bill = rng.randint(12, 60)
    tip = rng.choice([15, 18, 20])
    total = Fraction(bill * (100 + tip), 100)
    return numeric(
        "Add a tip",
        f"A meal costs {money(bill)}. The family leaves a {tip}% tip. What do they pay in all?",
        total,
        [f"The total is {100 + tip}% of the bill."],
        f"{bill} × {(100 + tip) / 100:g} = {money(total)}.",
        tolerance="0.005",
    )


def percent_change(rng: random.Random) -> ItemDraft:
    before = rng.randint(2, 10) * 20
    pct = rng.choice([10, 25, 50])
    after = before + before * pct // 100
    return single(
        rng,
        "Percent increase",
        f"A club grew from {before} to {after} members. By what percent did it grow?",
        f"{pct}%",
        [f"{after - before}%", f"{pct * 2}%", f"{100 + pct}%"],
        ["percent change = change ÷ original × 100"],
        f"Change {after - before} ÷ {before} = {pct}/100 = {pct}%.",
        difficulty=3,
    )


TEMPLATES: dict[str, list[Template]] = {
    "6.EE.C.9": [evaluate_rule, equation_for_table, independent_variable],
    "7.RP.A.1": [complex_rate, paint_rate, fraction_rate_pick],
    "7.RP.A.2.a": [proportional_table, proportional_pick_all, constant_of_proportionality],
    "7.RP.A.3": [sale_price, tip_total, percent_change],
}
