"""Demo item templates for grade 6 ratios: ratio language, unit rates, tables, percents, units."""

from __future__ import annotations

import random
from fractions import Fraction

from learnloop.content.demo.builders import (
    Template,
    frac,
    money,
    multiple,
    numeric,
    ratio_forms,
    short_text,
    single,
)
from learnloop.content.drafts import ItemDraft

PAIRS = [("red", "blue"), ("cats", "dogs"), ("girls", "boys"), ("apples", "oranges")]


# 6.RP.A.1 ratio language ---------------------------------------------------------------


def write_ratio(rng: random.Random) -> ItemDraft:
    first, second = rng.choice(PAIRS)
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    return short_text(
        "Write a ratio",
        f"A box holds {a} {first} and {b} {second}. Write the ratio of {second} to {first}, "
        "like 2:5.",
        ratio_forms(b, a),
        [f"“{second} to {first}”: the {second} come first."],
        f"There are {b} {second} for every {a} {first}: {b}:{a}.",
        difficulty=1,
    )


def part_to_whole(rng: random.Random) -> ItemDraft:
    first, second = rng.choice(PAIRS)
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    return single(
        rng,
        "Part to whole",
        f"For every {a} {first} there are {b} {second}. "
        f"What is the ratio of {first} to all of them?",
        f"{a}:{a + b}",
        [f"{a}:{b}", f"{b}:{a + b}", f"{a + b}:{a}"],
        ["“All of them” means both kinds together.", f"{a} + {b} = {a + b}."],
        f"{a} {first} out of {a} + {b} = {a + b} in all: {a}:{a + b}.",
    )


def scale_ratio(rng: random.Random) -> ItemDraft:
    first, second = rng.choice(PAIRS)
    a, b, k = rng.randint(2, 6), rng.randint(2, 6), rng.randint(3, 8)
    return numeric(
        "Use a ratio",
        f"The ratio of {first} to {second} is {a}:{b}. There are {b * k} {second}. "
        f"How many {first} are there?",
        a * k,
        [f"How many groups of {b} {second} are there?", f"Each group has {a} {first}."],
        f"{b * k} ÷ {b} = {k} groups, and {k} × {a} = {a * k} {first}.",
    )


