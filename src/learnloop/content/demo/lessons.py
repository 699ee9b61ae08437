"""Demo lessons and projects: short, real explanations a sixth grader can read.

Each entry: (slug, standard codes, ActivityDraft). Projects also carry a RubricDraft.
"""

from __future__ import annotations

from learnloop.content.drafts import ActivityDraft, RubricDraft
from learnloop.content.models import ActivityKind, Modality

LEVELS = (("Beginning", 1), ("Developing", 2), ("Proficient", 3), ("Extending", 4))


def _lesson(title: str, summary: str, body: str, modality: str, minutes: int, *tags: str):
    return ActivityDraft(
        kind=ActivityKind.LESSON,
        title=title,
        summary=summary,
        body=body,
        modality=modality,
        interest_tags=tags,
        estimated_minutes=minutes,
    )


LESSONS: list[tuple[str, tuple[str, ...], ActivityDraft]] = [
    (
        "what-is-a-ratio",
        ("6.RP.A.1",),
        _lesson(
            "What is a ratio?",
            "Ratios compare two amounts: “for every 3 of these, there are 2 of those.”",
            """<p>A <strong>ratio</strong> compares two quantities. If a fruit bowl has 3 apples
for every 2 oranges, we say the ratio of apples to oranges is <strong>3 to 2</strong>,
written 3:2.</p>
<p>Order matters. The ratio of oranges to apples is 2:3: it says the same thing about the
bowl, but from the other side.</p>
<p>A ratio can compare a <em>part to a part</em> (apples to oranges, 3:2) or a
<em>part to the whole</em> (apples to all the fruit, 3:5, because 3 + 2 = 5).</p>
<h3>Try it</h3>
<p>Look around the room. Find two things you can count and describe them with a sentence
like “for every ___ there are ___”. Then write the ratio both ways.</p>""",
            Modality.READ,
            10,
            "food",
        ),
    ),
    (
        "unit-rates",
        ("6.RP.A.2",),
        _lesson(
            "Unit rates: how much for one?",
            "A unit rate tells how much for exactly one: one hour, one ticket, one pound.",
            """<p>A <strong>rate</strong> is a ratio of two different kinds of quantity, like
120 miles in 2 hours. A <strong>unit rate</strong> tells how much for <em>one</em> of the
second quantity: 120 ÷ 2 = <strong>60 miles per hour</strong>.</p>
<p>Unit rates make comparing easy. If 4 granola bars cost $3.00 and 6 cost $4.20, find the
price of one: $3.00 ÷ 4 = $0.75 and $4.20 ÷ 6 = $0.70. The pack of 6 is the better buy.</p>
<h3>Steps</h3>
<ol><li>Write the rate as a fraction: 3.00 dollars / 4 bars.</li>
<li>Divide the top by the bottom to get the amount for 1 bar.</li>
<li>Say it with “per”: $0.75 per bar.</li></ol>""",
            Modality.READ,
            12,
            "money",
            "shopping",
        ),
    ),
    (
        "ratio-tables-walkthrough",
        ("6.RP.A.3.a",),
        _lesson(
            "Walkthrough: filling in a ratio table",
            "Follow a worked example step by step, then try one yourself.",
            """<p>A recipe uses 2 cups of flour for 3 dozen cookies.
How much flour for 12 dozen?</p>
<table><thead><tr><th scope="col">Flour (cups)</th><th scope="col">Cookies (dozen)</th></tr>
</thead><tbody><tr><td>2</td><td>3</td></tr><tr><td>4</td><td>6</td></tr>
<tr><td>8</td><td>12</td></tr></tbody></table>
<ol><li>Start with the ratio you know: 2 cups for 3 dozen.</li>
<li>Double both numbers: 4 cups for 6 dozen.</li>
<li>Double again: 8 cups for 12 dozen. That is the answer.</li></ol>
<p>Every row of a ratio table multiplies <em>both</em> numbers by the same number. Adding
the same amount to both does not work: 3 cups for 4 dozen is a different recipe.</p>""",
            Modality.WATCH,
            10,
            "food",
            "cooking",
        ),
    ),
    (
        "percent-per-hundred",
        ("6.RP.A.3.c",),
        _lesson(
            "Percent means “per hundred”",
            "Percents are rates out of 100; find a percent of a number in two ways.",
            """<p><strong>Percent</strong> means “per hundred”. 30% is 30 out of every 100,
the fraction 30/100.</p>
<p>To find 30% of 60, either multiply: 30/100 × 60 = 18, or use a ratio table:
30 out of 100 is 3 out of 10, and 60 is 6 tens, so 6 × 3 = 18.</p>
<p>To find the whole when you know a part: if 12 students are 25% of a class, 25% is one
quarter, so the class has 4 × 12 = 48 students.</p>""",
            Modality.READ,
            12,
            "sports",
        ),
    ),
    (
        "converting-units-walkthrough",
        ("6.RP.A.3.d",),
        _lesson(
            "Walkthrough: converting units with ratios",
            "Use the ratio between two units to convert, and check that the answer makes sense.",
            """<p>How many inches is 5 feet? The ratio of inches to feet is 12:1.</p>
<ol><li>Write what you know: 12 inches per 1 foot.</li>
<li>Scale it: 5 feet is 5 times 1 foot, so 5 × 12 = 60 inches.</li>
<li>Check: inches are smaller than feet, so there should be more of them. 60 &gt; 5. ✔</li></ol>
<p>Going the other way, 90 minutes in hours: 90 ÷ 60 = 1.5 hours. When you go to a bigger
unit, you get a smaller number.</p>""",
            Modality.WATCH,
            10,
            "travel",
        ),
    ),
    (
        "dividing-fractions",
        ("6.NS.A.1",),
        _lesson(
            "Dividing fractions: how many groups?",
            "Read 6 ÷ 3/4 as “how many 3/4s fit in 6?” and see why we multiply by the reciprocal.",
            """<p>6 ÷ 2 asks “how many 2s fit in 6?” In the same way, 6 ÷ 3/4 asks
“how many 3/4-cup scoops fit in 6 cups?”</p>
<p>There are 4 quarter-cups in each cup, so 24 quarter-cups in 6 cups. Each scoop uses 3
of them: 24 ÷ 3 = 8 scoops.</p>
<p>That is exactly 6 × 4/3 = 8. Dividing by a fraction is the same as multiplying by its
<strong>reciprocal</strong> (flip the divisor): a/b ÷ c/d = a/b × d/c.</p>""",
            Modality.READ,
            15,
            "cooking",
        ),
    ),
    (
        "discuss-better-deal",
        ("6.RP.A.2", "6.RP.A.3.b"),
        _lesson(
            "Discuss: is bigger always the better deal?",
            "With a partner, decide when the big pack is not the better buy.",
            """<p>A store sells juice in a 6-pack for $4.50 and a 10-pack for $8.00.</p>
<ul><li>Which is cheaper per box? Show how you know.</li>
<li>Can you think of a reason to buy the pack that costs more per box?</li>
<li>Make up two prices where the bigger pack is <em>worse</em>,
and swap with another pair.</li></ul>
<p>Be ready to share one unit rate and one reason with the class.</p>""",
            Modality.DISCUSS,
            15,
            "money",
            "shopping",
        ),
    ),
    (
        "discuss-proportional",
        ("7.RP.A.2.a",),
        _lesson(
            "Discuss: is it proportional?",
            "Sort real-life situations into proportional and not proportional, and argue why.",
            """<p>Talk through each situation in a small group.
Is the relationship proportional?</p>
<ul><li>Cost of apples at $2 per pound, and the number of pounds.</li>
<li>A taxi fare: $3 to get in, then $2 per mile.</li>
<li>Your age and your height.</li>
<li>Number of pizzas and number of slices, if every pizza has 8 slices.</li></ul>
<p>For each one, make a small table. A proportional relationship has the same ratio
y ÷ x in every row, and 0 of one means 0 of the other.</p>""",
            Modality.DISCUSS,
            20,
            "food",
        ),
    ),
]


