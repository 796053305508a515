"""Multi-user analysis against V4's vectors, with V4's defects fixed.

Ties for the dominant animal go to the first name; people sharing a name stay apart; impossible
birth dates are refused; the unreachable element strength is kept.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import string
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracle.engines.errors import (
    EngineError,
    InvalidDateError,
    InvalidGroupError,
    InvalidNameError,
    InvalidNumerologySystemError,
)
from oracle.engines.multi_user import (
    ANIMAL_COMPATIBILITY,
    LIFE_PATH_COMPATIBILITY,
    analyze,
    animal_compatibility,
    calculate_profile,
    calculate_profiles,
    dominant_animal,
    element_compatibility,
    life_path_compatibility,
    member_labels,
    pair_compatibility,
)

from .vectors import load

VECTORS = load("multi_user")

# V4's vectors, copied exactly (MU1 without its non-deterministic "computation_ms").
SPEC_MU_VECTORS = {
    name: (vector["users"], vector["expected"])
    for name, vector in VECTORS["SPEC_MU_VECTORS"].items()
}


def as_users(rows):
    return [
        {"name": name, "birth_year": year, "birth_month": month, "birth_day": day}
        for name, year, month, day in rows
    ]


def drop(result, paths):
    """A deep copy of `result` without the dotted `paths` (``*`` walks every list item)."""
    result = copy.deepcopy(result)

    def remove(node, keys):
        head, *rest = keys
        if head == "*":
            for item in node:
                remove(item, rest)
        elif rest:
            remove(node[head], rest)
        else:
            node.pop(head)

    for path in paths:
        remove(result, path.split("."))
    return result


# Fields of the V4 vectors that the fixed defects change on purpose; each is asserted, with its
# fixed value, by the test named after the fix.
FIXED_BY_DEFECT_10 = ["group_energy.dominant_animal"]
FIXED_BY_DEFECT_11 = [
    "pairwise_compatibility.*.user1",
    "pairwise_compatibility.*.user2",
    "group_dynamics.roles",
    "group_dynamics.synergies",
    "group_dynamics.challenges",
    "group_dynamics.growth_areas",
    "group_dynamics.strongest_bond.pair",
    "group_dynamics.weakest_bond.pair",
]
CHANGED_FIELDS = {
    "MU1": FIXED_BY_DEFECT_10,
    "MU2": FIXED_BY_DEFECT_10,
    "MU3": [],
    "MU4": [],
    "MU5": FIXED_BY_DEFECT_10 + FIXED_BY_DEFECT_11,
    "MU6": [],
}
VECTOR_IDS = {
    "MU1": "MU1-duo",
    "MU2": "MU2-four-elements",
    "MU3": "MU3-all-wood-trio",
    "MU4": "MU4-master-collective",
    "MU5": "MU5-duplicate-names",
    "MU6": "MU6-diverse-roles-one-element",
}


@pytest.mark.parametrize("vector", list(SPEC_MU_VECTORS), ids=VECTOR_IDS.get)
def test_spec_vector(vector):
    rows, expected = SPEC_MU_VECTORS[vector]
    result = analyze(as_users(rows))
    result.pop("computation_ms")
    result.setdefault("user_count", len(rows))
    expected = {"user_count": len(rows), "pair_count": len(rows) * (len(rows) - 1) // 2, **expected}
    assert drop(result, CHANGED_FIELDS[vector]) == drop(expected, CHANGED_FIELDS[vector])


def test_result_keys_are_v4_keys_in_v4_order():
    result = analyze(as_users(SPEC_MU_VECTORS["MU2"][0]))
    assert list(result) == [
        "user_count",
        "pair_count",
        "computation_ms",
        "profiles",
        "pairwise_compatibility",
        "group_energy",
        "group_dynamics",
    ]
    assert isinstance(result["computation_ms"], float)
    assert result["computation_ms"] >= 0.0
    assert list(result["profiles"][0]) == list(SPEC_MU_VECTORS["MU2"][1]["profiles"][0])
    assert list(result["pairwise_compatibility"][0]) == [
        "user1",
        "user2",
        "scores",
        "overall",
        "classification",
        "strengths",
        "challenges",
    ]
    assert list(result["group_energy"]) == list(SPEC_MU_VECTORS["MU2"][1]["group_energy"])
    assert list(result["group_dynamics"]) == list(SPEC_MU_VECTORS["MU2"][1]["group_dynamics"])


# --- the dominant animal's tie goes to the alphabetically first ------------------------------


@pytest.mark.parametrize(
    ("vector", "v4_value", "fixed_value"),
    [("MU1", "Monkey", "Horse"), ("MU2", "Pig", "Dragon"), ("MU5", "Rooster", "Goat")],
    ids=["MU1-Horse-Monkey-tie", "MU2-four-way-tie", "MU5-three-way-tie"],
)
def test_dominant_animal_tie_breaks_alphabetically_first(vector, v4_value, fixed_value):
    rows, expected = SPEC_MU_VECTORS[vector]
    assert expected["group_energy"]["dominant_animal"] == v4_value  # V4 took the last name
    assert analyze(as_users(rows))["group_energy"]["dominant_animal"] == fixed_value


def test_dominant_animal_prefers_the_higher_count_over_the_alphabet():
    assert dominant_animal(Counter({"Rat": 1, "Ox": 1, "Dog": 2})) == "Dog"
    assert dominant_animal(Counter({"Tiger": 2, "Rat": 2, "Ox": 1})) == "Rat"


# --- people sharing a name stay apart -------------------------------------------------------


def test_duplicate_names_are_kept_apart_in_roles():
    rows, _ = SPEC_MU_VECTORS["MU5"]  # Sam 1990-01-01, Sam 1991-02-02, Lee 1993-03-03
    dynamics = analyze(as_users(rows))["group_dynamics"]
    assert dynamics["roles"] == {
        "Sam (1)": {
            "role": "Harmonizer",
            "description": "Bridges differences and creates flow",
            "life_path": 3,
        },
        "Sam (2)": {
            "role": "Supporter",
            "description": "Nurtures connections and stability",
            "life_path": 6,
        },
        "Lee": {"role": "Leader", "description": "Drives vision and initiative", "life_path": 1},
    }


def test_duplicate_names_count_every_member_in_role_statistics():
    # V4 collapsed the two Sams into one Supporter, so Harmonizer was reported missing and the
    # "Diverse role coverage" synergy (3 distinct roles) was lost.
    rows, _ = SPEC_MU_VECTORS["MU5"]
    dynamics = analyze(as_users(rows))["group_dynamics"]
    assert dynamics["synergies"] == [
        "Sam (1) & Sam (2): strong natural affinity (Good, 80%)",
        "Sam (1) & Lee: strong natural affinity (Good, 71%)",
        "Diverse role coverage: 1 Harmonizer(s), 1 Leader(s), 1 Supporter(s)",
    ]
    assert dynamics["challenges"] == ["Missing role energy: Challenger"]
    assert dynamics["growth_areas"] == [
        "Cultivate Challenger energy: Pushes boundaries and questions assumptions",
        "Invite Earth, Fire, Wood energy for fuller elemental balance",
    ]


def test_duplicate_names_are_kept_apart_in_pairs_and_bonds():
    rows, _ = SPEC_MU_VECTORS["MU5"]
    result = analyze(as_users(rows))
    assert [(p["user1"], p["user2"], p["overall"]) for p in result["pairwise_compatibility"]] == [
        ("Sam (1)", "Sam (2)", 0.797),
        ("Sam (1)", "Lee", 0.705),
        ("Sam (2)", "Lee", 0.615),
    ]
    assert result["group_dynamics"]["strongest_bond"]["pair"] == "Sam (1) & Sam (2)"
    assert result["group_dynamics"]["weakest_bond"]["pair"] == "Sam (2) & Lee"
    assert [p["name"] for p in result["profiles"]] == ["Sam", "Sam", "Lee"]


def test_leadership_overload_counts_duplicate_named_leaders():
    # Three people called Max, all Leaders (life paths 1, 8, 11), and one Supporter (6). V4 kept
    # one "Max" in its roles dict, counted a single Leader and reported no overload.
    users = as_users(
        [["Max", 1990, 1, 8], ["Max", 1990, 1, 6], ["Max", 1990, 1, 9], ["Ida", 1990, 1, 4]]
    )
    dynamics = analyze(users)["group_dynamics"]
    assert [role["role"] for role in dynamics["roles"].values()] == [
        "Leader",
        "Leader",
        "Leader",
        "Supporter",
    ]
    assert "Leadership overload (3 Leaders may create power struggles)" in dynamics["challenges"]


def test_member_labels_are_unique_even_when_a_name_looks_like_a_label():
    assert member_labels(["Sam", "Lee"]) == ["Sam", "Lee"]
    assert member_labels(["Sam", "Lee", "Sam"]) == ["Sam (1)", "Lee", "Sam (2)"]
    labels = member_labels(["Sam", "Sam (1)", "Sam"])
    assert labels == ["Sam (2)", "Sam (1)", "Sam (3)"]
    assert len(set(labels)) == 3


# --- element strength ≥ 0.8 stays unreachable (kept from V4) ---------------------------------


def test_harmonious_elements_strength_stays_unreachable():
    elements = ["Wood", "Fire", "Earth", "Metal", "Water"]
    averaged = {
        (a, b): (element_compatibility(a, b) + element_compatibility(b, a)) / 2
        for a in elements
        for b in elements
    }
    assert max(averaged.values()) == 0.65
    assert sorted(set(averaged.values())) == [0.25, 0.6, 0.65]


# --- matrices (T17–T19) --------------------------------------------------------------------

T17_ORDER = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 22, 33]
T17 = {
    1: [0.6, 0.5, 0.8, 0.4, 0.9, 0.5, 0.7, 0.6, 0.7, 0.7, 0.5, 0.6],
    2: [0.5, 0.7, 0.6, 0.8, 0.4, 0.9, 0.5, 0.7, 0.6, 0.9, 0.7, 0.8],
    3: [0.8, 0.6, 0.7, 0.3, 0.8, 0.7, 0.5, 0.4, 0.8, 0.7, 0.4, 0.9],
    4: [0.4, 0.8, 0.3, 0.7, 0.3, 0.7, 0.6, 0.8, 0.4, 0.5, 0.9, 0.5],
    5: [0.9, 0.4, 0.8, 0.3, 0.6, 0.4, 0.8, 0.5, 0.7, 0.6, 0.4, 0.5],
    6: [0.5, 0.9, 0.7, 0.7, 0.4, 0.7, 0.3, 0.5, 0.8, 0.7, 0.6, 0.9],
    7: [0.7, 0.5, 0.5, 0.6, 0.8, 0.3, 0.7, 0.4, 0.6, 0.8, 0.5, 0.4],
    8: [0.6, 0.7, 0.4, 0.8, 0.5, 0.5, 0.4, 0.7, 0.5, 0.5, 0.8, 0.6],
    9: [0.7, 0.6, 0.8, 0.4, 0.7, 0.8, 0.6, 0.5, 0.6, 0.7, 0.5, 0.8],
    11: [0.7, 0.9, 0.7, 0.5, 0.6, 0.7, 0.8, 0.5, 0.7, 0.8, 0.7, 0.8],
    22: [0.5, 0.7, 0.4, 0.9, 0.4, 0.6, 0.5, 0.8, 0.5, 0.7, 0.8, 0.7],
    33: [0.6, 0.8, 0.9, 0.5, 0.5, 0.9, 0.4, 0.6, 0.8, 0.8, 0.7, 0.8],
}
T18_ORDER = [
    "Rat", "Ox", "Tiger", "Rabbit", "Dragon", "Snake",
    "Horse", "Goat", "Monkey", "Rooster", "Dog", "Pig",
]  # fmt: skip
T18 = {
    "Rat": [0.7, 0.95, 0.5, 0.5, 0.9, 0.5, 0.1, 0.25, 0.9, 0.5, 0.5, 0.5],
    "Ox": [0.95, 0.7, 0.5, 0.5, 0.5, 0.9, 0.25, 0.1, 0.5, 0.9, 0.5, 0.5],
    "Tiger": [0.5, 0.5, 0.7, 0.5, 0.5, 0.25, 0.9, 0.5, 0.1, 0.5, 0.9, 0.95],
    "Rabbit": [0.5, 0.5, 0.5, 0.7, 0.25, 0.5, 0.5, 0.9, 0.5, 0.1, 0.95, 0.9],
    "Dragon": [0.9, 0.5, 0.5, 0.25, 0.7, 0.5, 0.5, 0.5, 0.9, 0.95, 0.1, 0.5],
    "Snake": [0.5, 0.9, 0.25, 0.5, 0.5, 0.7, 0.5, 0.5, 0.95, 0.9, 0.5, 0.1],
    "Horse": [0.1, 0.25, 0.9, 0.5, 0.5, 0.5, 0.7, 0.95, 0.5, 0.5, 0.9, 0.5],
    "Goat": [0.25, 0.1, 0.5, 0.9, 0.5, 0.5, 0.95, 0.7, 0.5, 0.5, 0.5, 0.9],
    "Monkey": [0.9, 0.5, 0.1, 0.5, 0.9, 0.95, 0.5, 0.5, 0.7, 0.5, 0.5, 0.25],
    "Rooster": [0.5, 0.9, 0.5, 0.1, 0.95, 0.9, 0.5, 0.5, 0.5, 0.7, 0.25, 0.5],
    "Dog": [0.5, 0.5, 0.9, 0.95, 0.1, 0.5, 0.9, 0.5, 0.5, 0.25, 0.7, 0.5],
    "Pig": [0.5, 0.5, 0.95, 0.9, 0.5, 0.1, 0.5, 0.9, 0.25, 0.5, 0.5, 0.7],
}
T19_ORDER = ["Wood", "Fire", "Earth", "Metal", "Water"]
T19 = {
    "Wood": [0.6, 0.9, 0.3, 0.2, 0.4],
    "Fire": [0.4, 0.6, 0.9, 0.3, 0.2],
    "Earth": [0.2, 0.4, 0.6, 0.9, 0.3],
    "Metal": [0.3, 0.2, 0.4, 0.6, 0.9],
    "Water": [0.9, 0.3, 0.2, 0.4, 0.6],
}


@pytest.mark.parametrize("row", T17_ORDER, ids=lambda n: f"T17-LP{n}")
def test_life_path_matrix_row_matches_t17(row):
    assert [life_path_compatibility(row, column) for column in T17_ORDER] == T17[row]


def test_life_path_matrix_has_78_entries_and_defaults_to_one_half():
    assert len(LIFE_PATH_COMPATIBILITY) == 78
    assert life_path_compatibility(0, 5) == 0.5
    assert life_path_compatibility(44, 44) == 0.5


@pytest.mark.parametrize("row", T18_ORDER, ids=lambda a: f"T18-{a}")
def test_animal_matrix_row_matches_t18(row):
    assert [animal_compatibility(row, column) for column in T18_ORDER] == T18[row]


def test_animal_matrix_stores_only_named_relations():
    # 12 same-animal + 12 trine + 6 harmony + 6 clash + 6 harm pairs; the rest default to 0.5.
    assert len(ANIMAL_COMPATIBILITY) == 42


@pytest.mark.parametrize("row", T19_ORDER, ids=lambda e: f"T19-{e}")
def test_element_matrix_row_matches_t19(row):
    assert [element_compatibility(row, column) for column in T19_ORDER] == T19[row]


# --- validation (V4's messages) ------------------------------------------------------------

ALICE = {"name": "Alice", "birth_year": 1990, "birth_month": 5, "birth_day": 15}
BOB = {"name": "Bob", "birth_year": 1992, "birth_month": 3, "birth_day": 20}


@pytest.mark.parametrize(
    ("users", "message"),
    [
        ("Alice", "Users must be a list"),
        ([], "At least 2 users required for multi-user analysis"),
        ([ALICE], "At least 2 users required for multi-user analysis"),
        ([ALICE] * 11, "Maximum 10 users supported"),
        ([ALICE, "Bob"], "User at index 1 must be a dict"),
        (
            [{"name": "Alice"}, BOB],
            "User at index 0 missing fields: ['birth_year', 'birth_month', 'birth_day']",
        ),
    ],
    ids=["not-a-list", "nobody", "one-person", "eleven-people", "not-a-dict", "missing-fields"],
)
def test_malformed_group_is_rejected_with_v4_message(users, message):
    with pytest.raises(InvalidGroupError) as raised:
        analyze(users)
    assert str(raised.value) == message
    assert raised.value.field.startswith("users")


@pytest.mark.parametrize(
    ("change", "error", "message", "field"),
    [
        ({"name": ""}, InvalidNameError, "Name must be a non-empty string", "users.1.name"),
        ({"name": "   "}, InvalidNameError, "Name must be a non-empty string", "users.1.name"),
        ({"name": 42}, InvalidNameError, "Name must be a non-empty string", "users.1.name"),
        (
            {"birth_year": "1992"},
            InvalidDateError,
            "Invalid birth year: 1992",
            "users.1.birth_year",
        ),
        ({"birth_year": 0}, InvalidDateError, "Invalid birth year: 0", "users.1.birth_year"),
        ({"birth_month": 13}, InvalidDateError, "Invalid birth month: 13", "users.1.birth_month"),
        ({"birth_day": 32}, InvalidDateError, "Invalid birth day: 32", "users.1.birth_day"),
        ({"birth_day": True}, InvalidDateError, "Invalid birth day: True", "users.1.birth_day"),
    ],
    ids=[
        "empty-name",
        "blank-name",
        "name-not-text",
        "year-as-text",
        "year-zero",
        "month-13",
        "day-32",
        "day-bool",
    ],
)
def test_malformed_person_is_rejected_with_v4_message(change, error, message, field):
    with pytest.raises(error) as raised:
        analyze([ALICE, {**BOB, **change}])
    assert str(raised.value) == message
    assert raised.value.field == field


def test_impossible_birth_date_is_rejected():
    with pytest.raises(InvalidDateError, match="1990-02-30 does not exist") as raised:
        analyze([ALICE, {**BOB, "birth_year": 1990, "birth_month": 2, "birth_day": 30}])
    assert raised.value.field == "users.1.birth_day"


def test_leap_day_birth_is_accepted():
    result = analyze([ALICE, {**BOB, "birth_year": 2000, "birth_month": 2, "birth_day": 29}])
    assert result["profiles"][1]["fc60_sign"] == "MA-OX-SNWA"  # a Tuesday


def test_name_without_countable_letters_is_rejected_naming_the_person():
    with pytest.raises(InvalidNameError) as raised:
        analyze([ALICE, {**BOB, "name": "1234"}])
    assert raised.value.field == "users.1.name"


def test_unknown_numerology_system_is_rejected():
    with pytest.raises(InvalidNumerologySystemError) as raised:
        analyze([ALICE, {**BOB, "numerology_system": "kabbalah"}])
    assert raised.value.field == "users.1.numerology_system"


# --- numerology systems --------------------------------------------------------------------


def test_persian_name_gets_abjad_numbers():
    # علی = ع 70 + ل 30 + ی 10 = 110 → 2; its only long vowel ی = 10 → 1 (V4 gave 0 and 0).
    profile = calculate_profile("علی", 1990, 5, 15)
    assert (profile.destiny_number, profile.name_energy) == (2, 1)


def test_explicit_numerology_system_overrides_the_automatic_choice():
    # Chaldean (T8): A1 L3 I1 C3 E5 = 13 → 4; vowels A1 I1 E5 = 7. Pythagorean gives 3 and 6.
    pythagorean = calculate_profile("Alice", 1990, 5, 15)
    chaldean = calculate_profile("Alice", 1990, 5, 15, numerology_system="chaldean")
    assert (pythagorean.destiny_number, pythagorean.name_energy) == (3, 6)
    assert (chaldean.destiny_number, chaldean.name_energy) == (4, 7)
    result = analyze([{**ALICE, "numerology_system": "chaldean"}, BOB])
    assert result["profiles"][0]["destiny_number"] == 4


def test_ten_people_give_forty_five_pairs():
    users = [
        {"name": name, "birth_year": 1980 + i, "birth_month": i + 1, "birth_day": 3 * i + 1}
        for i, name in enumerate(["Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy"])
    ]
    users.append({"name": "Jon", "birth_year": 2001, "birth_month": 12, "birth_day": 31})
    result = analyze(users)
    assert (result["user_count"], result["pair_count"]) == (10, 45)
    assert len(result["pairwise_compatibility"]) == 45
    assert len(result["group_dynamics"]["roles"]) == 10


# --- properties ----------------------------------------------------------------------------

names = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12)
birth_dates = st.dates(min_value=datetime.date(1900, 1, 1))
people = st.builds(
    lambda name, born: {
        "name": name,
        "birth_year": born.year,
        "birth_month": born.month,
        "birth_day": born.day,
    },
    names,
    birth_dates,
)


@given(people, people)
def test_pair_scores_are_symmetric_and_between_zero_and_one(first, second):
    a = calculate_profile(*first.values())
    b = calculate_profile(*second.values())
    forward, backward = pair_compatibility(a, b), pair_compatibility(b, a)
    for component in ("life_path", "element", "animal", "destiny", "name_energy", "overall"):
        value = getattr(forward, component)
        assert value == getattr(backward, component)
        assert 0.0 <= value <= 1.0
    assert forward.classification == backward.classification


# Order-independent by construction: user/pair counts, profiles as a multiset, every pair's
# scores (as a multiset), group energy (distributions compare as dicts), the average, growth
# areas. Order-dependent by design: the order of profiles and pairs, which person is user1,
# the "A & B" wording of synergy/challenge lines and bonds, which of two tied pairs is the
# strongest/weakest bond, the numbering of duplicate-name labels, and dict key order.
@settings(max_examples=60)
@given(st.lists(people, min_size=2, max_size=10), st.randoms(use_true_random=False))
def test_group_results_do_not_depend_on_input_order(users, rng):
    shuffled = users[:]
    rng.shuffle(shuffled)
    original, permuted = analyze(users), analyze(shuffled)
    assert original["group_energy"] == permuted["group_energy"]
    for key in ("avg_compatibility", "growth_areas"):
        assert original["group_dynamics"][key] == permuted["group_dynamics"][key]
    assert sorted(p["overall"] for p in original["pairwise_compatibility"]) == sorted(
        p["overall"] for p in permuted["pairwise_compatibility"]
    )
    assert sorted(r["role"] for r in original["group_dynamics"]["roles"].values()) == sorted(
        r["role"] for r in permuted["group_dynamics"]["roles"].values()
    )
    for key in ("strongest_bond", "weakest_bond"):
        assert original["group_dynamics"][key]["score"] == permuted["group_dynamics"][key]["score"]


@given(st.sampled_from([0, 1, 11, 12]), people)
def test_wrong_group_size_raises_invalid_group_error(size, person):
    with pytest.raises(InvalidGroupError) as raised:
        analyze([person] * size)
    assert str(raised.value) in (
        "At least 2 users required for multi-user analysis",
        "Maximum 10 users supported",
    )


@given(st.text(max_size=30), st.text(max_size=30))
def test_arbitrary_text_names_raise_nothing_but_engine_errors(first, second):
    users = [{**ALICE, "name": first}, {**BOB, "name": second}]
    try:
        result = analyze(users)
    except EngineError:
        return
    assert result["user_count"] == 2


def test_every_pair_is_scored_once_in_input_order():
    rows, _ = SPEC_MU_VECTORS["MU2"]
    result = analyze(as_users(rows))
    assert [(p["user1"], p["user2"]) for p in result["pairwise_compatibility"]] == list(
        itertools.combinations(["Alice", "Bob", "Carol", "Dave"], 2)
    )


def test_calculate_profiles_returns_profiles_in_input_order():
    profiles = calculate_profiles([BOB, ALICE])
    assert [p.name for p in profiles] == ["Bob", "Alice"]