def ratio_statements(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(2, 5), rng.randint(6, 9)
    return multiple(
        rng,
        "Ratio statements",
        f"A class has {a} teachers' helpers and {b} students at each table. "
        "Which statements are true?",
        [
            f"The ratio of helpers to students is {a}:{b}.",
            f"For every {b} students there are {a} helpers.",
        ],
        [
            f"The ratio of helpers to students is {b}:{a}.",
            f"There are {b - a} more helpers than students.",
        ],
        ["Read the order of the words carefully."],
        f"Helpers to students is {a}:{b}, which also says “for every {b} students, {a} helpers”.",
    )


# 6.RP.A.2 unit rate --------------------------------------------------------------------


def unit_price(rng: random.Random) -> ItemDraft:
    cents = rng.randint(45, 325)
    count = rng.randint(3, 8)
    thing = rng.choice(["pens", "juice boxes", "notebooks", "tickets"])
    total = Fraction(cents * count, 100)
    return numeric(
        "Unit price",
        f"{count} {thing} cost {money(total)}. How much does one cost, in dollars?",
        Fraction(cents, 100),
        ["Divide the total cost by the number of items.", f"{money(total)} ÷ {count}"],
        f"{money(total)} ÷ {count} = {money(Fraction(cents, 100))} for each.",
        tolerance="0.005",
    )


def speed(rng: random.Random) -> ItemDraft:
    rate, hours = rng.randint(4, 15) * 5, rng.randint(2, 6)
    return numeric(
        "Speed as a unit rate",
        f"A bus travels {rate * hours} miles in {hours} hours at a steady speed. "
        "How many miles does it travel in one hour?",
        rate,
        ["Miles per hour means miles for each 1 hour.", f"{rate * hours} ÷ {hours}"],
        f"{rate * hours} ÷ {hours} = {rate} miles per hour.",
    )


def better_buy(rng: random.Random) -> ItemDraft:
    small, big = rng.randint(2, 4), rng.randint(5, 8)
    unit_small = Fraction(rng.randint(60, 120), 100)
    unit_big = unit_small - Fraction(rng.randint(5, 20), 100)
    return single(
        rng,
        "Better buy",
        f"Store A sells {small} cans for {money(unit_small * small)}. Store B sells {big} cans for "
        f"{money(unit_big * big)}. Which is the better buy?",
        f"Store B: {money(unit_big)} per can",
        [
            f"Store A: {money(unit_small)} per can",
            "They cost the same per can",
            f"Store A, because {money(unit_small * small)} is less",
        ],
        ["Find the price of one can at each store."],
        f"A: {money(unit_small)} a can; B: {money(unit_big)} a can. B is cheaper per can.",
        difficulty=3,
    )


def unit_rate_words(rng: random.Random) -> ItemDraft:
    return short_text(
        "Name the rate",
        "A rate that tells how much of one quantity there is for exactly 1 of another "
        "(like 12 miles per 1 gallon) is called a …",
        ["unit rate", "a unit rate"],
        ["It is a rate for one unit."],
        "A rate “per 1” is a <strong>unit rate</strong>.",
        difficulty=1,
    )


# 6.RP.A.3.a tables of equivalent ratios -------------------------------------------------


def table_missing(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(2, 5), rng.randint(3, 9)
    k, m = sorted(rng.sample(range(2, 7), 2))
    table = (
        '<table><thead><tr><th scope="col">Cups of flour</th><th scope="col">Cookies</th>'
        f"</tr></thead><tbody><tr><td>{a}</td><td>{b}</td></tr><tr><td>{a * k}</td>"
        f"<td>{b * k}</td></tr><tr><td>{a * m}</td><td>?</td></tr></tbody></table>"
    )
    return numeric(
        "Complete the ratio table",
        f"<p>The table shows equivalent ratios. What number goes where the ? is?</p>{table}",
        b * m,
        [f"How was {a} multiplied to get {a * m}?", "Multiply the cookies by the same number."],
        f"{a} × {m} = {a * m}, so cookies = {b} × {m} = {b * m}.",
    )


def table_pick(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(2, 5), rng.randint(2, 7)

    def rows(pairs: list[tuple[int, int]]) -> str:
        return ", ".join(f"({x}, {y})" for x, y in pairs)

    good = rows([(a, b), (2 * a, 2 * b), (3 * a, 3 * b)])
    return single(
        rng,
        "Which table?",
        f"Which list of (x, y) pairs shows ratios equivalent to {a}:{b}?",
        good,
        [
            rows([(a, b), (a + 1, b + 1), (a + 2, b + 2)]),
            rows([(a, b), (2 * a, b + 2), (3 * a, b + 4)]),
            rows([(b, a), (2 * b, 2 * a), (3 * b, 3 * a)]),
        ],
        ["Equivalent ratios multiply both numbers by the same factor."],
        f"Only {good} multiplies both {a} and {b} by 2, then 3.",
    )


def ratio_plot(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(1, 4), rng.randint(2, 6)
    points = [(a * k, b * k) for k in (2, 3)]
    return multiple(
        rng,
        "Points on a ratio graph",
        f"A graph shows the ratio {a}:{b} as points (x, y). Which points lie on it?",
        [f"({x}, {y})" for x, y in points],
        [f"({a + 2}, {b + 2})", f"({b}, {a})" if a != b else f"({a}, {b + 1})"],
        ["On a ratio graph y ÷ x is the same for every point."],
        f"y ÷ x must be {frac(Fraction(b, a))}: "
        + ", ".join(f"({x}, {y})" for x, y in points)
        + ".",
    )


# 6.RP.A.3.b unit rate problems ---------------------------------------------------------


def rate_scale(rng: random.Random) -> ItemDraft:
    lawns, hours = rng.randint(2, 5), rng.randint(3, 8)
    k = rng.randint(2, 6)
    return numeric(
        "At that rate",
        f"It takes {hours} hours to mow {lawns} lawns. At that rate, how many lawns can be mowed "
        f"in {hours * k} hours?",
        lawns * k,
        [f"{hours * k} hours is how many times {hours} hours?"],
        f"{hours * k} ÷ {hours} = {k}, so {lawns} × {k} = {lawns * k} lawns.",
    )


def travel_time(rng: random.Random) -> ItemDraft:
    mph = rng.choice([30, 40, 45, 50, 60])
    hours = Fraction(rng.randint(2, 9), 2)
    return numeric(
        "Constant speed",
        f"A train goes {mph} miles per hour. How many hours does it take to go "
        f"{float(mph * hours):g} miles?",
        hours,
        ["time = distance ÷ speed"],
        f"{float(mph * hours):g} ÷ {mph} = {float(hours):g} hours.",
    )


def rate_compare(rng: random.Random) -> ItemDraft:
    a_words, a_min = rng.randint(20, 40) * 3, 3
    b_words, b_min = rng.randint(15, 35) * 4, 4
    a_rate, b_rate = a_words // a_min, b_words // b_min
    faster = (
        "Ana" if a_rate > b_rate else "Ben" if b_rate > a_rate else "They type at the same speed"
    )
    return single(
        rng,
        "Who is faster?",
        f"Ana types {a_words} words in {a_min} minutes. "
        f"Ben types {b_words} words in {b_min} minutes. "
        "Who types faster?",
        faster,
        ["Ana", "Ben", "They type at the same speed"],
        ["Find words per minute for each."],
        f"Ana: {a_rate} words a minute. Ben: {b_rate} words a minute.",
    )


# 6.RP.A.3.c percent --------------------------------------------------------------------


def percent_of(rng: random.Random) -> ItemDraft:
    pct = rng.choice([5, 10, 15, 20, 25, 30, 40, 50, 75])
    whole = rng.choice([20, 40, 60, 80, 120, 200, 240])
    return numeric(
        "Percent of a number",
        f"What is {pct}% of {whole}?",
        Fraction(pct * whole, 100),
        [f"{pct}% means {pct} per 100.", f"{pct}/100 × {whole}"],
        f"{pct}/100 × {whole} = {float(Fraction(pct * whole, 100)):g}.",
        difficulty=1,
    )


def whole_from_part(rng: random.Random) -> ItemDraft:
    pct = rng.choice([10, 20, 25, 50])
    whole = rng.randint(2, 12) * 20
    part = whole * pct // 100
    return numeric(
        "Find the whole",
        f"{part} students is {pct}% of the school's sixth graders. "
        "How many sixth graders are there?",
        whole,
        [f"{pct}% is {frac(Fraction(pct, 100))} of the whole."],
        f"{part} is {pct}% so 1% is {frac(Fraction(part, pct))} and 100% is {whole}.",
        difficulty=3,
    )


def fraction_to_percent(rng: random.Random) -> ItemDraft:
    value = rng.choice(
        [
            Fraction(1, 4),
            Fraction(3, 4),
            Fraction(2, 5),
            Fraction(7, 10),
            Fraction(1, 5),
            Fraction(3, 20),
            Fraction(9, 25),
        ]
    )
    pct = value * 100
    return short_text(
        "Fraction to percent",
        f"Write {frac(value)} as a percent.",
        [f"{pct}%", f"{pct} %", f"{pct} percent"],
        ["Find the equivalent fraction with denominator 100."],
        f"{frac(value)} = {pct}/100 = {pct}%.",
    )


# 6.RP.A.3.d unit conversions -----------------------------------------------------------

CONVERSIONS = [
    ("feet", "inches", 12),
    ("yards", "feet", 3),
    ("meters", "centimeters", 100),
    ("kilograms", "grams", 1000),
    ("gallons", "quarts", 4),
    ("hours", "minutes", 60),
]


def convert_up(rng: random.Random) -> ItemDraft:
    big, small, factor = rng.choice(CONVERSIONS)
    amount = rng.randint(2, 12)
    return numeric(
        "Convert units",
        f"How many {small} are in {amount} {big}?",
        amount * factor,
        [f"1 {big[:-1] if big.endswith('s') else big} = {factor} {small}."],
        f"{amount} × {factor} = {amount * factor} {small}.",
        difficulty=1,
    )


def convert_down(rng: random.Random) -> ItemDraft:
    big, small, factor = rng.choice(CONVERSIONS)
    amount = rng.randint(2, 9) * factor // rng.choice([1, 2])
    return numeric(
        "Convert to a larger unit",
        f"How many {big} is {amount} {small}? Give a decimal or a fraction.",
        Fraction(amount, factor),
        [f"Divide by {factor}: there are {factor} {small} in each of the {big}."],
        f"{amount} ÷ {factor} = {frac(Fraction(amount, factor))} {big}.",
        tolerance="0.005",
    )


def conversion_ratio(rng: random.Random) -> ItemDraft:
    big, small, factor = rng.choice(CONVERSIONS)
    return single(
        rng,
        "Conversion factor",
        f"Which ratio compares {small} to {big}?",
        f"{factor}:1",
        [f"1:{factor}", f"{factor}:{factor}", f"{factor * 10}:1"],
        ["How many of the small unit make one of the big one?"],
        f"There are {factor} {small} in 1 of the {big}: {factor}:1.",
    )


TEMPLATES: dict[str, list[Template]] = {
    "6.RP.A.1": [write_ratio, part_to_whole, scale_ratio, ratio_statements],
    "6.RP.A.2": [unit_price, speed, better_buy, unit_rate_words],
    "6.RP.A.3.a": [table_missing, table_pick, ratio_plot],
    "6.RP.A.3.b": [rate_scale, travel_time, rate_compare],
    "6.RP.A.3.c": [percent_of, whole_from_part, fraction_to_percent],
    "6.RP.A.3.d": [convert_up, convert_down, conversion_ratio],
}
