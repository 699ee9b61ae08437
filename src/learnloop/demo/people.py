"""Who is in the demo school: realistic, varied names, fixed so reruns change nothing."""

from __future__ import annotations

DEMO_PASSWORD = "learnloop"
SCHOOL_SLUG = "riverside-middle"
SCHOOL_NAME = "Riverside Middle School"

TEACHERS = [
    ("rivera", "Elena", "Rivera"),
    ("okafor", "Daniel", "Okafor"),
]
ADMIN = ("principal", "Grace", "Whitfield")
# The OATutor algebra class (learnloop.demo.algebra), built when the library is present.
ALGEBRA_TEACHER = ("santos", "Marisol", "Santos")

# (username, first, last, guardian username, guardian first, relationship)
PERIOD_1 = [
    ("maya", "Maya", "Chen", "lin.chen", "Lin", "mother"),
    ("jamal", "Jamal", "Washington", "denise.washington", "Denise", "mother"),
    ("sofia", "Sofía", "Hernández", "carlos.hernandez", "Carlos", "father"),
    ("liam", "Liam", "O'Brien", "siobhan.obrien", "Siobhan", "mother"),
    ("aisha", "Aisha", "Rahman", "farid.rahman", "Farid", "father"),
    ("noah", "Noah", "Kim", "grace.kim", "Grace", "mother"),
    ("priya", "Priya", "Patel", "raj.patel", "Raj", "father"),
    ("ethan", "Ethan", "Nguyen", "thu.nguyen", "Thu", "mother"),
    ("zoe", "Zoe", "Müller", "anna.muller", "Anna", "mother"),
    ("mateo", "Mateo", "García", "lucia.garcia", "Lucía", "mother"),
    ("amara", "Amara", "Okonkwo", "chidi.okonkwo", "Chidi", "father"),
    ("lucas", "Lucas", "Silva", "beatriz.silva", "Beatriz", "mother"),
    ("hana", "Hana", "Sato", "kenji.sato", "Kenji", "father"),
    ("owen", "Owen", "Murphy", "kate.murphy", "Kate", "aunt"),
    ("leila", "Leila", "Haddad", "omar.haddad", "Omar", "father"),
]
PERIOD_3 = [
    ("isabella", "Isabella", "Rossi", "marco.rossi", "Marco", "father"),
    ("dev", "Dev", "Sharma", "anita.sharma", "Anita", "mother"),
    ("chloe", "Chloe", "Dubois", "julien.dubois", "Julien", "father"),
    ("kwame", "Kwame", "Mensah", "ama.mensah", "Ama", "mother"),
    ("emma", "Emma", "Johansson", "erik.johansson", "Erik", "father"),
    ("diego", "Diego", "Morales", "rosa.morales", "Rosa", "grandmother"),
    ("yuki", "Yuki", "Tanaka", "haruto.tanaka", "Haruto", "father"),
    ("fatima", "Fatima", "Ali", "yusuf.ali", "Yusuf", "father"),
    ("jack", "Jack", "Thompson", "sarah.thompson", "Sarah", "mother"),
    ("mia", "Mia", "Kowalski", "piotr.kowalski", "Piotr", "father"),
    ("ravi", "Ravi", "Iyer", "meena.iyer", "Meena", "mother"),
    ("nora", "Nora", "Lindqvist", "ingrid.lindqvist", "Ingrid", "mother"),
    ("samuel", "Samuel", "Adeyemi", "folake.adeyemi", "Folake", "mother"),
    ("ana", "Ana", "Petrova", "ivan.petrov", "Ivan", "father"),
    ("ben", "Ben", "Cohen", "rachel.cohen", "Rachel", "mother"),
]

# Algebra 1 · Period 5: maya takes it too (her pages show two classes).
PERIOD_5 = [
    ("maya", "Maya", "Chen"),
    ("tomas", "Tomás", "Ruiz"),
    ("ines", "Inés", "Castillo"),
    ("kofi", "Kofi", "Asante"),
    ("wei", "Wei", "Zhang"),
    ("sienna", "Sienna", "Brooks"),
    ("arjun", "Arjun", "Mehta"),
    ("lena", "Lena", "Fischer"),
    ("jonah", "Jonah", "Levi"),
    ("camila", "Camila", "Reyes"),
    ("malik", "Malik", "Johnson"),
    ("freya", "Freya", "Nilsson"),
]
PERIOD_5_PACES = ("steady", "fast", "struggling", "steady", "gap", "fast")
