"""Study plans: a typed model, and loading with validation that names file, line and key path.

Names load their module on first use: the session package and the console need the model's small types,
and importing the loader (TOML, validation, checks) with them delayed the console's first paint (issue 8).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.study.loader import PlanError, Problem, load_plan, load_plan_text
    from kiosk.study.model import Choice, Question, QuestionKind, Study, Task, TaskOrder

__all__ = [
    "Choice", "PlanError", "Problem", "Question", "QuestionKind", "Study", "Task", "TaskOrder",
    "load_plan", "load_plan_text",
]

_HOMES = {"PlanError": "loader", "Problem": "loader", "load_plan": "loader", "load_plan_text": "loader",
          "Choice": "model", "Question": "model", "QuestionKind": "model", "Study": "model", "Task": "model",
          "TaskOrder": "model"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
