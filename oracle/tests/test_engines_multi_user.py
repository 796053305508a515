"""Multi-user analysis against V4's vectors, with V4 defects 10, 11, 15 and 19 fixed."""

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

# V4's vectors, copied exactly (MU1 without its non-deterministic "computation_ms").
SPEC_MU_VECTORS = {
    "MU1": (
        [["Alice", 1990, 5, 15], ["Bob", 1992, 3, 20]],
        {
            "user_count": 2,
            "pair_count": 1,
            "profiles": [
                {
                    "name": "Alice",
                    "birth_year": 1990,
                    "birth_month": 5,
                    "birth_day": 15,
                    "fc60_sign": "MA-DR-RUWU",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 3,
                    "destiny_number": 3,
                    "name_energy": 6,
                },
                {
                    "name": "Bob",
                    "birth_year": 1992,
                    "birth_month": 3,
                    "birth_day": 20,
                    "fc60_sign": "VE-TI-DRWU",
                    "element": "Water",
                    "animal": "Monkey",
                    "life_path": 8,
                    "destiny_number": 1,
                    "name_energy": 6,
                },
            ],
            "pairwise_compatibility": [
                {
                    "user1": "Alice",
                    "user2": "Bob",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.65,
                        "animal": 0.5,
                        "destiny": 0.778,
                        "name_energy": 1.0,
                    },
                    "overall": 0.585,
                    "classification": "Neutral",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
            ],
            "group_energy": {
                "joint_life_path": 11,
                "dominant_element": "Metal",
                "dominant_animal": "Monkey",
                "archetype": "Complementary Duo",
                "archetype_description": "Two forces creating balance through difference",
                "element_distribution": {
                    "Metal": 1,
                    "Water": 1,
                },
                "animal_distribution": {
                    "Horse": 1,
                    "Monkey": 1,
                },
                "life_path_distribution": {
                    "3": 1,
                    "8": 1,
                },
            },
            "group_dynamics": {
                "roles": {
                    "Alice": {
                        "role": "Harmonizer",
                        "description": "Bridges differences and creates flow",
                        "life_path": 3,
                    },
                    "Bob": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 8,
                    },
                },
                "synergies": [],
                "challenges": [
                    "Missing role energy: Challenger, Supporter",
                ],
                "growth_areas": [
                    ("1 pair(s) in neutral zone — conscious effort can strengthen these bonds"),
                    ("Cultivate Challenger energy: Pushes boundaries and questions assumptions"),
                    ("Cultivate Supporter energy: Nurtures connections and stability"),
                    ("Invite Earth, Fire, Wood energy for fuller elemental balance"),
                ],
                "avg_compatibility": 0.585,
                "strongest_bond": {
                    "pair": "Alice & Bob",
                    "score": 0.585,
                    "classification": "Neutral",
                },
                "weakest_bond": {
                    "pair": "Alice & Bob",
                    "score": 0.585,
                    "classification": "Neutral",
                },
            },
        },
    ),
    "MU2": (
        [
            ["Alice", 1990, 5, 15],
            ["Bob", 1992, 3, 20],
            ["Carol", 1988, 11, 7],
            ["Dave", 1995, 8, 25],
        ],
        {
            "profiles": [
                {
                    "name": "Alice",
                    "birth_year": 1990,
                    "birth_month": 5,
                    "birth_day": 15,
                    "fc60_sign": "MA-DR-RUWU",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 3,
                    "destiny_number": 3,
                    "name_energy": 6,
                },
                {
                    "name": "Bob",
                    "birth_year": 1992,
                    "birth_month": 3,
                    "birth_day": 20,
                    "fc60_sign": "VE-TI-DRWU",
                    "element": "Water",
                    "animal": "Monkey",
                    "life_path": 8,
                    "destiny_number": 1,
                    "name_energy": 6,
                },
                {
                    "name": "Carol",
                    "birth_year": 1988,
                    "birth_month": 11,
                    "birth_day": 7,
                    "fc60_sign": "LU-DO-OXER",
                    "element": "Earth",
                    "animal": "Dragon",
                    "life_path": 8,
                    "destiny_number": 22,
                    "name_energy": 7,
                },
                {
                    "name": "Dave",
                    "birth_year": 1995,
                    "birth_month": 8,
                    "birth_day": 25,
                    "fc60_sign": "VE-GO-SNWU",
                    "element": "Wood",
                    "animal": "Pig",
                    "life_path": 3,
                    "destiny_number": 5,
                    "name_energy": 6,
                },
            ],
            "pairwise_compatibility": [
                {
                    "user1": "Alice",
                    "user2": "Bob",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.65,
                        "animal": 0.5,
                        "destiny": 0.778,
                        "name_energy": 1.0,
                    },
                    "overall": 0.585,
                    "classification": "Neutral",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Alice",
                    "user2": "Carol",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.65,
                        "animal": 0.5,
                        "destiny": 0.0,
                        "name_energy": 0.889,
                    },
                    "overall": 0.496,
                    "classification": "Neutral",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [
                        "Different destiny vibrations",
                    ],
                },
                {
                    "user1": "Alice",
                    "user2": "Dave",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.25,
                        "animal": 0.5,
                        "destiny": 0.778,
                        "name_energy": 1.0,
                    },
                    "overall": 0.575,
                    "classification": "Neutral",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [
                        "Elemental tension (Metal & Wood)",
                    ],
                },
                {
                    "user1": "Bob",
                    "user2": "Carol",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.25,
                        "animal": 0.9,
                        "destiny": 0.0,
                        "name_energy": 0.889,
                    },
                    "overall": 0.586,
                    "classification": "Neutral",
                    "strengths": [
                        "Zodiac harmony (Monkey & Dragon)",
                        "Resonant name energies",
                    ],
                    "challenges": [
                        "Elemental tension (Water & Earth)",
                        "Different destiny vibrations",
                    ],
                },
                {
                    "user1": "Bob",
                    "user2": "Dave",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.65,
                        "animal": 0.25,
                        "destiny": 0.556,
                        "name_energy": 1.0,
                    },
                    "overall": 0.501,
                    "classification": "Neutral",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Carol",
                    "user2": "Dave",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.25,
                        "animal": 0.5,
                        "destiny": 0.0,
                        "name_energy": 0.889,
                    },
                    "overall": 0.396,
                    "classification": "Challenging",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [
                        "Elemental tension (Earth & Wood)",
                        "Different destiny vibrations",
                    ],
                },
            ],
            "group_energy": {
                "joint_life_path": 22,
                "dominant_element": "Wood",
                "dominant_animal": "Pig",
                "archetype": "Balanced Harmonizers",
                "archetype_description": "Diverse group achieving natural equilibrium",
                "element_distribution": {
                    "Metal": 1,
                    "Water": 1,
                    "Earth": 1,
                    "Wood": 1,
                },
                "animal_distribution": {
                    "Horse": 1,
                    "Monkey": 1,
                    "Dragon": 1,
                    "Pig": 1,
                },
                "life_path_distribution": {
                    "3": 2,
                    "8": 2,
                },
            },
            "group_dynamics": {
                "roles": {
                    "Alice": {
                        "role": "Harmonizer",
                        "description": "Bridges differences and creates flow",
                        "life_path": 3,
                    },
                    "Bob": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 8,
                    },
                    "Carol": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 8,
                    },
                    "Dave": {
                        "role": "Harmonizer",
                        "description": "Bridges differences and creates flow",
                        "life_path": 3,
                    },
                },
                "synergies": [
                    ("Rich elemental diversity (4 elements represented)"),
                ],
                "challenges": [
                    ("Carol & Dave: potential friction (Challenging, 40%)"),
                    "Missing role energy: Challenger, Supporter",
                ],
                "growth_areas": [
                    ("5 pair(s) in neutral zone — conscious effort can strengthen these bonds"),
                    ("Cultivate Challenger energy: Pushes boundaries and questions assumptions"),
                    ("Cultivate Supporter energy: Nurtures connections and stability"),
                    ("Invite Fire energy for fuller elemental balance"),
                ],
                "avg_compatibility": 0.523,
                "strongest_bond": {
                    "pair": "Bob & Carol",
                    "score": 0.586,
                    "classification": "Neutral",
                },
                "weakest_bond": {
                    "pair": "Carol & Dave",
                    "score": 0.396,
                    "classification": "Challenging",
                },
            },
        },
    ),
    "MU3": (
        [["Ann", 1984, 1, 1], ["Ben", 1985, 2, 2], ["Cat", 1984, 3, 3]],
        {
            "profiles": [
                {
                    "name": "Ann",
                    "birth_year": 1984,
                    "birth_month": 1,
                    "birth_day": 1,
                    "fc60_sign": "SO-RA-RAFI",
                    "element": "Wood",
                    "animal": "Rat",
                    "life_path": 6,
                    "destiny_number": 11,
                    "name_energy": 1,
                },
                {
                    "name": "Ben",
                    "birth_year": 1985,
                    "birth_month": 2,
                    "birth_day": 2,
                    "fc60_sign": "SA-OX-RAER",
                    "element": "Wood",
                    "animal": "Ox",
                    "life_path": 9,
                    "destiny_number": 3,
                    "name_energy": 5,
                },
                {
                    "name": "Cat",
                    "birth_year": 1984,
                    "birth_month": 3,
                    "birth_day": 3,
                    "fc60_sign": "SA-TI-RAMT",
                    "element": "Wood",
                    "animal": "Rat",
                    "life_path": 1,
                    "destiny_number": 6,
                    "name_energy": 1,
                },
            ],
            "pairwise_compatibility": [
                {
                    "user1": "Ann",
                    "user2": "Ben",
                    "scores": {
                        "life_path": 0.8,
                        "element": 0.6,
                        "animal": 0.95,
                        "destiny": 0.111,
                        "name_energy": 0.556,
                    },
                    "overall": 0.694,
                    "classification": "Good",
                    "strengths": [
                        "Strong life path alignment (6 & 9)",
                        "Zodiac harmony (Rat & Ox)",
                    ],
                    "challenges": [
                        "Different destiny vibrations",
                    ],
                },
                {
                    "user1": "Ann",
                    "user2": "Cat",
                    "scores": {
                        "life_path": 0.5,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.444,
                        "name_energy": 1.0,
                    },
                    "overall": 0.619,
                    "classification": "Good",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Ben",
                    "user2": "Cat",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.6,
                        "animal": 0.95,
                        "destiny": 0.667,
                        "name_energy": 0.556,
                    },
                    "overall": 0.72,
                    "classification": "Good",
                    "strengths": [
                        "Zodiac harmony (Ox & Rat)",
                    ],
                    "challenges": [],
                },
            ],
            "group_energy": {
                "joint_life_path": 7,
                "dominant_element": "Wood",
                "dominant_animal": "Rat",
                "archetype": "Growth Explorers",
                "archetype_description": "Seekers and learners pushing boundaries together",
                "element_distribution": {
                    "Wood": 3,
                },
                "animal_distribution": {
                    "Rat": 2,
                    "Ox": 1,
                },
                "life_path_distribution": {
                    "6": 1,
                    "9": 1,
                    "1": 1,
                },
            },
            "group_dynamics": {
                "roles": {
                    "Ann": {
                        "role": "Supporter",
                        "description": "Nurtures connections and stability",
                        "life_path": 6,
                    },
                    "Ben": {
                        "role": "Supporter",
                        "description": "Nurtures connections and stability",
                        "life_path": 9,
                    },
                    "Cat": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 1,
                    },
                },
                "synergies": [
                    ("Ben & Cat: strong natural affinity (Good, 72%)"),
                ],
                "challenges": [
                    "Missing role energy: Challenger, Harmonizer",
                    ("Elemental homogeneity (all Wood) — limited perspective range"),
                ],
                "growth_areas": [
                    ("Cultivate Challenger energy: Pushes boundaries and questions assumptions"),
                    ("Cultivate Harmonizer energy: Bridges differences and creates flow"),
                    ("Invite Earth, Fire, Metal, Water energy for fuller elemental balance"),
                ],
                "avg_compatibility": 0.678,
                "strongest_bond": {
                    "pair": "Ben & Cat",
                    "score": 0.72,
                    "classification": "Good",
                },
                "weakest_bond": {
                    "pair": "Ann & Cat",
                    "score": 0.619,
                    "classification": "Good",
                },
            },
        },
    ),
    "MU4": (
        [["Mia", 1980, 1, 1], ["Noa", 1980, 2, 11], ["Oz", 1980, 2, 22], ["Pat", 1990, 5, 15]],
        {
            "profiles": [
                {
                    "name": "Mia",
                    "birth_year": 1980,
                    "birth_month": 1,
                    "birth_day": 1,
                    "fc60_sign": "MA-RA-RAFI",
                    "element": "Metal",
                    "animal": "Monkey",
                    "life_path": 11,
                    "destiny_number": 5,
                    "name_energy": 1,
                },
                {
                    "name": "Noa",
                    "birth_year": 1980,
                    "birth_month": 2,
                    "birth_day": 11,
                    "fc60_sign": "LU-OX-TIFI",
                    "element": "Metal",
                    "animal": "Monkey",
                    "life_path": 22,
                    "destiny_number": 3,
                    "name_energy": 7,
                },
                {
                    "name": "Oz",
                    "birth_year": 1980,
                    "birth_month": 2,
                    "birth_day": 22,
                    "fc60_sign": "VE-OX-DRER",
                    "element": "Metal",
                    "animal": "Monkey",
                    "life_path": 33,
                    "destiny_number": 5,
                    "name_energy": 6,
                },
                {
                    "name": "Pat",
                    "birth_year": 1990,
                    "birth_month": 5,
                    "birth_day": 15,
                    "fc60_sign": "MA-DR-RUWU",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 3,
                    "destiny_number": 1,
                    "name_energy": 1,
                },
            ],
            "pairwise_compatibility": [
                {
                    "user1": "Mia",
                    "user2": "Noa",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.778,
                        "name_energy": 0.333,
                    },
                    "overall": 0.646,
                    "classification": "Good",
                    "strengths": [],
                    "challenges": [],
                },
                {
                    "user1": "Mia",
                    "user2": "Oz",
                    "scores": {
                        "life_path": 0.8,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 1.0,
                        "name_energy": 0.444,
                    },
                    "overall": 0.709,
                    "classification": "Good",
                    "strengths": [
                        "Strong life path alignment (11 & 33)",
                        "Aligned destiny numbers",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Mia",
                    "user2": "Pat",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.6,
                        "animal": 0.5,
                        "destiny": 0.556,
                        "name_energy": 1.0,
                    },
                    "overall": 0.641,
                    "classification": "Good",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Noa",
                    "user2": "Oz",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.778,
                        "name_energy": 0.889,
                    },
                    "overall": 0.702,
                    "classification": "Good",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Noa",
                    "user2": "Pat",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.6,
                        "animal": 0.5,
                        "destiny": 0.778,
                        "name_energy": 0.333,
                    },
                    "overall": 0.506,
                    "classification": "Neutral",
                    "strengths": [],
                    "challenges": [],
                },
                {
                    "user1": "Oz",
                    "user2": "Pat",
                    "scores": {
                        "life_path": 0.9,
                        "element": 0.6,
                        "animal": 0.5,
                        "destiny": 0.556,
                        "name_energy": 0.444,
                    },
                    "overall": 0.645,
                    "classification": "Good",
                    "strengths": [
                        "Strong life path alignment (33 & 3)",
                    ],
                    "challenges": [],
                },
            ],
            "group_energy": {
                "joint_life_path": 6,
                "dominant_element": "Metal",
                "dominant_animal": "Monkey",
                "archetype": "Master Collective",
                "archetype_description": "Group with concentrated master-number energy",
                "element_distribution": {
                    "Metal": 4,
                },
                "animal_distribution": {
                    "Monkey": 3,
                    "Horse": 1,
                },
                "life_path_distribution": {
                    "11": 1,
                    "22": 1,
                    "33": 1,
                    "3": 1,
                },
            },
            "group_dynamics": {
                "roles": {
                    "Mia": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 11,
                    },
                    "Noa": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 22,
                    },
                    "Oz": {
                        "role": "Harmonizer",
                        "description": "Bridges differences and creates flow",
                        "life_path": 33,
                    },
                    "Pat": {
                        "role": "Harmonizer",
                        "description": "Bridges differences and creates flow",
                        "life_path": 3,
                    },
                },
                "synergies": [
                    ("Mia & Oz: strong natural affinity (Good, 71%)"),
                    ("Noa & Oz: strong natural affinity (Good, 70%)"),
                ],
                "challenges": [
                    "Missing role energy: Challenger, Supporter",
                    ("Elemental homogeneity (all Metal) — limited perspective range"),
                ],
                "growth_areas": [
                    ("1 pair(s) in neutral zone — conscious effort can strengthen these bonds"),
                    ("Cultivate Challenger energy: Pushes boundaries and questions assumptions"),
                    ("Cultivate Supporter energy: Nurtures connections and stability"),
                    ("Invite Earth, Fire, Water, Wood energy for fuller elemental balance"),
                ],
                "avg_compatibility": 0.641,
                "strongest_bond": {
                    "pair": "Mia & Oz",
                    "score": 0.709,
                    "classification": "Good",
                },
                "weakest_bond": {
                    "pair": "Noa & Pat",
                    "score": 0.506,
                    "classification": "Neutral",
                },
            },
        },
    ),
    "MU5": (
        [["Sam", 1990, 1, 1], ["Sam", 1991, 2, 2], ["Lee", 1993, 3, 3]],
        {
            "profiles": [
                {
                    "name": "Sam",
                    "birth_year": 1990,
                    "birth_month": 1,
                    "birth_day": 1,
                    "fc60_sign": "LU-RA-RAFI",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 3,
                    "destiny_number": 6,
                    "name_energy": 1,
                },
                {
                    "name": "Sam",
                    "birth_year": 1991,
                    "birth_month": 2,
                    "birth_day": 2,
                    "fc60_sign": "SA-OX-RAER",
                    "element": "Metal",
                    "animal": "Goat",
                    "life_path": 6,
                    "destiny_number": 6,
                    "name_energy": 1,
                },
                {
                    "name": "Lee",
                    "birth_year": 1993,
                    "birth_month": 3,
                    "birth_day": 3,
                    "fc60_sign": "ME-TI-RAMT",
                    "element": "Water",
                    "animal": "Rooster",
                    "life_path": 1,
                    "destiny_number": 4,
                    "name_energy": 1,
                },
            ],
            "pairwise_compatibility": [
                {
                    "user1": "Sam",
                    "user2": "Sam",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.6,
                        "animal": 0.95,
                        "destiny": 1.0,
                        "name_energy": 1.0,
                    },
                    "overall": 0.797,
                    "classification": "Good",
                    "strengths": [
                        "Zodiac harmony (Horse & Goat)",
                        "Aligned destiny numbers",
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Sam",
                    "user2": "Lee",
                    "scores": {
                        "life_path": 0.8,
                        "element": 0.65,
                        "animal": 0.5,
                        "destiny": 0.778,
                        "name_energy": 1.0,
                    },
                    "overall": 0.705,
                    "classification": "Good",
                    "strengths": [
                        "Strong life path alignment (3 & 1)",
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Sam",
                    "user2": "Lee",
                    "scores": {
                        "life_path": 0.5,
                        "element": 0.65,
                        "animal": 0.5,
                        "destiny": 0.778,
                        "name_energy": 1.0,
                    },
                    "overall": 0.615,
                    "classification": "Good",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
            ],
            "group_energy": {
                "joint_life_path": 1,
                "dominant_element": "Metal",
                "dominant_animal": "Rooster",
                "archetype": "Action Catalysts",
                "archetype_description": "Fast-moving collective of doers and achievers",
                "element_distribution": {
                    "Metal": 2,
                    "Water": 1,
                },
                "animal_distribution": {
                    "Horse": 1,
                    "Goat": 1,
                    "Rooster": 1,
                },
                "life_path_distribution": {
                    "3": 1,
                    "6": 1,
                    "1": 1,
                },
            },
            "group_dynamics": {
                "roles": {
                    "Sam": {
                        "role": "Supporter",
                        "description": "Nurtures connections and stability",
                        "life_path": 6,
                    },
                    "Lee": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 1,
                    },
                },
                "synergies": [
                    ("Sam & Sam: strong natural affinity (Good, 80%)"),
                    ("Sam & Lee: strong natural affinity (Good, 71%)"),
                ],
                "challenges": [
                    "Missing role energy: Challenger, Harmonizer",
                ],
                "growth_areas": [
                    ("Cultivate Challenger energy: Pushes boundaries and questions assumptions"),
                    ("Cultivate Harmonizer energy: Bridges differences and creates flow"),
                    ("Invite Earth, Fire, Wood energy for fuller elemental balance"),
                ],
                "avg_compatibility": 0.706,
                "strongest_bond": {
                    "pair": "Sam & Sam",
                    "score": 0.797,
                    "classification": "Good",
                },
                "weakest_bond": {
                    "pair": "Sam & Lee",
                    "score": 0.615,
                    "classification": "Good",
                },
            },
        },
    ),
    "MU6": (
        [
            ["Al", 1990, 1, 7],
            ["Bo", 1990, 1, 6],
            ["Cy", 1990, 1, 2],
            ["Di", 1990, 1, 4],
            ["Ed", 1990, 1, 5],
        ],
        {
            "profiles": [
                {
                    "name": "Al",
                    "birth_year": 1990,
                    "birth_month": 1,
                    "birth_day": 7,
                    "fc60_sign": "SO-RA-OXER",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 9,
                    "destiny_number": 4,
                    "name_energy": 1,
                },
                {
                    "name": "Bo",
                    "birth_year": 1990,
                    "birth_month": 1,
                    "birth_day": 6,
                    "fc60_sign": "SA-RA-OXFI",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 8,
                    "destiny_number": 8,
                    "name_energy": 6,
                },
                {
                    "name": "Cy",
                    "birth_year": 1990,
                    "birth_month": 1,
                    "birth_day": 2,
                    "fc60_sign": "MA-RA-RAER",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 4,
                    "destiny_number": 1,
                    "name_energy": 0,
                },
                {
                    "name": "Di",
                    "birth_year": 1990,
                    "birth_month": 1,
                    "birth_day": 4,
                    "fc60_sign": "JO-RA-RAWA",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 6,
                    "destiny_number": 4,
                    "name_energy": 9,
                },
                {
                    "name": "Ed",
                    "birth_year": 1990,
                    "birth_month": 1,
                    "birth_day": 5,
                    "fc60_sign": "VE-RA-OXWU",
                    "element": "Metal",
                    "animal": "Horse",
                    "life_path": 7,
                    "destiny_number": 9,
                    "name_energy": 5,
                },
            ],
            "pairwise_compatibility": [
                {
                    "user1": "Al",
                    "user2": "Bo",
                    "scores": {
                        "life_path": 0.5,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.556,
                        "name_energy": 0.444,
                    },
                    "overall": 0.575,
                    "classification": "Neutral",
                    "strengths": [],
                    "challenges": [],
                },
                {
                    "user1": "Al",
                    "user2": "Cy",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.667,
                        "name_energy": 0.889,
                    },
                    "overall": 0.601,
                    "classification": "Good",
                    "strengths": [
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Al",
                    "user2": "Di",
                    "scores": {
                        "life_path": 0.8,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 1.0,
                        "name_energy": 0.111,
                    },
                    "overall": 0.676,
                    "classification": "Good",
                    "strengths": [
                        "Strong life path alignment (9 & 6)",
                        "Aligned destiny numbers",
                    ],
                    "challenges": [
                        "Contrasting name energies",
                    ],
                },
                {
                    "user1": "Al",
                    "user2": "Ed",
                    "scores": {
                        "life_path": 0.6,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.444,
                        "name_energy": 0.556,
                    },
                    "overall": 0.605,
                    "classification": "Good",
                    "strengths": [],
                    "challenges": [],
                },
                {
                    "user1": "Bo",
                    "user2": "Cy",
                    "scores": {
                        "life_path": 0.8,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.222,
                        "name_energy": 0.333,
                    },
                    "overall": 0.621,
                    "classification": "Good",
                    "strengths": [
                        "Strong life path alignment (8 & 4)",
                    ],
                    "challenges": [
                        "Different destiny vibrations",
                    ],
                },
                {
                    "user1": "Bo",
                    "user2": "Di",
                    "scores": {
                        "life_path": 0.5,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.556,
                        "name_energy": 0.667,
                    },
                    "overall": 0.597,
                    "classification": "Neutral",
                    "strengths": [],
                    "challenges": [],
                },
                {
                    "user1": "Bo",
                    "user2": "Ed",
                    "scores": {
                        "life_path": 0.4,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.889,
                        "name_energy": 0.889,
                    },
                    "overall": 0.623,
                    "classification": "Good",
                    "strengths": [
                        "Aligned destiny numbers",
                        "Resonant name energies",
                    ],
                    "challenges": [],
                },
                {
                    "user1": "Cy",
                    "user2": "Di",
                    "scores": {
                        "life_path": 0.7,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.667,
                        "name_energy": 0.0,
                    },
                    "overall": 0.602,
                    "classification": "Good",
                    "strengths": [],
                    "challenges": [
                        "Contrasting name energies",
                    ],
                },
                {
                    "user1": "Cy",
                    "user2": "Ed",
                    "scores": {
                        "life_path": 0.6,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.111,
                        "name_energy": 0.444,
                    },
                    "overall": 0.561,
                    "classification": "Neutral",
                    "strengths": [],
                    "challenges": [
                        "Different destiny vibrations",
                    ],
                },
                {
                    "user1": "Di",
                    "user2": "Ed",
                    "scores": {
                        "life_path": 0.3,
                        "element": 0.6,
                        "animal": 0.7,
                        "destiny": 0.444,
                        "name_energy": 0.556,
                    },
                    "overall": 0.515,
                    "classification": "Neutral",
                    "strengths": [],
                    "challenges": [
                        "Divergent life paths (6 & 7)",
                    ],
                },
            ],
            "group_energy": {
                "joint_life_path": 7,
                "dominant_element": "Metal",
                "dominant_animal": "Horse",
                "archetype": "Action Catalysts",
                "archetype_description": "Fast-moving collective of doers and achievers",
                "element_distribution": {
                    "Metal": 5,
                },
                "animal_distribution": {
                    "Horse": 5,
                },
                "life_path_distribution": {
                    "9": 1,
                    "8": 1,
                    "4": 1,
                    "6": 1,
                    "7": 1,
                },
            },
            "group_dynamics": {
                "roles": {
                    "Al": {
                        "role": "Supporter",
                        "description": "Nurtures connections and stability",
                        "life_path": 9,
                    },
                    "Bo": {
                        "role": "Leader",
                        "description": "Drives vision and initiative",
                        "life_path": 8,
                    },
                    "Cy": {
                        "role": "Harmonizer",
                        "description": "Bridges differences and creates flow",
                        "life_path": 4,
                    },
                    "Di": {
                        "role": "Supporter",
                        "description": "Nurtures connections and stability",
                        "life_path": 6,
                    },
                    "Ed": {
                        "role": "Challenger",
                        "description": ("Pushes boundaries and questions assumptions"),
                        "life_path": 7,
                    },
                },
                "synergies": [
                    (
                        "Diverse role coverage: 1 Challenger(s), 1 Harmonizer(s), 1 "
                        "Leader(s), 2 Supporter(s)"
                    ),
                ],
                "challenges": [
                    ("Elemental homogeneity (all Metal) — limited perspective range"),
                ],
                "growth_areas": [
                    ("4 pair(s) in neutral zone — conscious effort can strengthen these bonds"),
                    ("Invite Earth, Fire, Water, Wood energy for fuller elemental balance"),
                ],
                "avg_compatibility": 0.597,
                "strongest_bond": {
                    "pair": "Al & Di",
                    "score": 0.676,
                    "classification": "Good",
                },
                "weakest_bond": {
                    "pair": "Di & Ed",
                    "score": 0.515,
                    "classification": "Neutral",
                },
            },
        },
    ),
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


# --- defect 10 -----------------------------------------------------------------------------


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


# --- defect 11 -----------------------------------------------------------------------------


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


# --- defect 19 (kept) ----------------------------------------------------------------------


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
