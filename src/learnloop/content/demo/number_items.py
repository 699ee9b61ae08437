"""Demo item templates for the number prerequisites: fractions, decimals, GCF and LCM."""

from __future__ import annotations

import math
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

FOODS = ["pizzas", "sandwiches", "pies", "granola bars", "melons"]


def _proper(rng: random.Random) -> tuple[int, int]:
    b = rng.choice([3, 4, 5, 6, 8])
    return rng.randint(1, b - 1), b


# 4.NF.A.1 equivalent fractions ---------------------------------------------------------


def equivalent_missing_numerator(rng: random.Random) -> ItemDraft:
    a, b = _proper(rng)
    k = rng.randint(2, 6)
    return numeric(
        "Missing numerator",
        f"Fill in the missing numerator: {a}/{b} = ?/{b * k}",
        a * k,
        [
            f"What was {b} multiplied by to get {b * k}?",
            "Multiply the numerator by the same number.",
        ],
        f"{b} × {k} = {b * k}, so the numerator is {a} × {k} = {a * k}. {a}/{b} = {a * k}/{b * k}.",
        difficulty=1,
    )


def equivalent_pick(rng: random.Random) -> ItemDraft:
    a, b = _proper(rng)
    k = rng.randint(2, 5)
    return single(
        rng,
        "Equivalent fraction",
        f"Which fraction is equivalent to {a}/{b}?",
        f"{a * k}/{b * k}",
        [f"{a + k}/{b + k}", f"{a * k}/{b}", f"{a}/{b * k}"],
        ["Equivalent fractions multiply the numerator and the denominator by the same number."],
        f"{a}/{b} = ({a} × {k})/({b} × {k}) = {a * k}/{b * k}. Adding the same number to both "
        "parts does not keep the fraction the same size.",
    )


def equivalent_select_all(rng: random.Random) -> ItemDraft:
    a, b = _proper(rng)
    k1, k2 = rng.sample([2, 3, 4, 5], 2)
    return multiple(
        rng,
        "Select equivalent fractions",
        f"Which fractions are equivalent to {a}/{b}?",
        [f"{a * k1}/{b * k1}", f"{a * k2}/{b * k2}"],
        [f"{a + 1}/{b + 1}", f"{b}/{a}" if a != b else f"{a}/{b + 2}"],
        ["Check each one: can you multiply the top and bottom of the original by one number?"],
        f"{a * k1}/{b * k1} = {a}/{b} × {k1}/{k1} and {a * k2}/{b * k2} = {a}/{b} × {k2}/{k2}. "
        "The others change the size of the fraction.",
    )


def equivalent_write(rng: random.Random) -> ItemDraft:
    a, b = _proper(rng)
    k = rng.randint(2, 4)
    return short_text(
        "Write an equivalent fraction",
        f"Write the fraction equal to {a}/{b} that has denominator {b * k}. Type it like 3/12.",
        [f"{a * k}/{b * k}", f"{a * k} / {b * k}"],
        [f"{b * k} ÷ {b} = {k}.", f"Multiply {a} by {k} too."],
        f"{a}/{b} = {a * k}/{b * k}.",
    )


# 5.NF.B.3 fractions as division ---------------------------------------------------------


def share_equally(rng: random.Random) -> ItemDraft:
    people = rng.choice([2, 4, 5, 8])
    things = rng.choice([n for n in range(1, 12) if n % people])
    food = rng.choice(FOODS)
    share = Fraction(things, people)
    return numeric(
        "Fair share",
        f"{people} friends share {things} {food} equally. How many {food} does each friend get? "
        "Give a fraction or a decimal.",
        share,
        [f"Sharing {things} among {people} means {things} ÷ {people}.", "a ÷ b = a/b."],
        f"{things} ÷ {people} = {things}/{people} = {frac(share)} = {float(share):g} each.",
    )


