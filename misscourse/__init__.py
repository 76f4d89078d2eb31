"""MISS course: the machinery behind a patient-education course on minimally invasive spine surgery.

Notebooks call one-line helpers from :mod:`misscourse.lesson`; everything else (quiz loading,
the quiz widget, diagrams, export, checks) lives in its own module.
"""

__version__ = "1.0.0"

from .lesson import lesson  # noqa: E402,F401  (the one import a notebook needs)
