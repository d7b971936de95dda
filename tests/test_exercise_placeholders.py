"""Every checker of every notebook, found automatically: the untouched placeholder gets
"not attempted yet" with a hint, and nonsense gets "wrong" — neither ever raises, so a
notebook's "Restart & Run All" always works. (Each notebook's test file checks its
reference answers and typical wrong answers.)"""
import importlib
import inspect
import math
import pkgutil

import pytest

import helpers.exercises

MODULES = [importlib.import_module(f"helpers.exercises.{info.name}")
           for info in pkgutil.iter_modules(helpers.exercises.__path__)
           if info.name.startswith("notebook")]
CHECKERS = [function for module in MODULES
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if name.startswith("check_") and function.__module__ == module.__name__]
IDS = [f"{checker.__module__.rsplit('.', 1)[-1]}.{checker.__name__}" for checker in CHECKERS]


def test_every_notebook_with_exercises_is_found():
    assert len(MODULES) >= 7 and len(CHECKERS) >= 2 * len(MODULES) - 1


@pytest.mark.parametrize("checker", CHECKERS, ids=IDS)
@pytest.mark.parametrize("placeholder", [..., None], ids=["ellipsis", "None"])
def test_placeholder_is_not_attempted(checker, placeholder):
    feedback = checker(placeholder)
    assert feedback.status == "not attempted"
    assert "Hint" in repr(feedback)


@pytest.mark.parametrize("checker", CHECKERS, ids=IDS)
@pytest.mark.parametrize("nonsense", ["banana", "0.6", math.nan, math.inf, True, [1, 2]],
                         ids=["str", "number-str", "nan", "inf", "bool", "list"])
def test_nonsense_is_wrong_and_never_raises(checker, nonsense):
    assert checker(nonsense).status == "wrong"
