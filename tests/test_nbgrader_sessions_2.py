"""nbgrader, the batch autograde and the graders agree on the second, fourth, ... of the other
sessions (see session_equivalence.py)."""
import pytest

from session_equivalence import (OTHERS, equivalence, parametrize_sessions,  # noqa: F401
                                 test_batch_autograde_writes_the_gradebook_nbgrader_writes,
                                 test_nbgrader_gives_each_check_the_points_the_graders_give,
                                 test_reference_full_points_stub_none_mutants_fewer,
                                 test_released_notebook_holds_no_solution)

SESSIONS = OTHERS[1::2]
pytestmark = pytest.mark.timeout(900)


def pytest_generate_tests(metafunc):
    parametrize_sessions(metafunc, SESSIONS)