def division_as_fraction(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(2, 9), rng.randint(2, 9)
    return single(
        rng,
        "Fraction as division",
        f"Which expression has the same value as the fraction {a}/{b}?",
        f"{a} ÷ {b}",
        [f"{b} ÷ {a}", f"{a} × {b}", f"{a} − {b}"],
        ["The fraction bar means “divided by”."],
        f"{a}/{b} means {a} divided into {b} equal parts: {a} ÷ {b}.",
        difficulty=1,
    )


def write_quotient(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(5, 13), rng.choice([2, 3, 4, 6, 7])
    return short_text(
        "Quotient as a fraction",
        f"Write {a} ÷ {b} as a fraction (like 7/3).",
        [f"{a}/{b}", f"{a} / {b}"],
        ["The dividend goes on top."],
        f"{a} ÷ {b} = {a}/{b}.",
        difficulty=1,
    )


# 5.NBT.B.7 decimal operations ----------------------------------------------------------


def decimal_sum(rng: random.Random) -> ItemDraft:
    a, b = rng.randint(105, 999), rng.randint(105, 999)
    return numeric(
        "Add decimals",
        f"A notebook costs {money(a / 100)} and a pen costs {money(b / 100)}. What do they cost "
        "together, in dollars?",
        Fraction(a + b, 100),
        ["Line up the decimal points.", "Add the cents, then the dollars."],
        f"{a / 100:.2f} + {b / 100:.2f} = {(a + b) / 100:.2f}, so {money((a + b) / 100)}.",
        difficulty=1,
    )


def decimal_product(rng: random.Random) -> ItemDraft:
    price = rng.randint(12, 95) / 10
    count = rng.randint(3, 9)
    total = Fraction(round(price * 10) * count, 10)
    return numeric(
        "Multiply a decimal",
        f"One bag of apples weighs {price:.1f} kg. How many kilograms do {count} bags weigh?",
        total,
        [f"Multiply {price:.1f} × {count}.", "Multiply as whole numbers, then place the point."],
        f"{price:.1f} × {count} = {float(total):g} kg.",
    )


def decimal_quotient_estimate(rng: random.Random) -> ItemDraft:
    whole = rng.randint(4, 9)
    divisor = rng.choice([Fraction(1, 2), Fraction(1, 4), Fraction(1, 5)])
    quotient = whole / divisor
    shown = f"{float(divisor):g}"
    return single(
        rng,
        "Divide by a decimal",
        f"What is {whole} ÷ {shown}?",
        f"{quotient}",
        [f"{float(whole * divisor):g}", f"{whole + int(1 / divisor)}", f"{quotient * 10}"],
        [f"How many groups of {shown} fit in 1? Then in {whole}?"],
        f"{shown} fits {int(1 / divisor)} times in 1, so {whole} ÷ {shown} = "
        f"{whole} × {int(1 / divisor)} = {quotient}.",
    )


# 6.NS.B.4 GCF and LCM ------------------------------------------------------------------


def gcf_of(rng: random.Random) -> ItemDraft:
    g = rng.choice([2, 3, 4, 5, 6, 8])
    a, b = (g * m for m in rng.sample(range(2, 13), 2))
    gcf = math.gcd(a, b)
    return numeric(
        "Greatest common factor",
        f"What is the greatest common factor of {a} and {b}?",
        gcf,
        ["List the factors of each number.", "Which is the largest factor on both lists?"],
        f"{a} = {gcf} × {a // gcf} and {b} = {gcf} × {b // gcf}; {a // gcf} and {b // gcf} share "
        f"no factor but 1, so GCF({a}, {b}) = {gcf}.",
    )


def lcm_of(rng: random.Random) -> ItemDraft:
    a, b = rng.sample([2, 3, 4, 5, 6, 8, 9, 10, 12], 2)
    lcm = a * b // math.gcd(a, b)
    return numeric(
        "Least common multiple",
        f"Hot dogs come in packs of {a} and buns in packs of {b}. What is the smallest number of "
        "hot dogs you can buy to have exactly as many buns?",
        lcm,
        [f"List multiples of {a} and of {b}.", "Find the first number on both lists."],
        f"Multiples of {a} and {b} first meet at {lcm}: LCM({a}, {b}) = {lcm}.",
        difficulty=3,
    )


def distributive(rng: random.Random) -> ItemDraft:
    g = rng.choice([2, 3, 4, 5, 6])
    x, y = rng.sample(range(2, 12), 2)
    while math.gcd(x, y) != 1:
        x, y = rng.sample(range(2, 12), 2)
    return short_text(
        "Factor out the GCF",
        f"Use the greatest common factor to rewrite {g * x} + {g * y} as a product, like 3(2+5).",
        [
            f"{g}({x}+{y})",
            f"{g}({x} + {y})",
            f"{g} ({x} + {y})",
            f"{g}({y}+{x})",
            f"{g}({y} + {x})",
        ],
        [f"The GCF of {g * x} and {g * y} is {g}.", f"{g * x} = {g} × {x}."],
        f"{g * x} + {g * y} = {g} × {x} + {g} × {y} = {g}({x} + {y}).",
        difficulty=3,
    )


def common_multiples(rng: random.Random) -> ItemDraft:
    a, b = rng.sample([2, 3, 4, 5, 6], 2)
    lcm = a * b // math.gcd(a, b)
    right = [lcm, 2 * lcm]
    wrong = [a * (lcm // a + 1), b * (lcm // b + 1), a + b]
    return multiple(
        rng,
        "Common multiples",
        f"Which numbers are multiples of both {a} and {b}?",
        [str(n) for n in right],
        [str(n) for n in wrong if n % lcm],
        ["A common multiple divides evenly by both numbers."],
        f"The common multiples of {a} and {b} are the multiples of {lcm}: {lcm}, {2 * lcm}, …",
    )


# 6.NS.A.1 dividing fractions -----------------------------------------------------------


def servings(rng: random.Random) -> ItemDraft:
    size = rng.choice([Fraction(1, 2), Fraction(1, 3), Fraction(3, 4), Fraction(2, 3)])
    total = size * rng.randint(3, 12)
    whole = total.numerator // total.denominator
    amount = frac(total) if total.denominator != 1 else str(whole)
    return numeric(
        "How many servings?",
        f"You have {amount} cups of trail mix. One serving is {frac(size)} cup. How many "
        "servings is that?",
        total / size,
        [f"How many {frac(size)}s fit in {amount}?", "Divide: multiply by the reciprocal."],
        f"{amount} ÷ {frac(size)} = {amount} × {frac(1 / size)} = {frac(total / size)} servings.",
    )


def fraction_quotient(rng: random.Random) -> ItemDraft:
    a, b = _proper(rng)
    c, d = _proper(rng)
    quotient = Fraction(a, b) / Fraction(c, d)
    return numeric(
        "Divide fractions",
        f"Compute {a}/{b} ÷ {c}/{d}. Give a fraction, or a decimal rounded to hundredths.",
        quotient,
        [
            "Keep the first fraction, multiply by the reciprocal of the second.",
            f"{a}/{b} × {d}/{c}",
        ],
        f"{a}/{b} ÷ {c}/{d} = {a}/{b} × {d}/{c} = {a * d}/{b * c} = {frac(quotient)}.",
        tolerance="0.005",
        difficulty=3,
    )


def reciprocal_form(rng: random.Random) -> ItemDraft:
    a, b = _proper(rng)
    c, d = _proper(rng)
    return single(
        rng,
        "Division as multiplication",
        f"Which product equals {a}/{b} ÷ {c}/{d}?",
        f"{a}/{b} × {d}/{c}",
        [f"{b}/{a} × {c}/{d}", f"{a}/{b} × {c}/{d}", f"{b}/{a} × {d}/{c}"],
        ["Dividing by a fraction is multiplying by its reciprocal."],
        f"Flip only the divisor: {a}/{b} ÷ {c}/{d} = {a}/{b} × {d}/{c}.",
    )


TEMPLATES: dict[str, list[Template]] = {
    "4.NF.A.1": [
        equivalent_missing_numerator,
        equivalent_pick,
        equivalent_select_all,
        equivalent_write,
    ],
    "5.NF.B.3": [share_equally, division_as_fraction, write_quotient],
    "5.NBT.B.7": [decimal_sum, decimal_product, decimal_quotient_estimate],
    "6.NS.B.4": [gcf_of, lcm_of, distributive, common_multiples],
    "6.NS.A.1": [servings, fraction_quotient, reciprocal_form],
}
