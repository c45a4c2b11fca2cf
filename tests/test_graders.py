"""The graders, proven: the reference passes, stubs fail, mutants are caught,
correct alternatives pass, and every check catches at least one mutant."""
import pytest

from kit import COURSE, EXERCISES, caught_by, cuda_only, grade, implementations

MUTANTS = implementations("mutants")
ALTERNATIVES = implementations("alternatives")


def per_exercise(cases):
    return [pytest.param(*case, id="/".join(case)) for case in cases]


def _failures(outcomes):
    return {name: o for name, o in outcomes.items() if o.status == "failed"}


@pytest.mark.parametrize("session_id,exercise_id", per_exercise(EXERCISES))
def test_reference_passes_every_check(session_id, exercise_id):
    outcomes, _ = grade("reference", session_id, exercise_id)
    assert _failures(outcomes) == {}
    skipped = {n for n, o in outcomes.items() if o.status == "skipped"}
    assert skipped <= {"cuda_parity"}


@pytest.mark.parametrize("session_id,exercise_id", per_exercise(EXERCISES))
def test_stub_fails_every_check(session_id, exercise_id):
    outcomes, _ = grade("exercises", session_id, exercise_id)
    for name, outcome in outcomes.items():
        if cuda_only(name):
            assert outcome.status == "skipped", outcome
            continue
        assert outcome.status == "failed", f"{name} passes on the stub"
        assert outcome.reason == "not implemented yet", (name, outcome)


@pytest.mark.parametrize("session_id,exercise_id,name", per_exercise(MUTANTS))
def test_mutant_is_rejected_by_the_checks_it_names(session_id, exercise_id, name):
    """Only the checks a mutant names in CAUGHT_BY run: each must reject it for its
    behaviour (not as a stub would fail), so every declaration is proven."""
    declared = caught_by(session_id, exercise_id, name)
    exercise = COURSE.find(session_id, exercise_id)[1]
    assert declared, "name the checks that must reject this mutant in CAUGHT_BY"
    assert declared <= {c.name for c in exercise.checks}, "CAUGHT_BY names an unknown check"
    provable = {c for c in declared if not cuda_only(c)}
    assert provable, "at least one check in CAUGHT_BY must run without a GPU"
    outcomes, _ = grade("mutants", session_id, exercise_id, name, frozenset(provable))
    passed = sorted(c for c, o in outcomes.items() if o.status != "failed")
    assert not passed, f"declared in CAUGHT_BY but not rejected by: {passed}"
    for outcome in outcomes.values():
        assert outcome.reason not in ("not implemented yet", "not submitted", "does not import")


@pytest.mark.parametrize("session_id,exercise_id", per_exercise(EXERCISES))
def test_every_check_rejects_a_mutant(session_id, exercise_id):
    """Every check is named in some mutant's CAUGHT_BY (each name proven above)."""
    mutants = [m for m in MUTANTS if m[:2] == (session_id, exercise_id)]
    assert len(mutants) >= 4, "keep at least 4 plausible wrong solutions per exercise"
    named = set().union(*(caught_by(*m) for m in mutants))
    exercise = COURSE.find(session_id, exercise_id)[1]
    missing = {c.name for c in exercise.checks if not cuda_only(c.name)} - named
    assert not missing, f"checks that no mutant's CAUGHT_BY names: {sorted(missing)}"


@pytest.mark.parametrize("session_id,exercise_id", per_exercise(EXERCISES))
def test_exercise_has_a_correct_alternative(session_id, exercise_id):
    assert any(a[:2] == (session_id, exercise_id) for a in ALTERNATIVES)


@pytest.mark.parametrize("session_id,exercise_id,name", per_exercise(ALTERNATIVES))
def test_correct_alternative_passes(session_id, exercise_id, name):
    outcomes, _ = grade("alternatives", session_id, exercise_id, name)
    assert _failures(outcomes) == {}
