"""nbgrader, the batch autograde and the graders agree on the first, third, fifth, ... of the other
sessions (see session_equivalence.py)."""
from session_equivalence import *  # noqa: F401,F403  (the fixture, the tests, their parametrization)
from session_equivalence import OTHERS, pytestmark  # noqa: F401

SESSIONS = OTHERS[0::2]
