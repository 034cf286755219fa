"""Study plans: a typed model, and loading with validation that names file, line and key path."""

from kiosk.study.loader import PlanError, Problem, load_plan, load_plan_text
from kiosk.study.model import Choice, Question, QuestionKind, Study, Task, TaskOrder

__all__ = [
    "Choice", "PlanError", "Problem", "Question", "QuestionKind", "Study", "Task", "TaskOrder",
    "load_plan", "load_plan_text",
]