PROJECTS: list[tuple[str, tuple[str, ...], ActivityDraft, RubricDraft]] = [
    (
        "class-party-budget",
        ("6.RP.A.3.b", "6.RP.A.3.c"),
        ActivityDraft(
            kind=ActivityKind.PROJECT,
            title="Plan a class party on a budget",
            summary="Plan food and supplies for your class with $150, using unit prices and "
            "percents.",
            body="""<p>Your class has <strong>$150</strong> for an end-of-term party. Plan it.</p>
<ol><li>Decide what to buy for everyone in the class: food, drinks, plates.</li>
<li>For each thing, find two pack sizes and compute the unit price. Choose the better buy.</li>
<li>Your store gives 10% off orders over $100. Work out your total after the discount.</li>
<li>Show what percent of the budget each category uses.</li></ol>
<p>Hand in your shopping list, your calculations, and a short paragraph explaining your
choices.</p>""",
            modality=Modality.MAKE,
            interest_tags=("money", "food", "planning"),
            estimated_minutes=90,
        ),
        RubricDraft(
            title="Party budget rubric",
            levels=LEVELS,
            criteria=(
                (
                    "Unit rates",
                    (
                        "Prices are listed but not compared.",
                        "Some unit prices are found, with errors.",
                        "Unit prices are correct and used to pick the better buy.",
                        "Unit prices are correct and the choice weighs other factors too.",
                    ),
                ),
                (
                    "Percents",
                    (
                        "The discount or shares are missing.",
                        "The discount or shares have errors.",
                        "The discount and each category's share are correct.",
                        "Correct, and checked another way (e.g. 90% of the total).",
                    ),
                ),
                (
                    "Staying on budget",
                    (
                        "The plan goes over budget.",
                        "The plan fits the budget but misses needed items.",
                        "The plan fits the budget and covers everyone.",
                        "The plan fits, covers everyone, and explains what is left over.",
                    ),
                ),
                (
                    "Explaining reasoning",
                    (
                        "Little explanation.",
                        "Some steps are explained.",
                        "Each choice is explained clearly.",
                        "Clear, with a comparison of at least two plans.",
                    ),
                ),
            ),
        ),
    ),
    (
        "scale-a-recipe",
        ("6.RP.A.3.a", "6.RP.A.1"),
        ActivityDraft(
            kind=ActivityKind.PROJECT,
            title="Scale a recipe",
            summary="Pick a recipe and rewrite it to serve your whole class, with a ratio table.",
            body="""<p>Choose a recipe you like that serves 4 people.</p>
<ol><li>Describe two of its ratios in words (“for every 2 cups of flour, 1 cup of sugar”).</li>
<li>Build a ratio table to scale the recipe to serve your whole class.</li>
<li>Convert any amounts that become awkward (for example 16 tablespoons to 1 cup).</li>
<li>Make a poster or a card of the new recipe.</li></ol>""",
            modality=Modality.MAKE,
            interest_tags=("cooking", "food", "art"),
            estimated_minutes=60,
        ),
        RubricDraft(
            title="Recipe scaling rubric",
            levels=LEVELS,
            criteria=(
                (
                    "Ratio language",
                    (
                        "Ratios are missing or reversed.",
                        "One ratio is described correctly.",
                        "Two ratios are described correctly in words and with a colon.",
                        "Ratios are described part-to-part and part-to-whole.",
                    ),
                ),
                (
                    "Ratio table",
                    (
                        "No table, or rows are not equivalent.",
                        "A table with some errors.",
                        "A correct table that reaches the class size.",
                        "A correct table, and a unit rate used to check it.",
                    ),
                ),
                (
                    "Accuracy of amounts",
                    (
                        "Many amounts are wrong.",
                        "Some amounts are wrong.",
                        "All amounts are correct.",
                        "All correct, with sensible unit conversions.",
                    ),
                ),
            ),
        ),
    ),
]
