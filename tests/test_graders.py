"""The graders, proven: the reference passes, stubs fail, mutants are caught,
correct alternatives pass, and every check catches at least one mutant."""
import pytest

from kit import COURSE, CUDA, EXERCISES, cuda_only, grade, implementations

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
def test_mutant_is_rejected(session_id, exercise_id, name):
    outcomes, module = grade("mutants", session_id, exercise_id, name)
    expected = set(module.CAUGHT_BY)
    if not CUDA:
        expected.discard("cuda_parity")
    failed = _failures(outcomes)
    assert failed, "no check rejects this mutant"
    assert expected <= set(failed), f"declared CAUGHT_BY {sorted(expected)}, failed {sorted(failed)}"
    for outcome in failed.values():
        assert outcome.reason not in ("not implemented yet", "not submitted", "does not import")


@pytest.mark.parametrize("session_id,exercise_id", per_exercise(EXERCISES))
def test_every_check_rejects_a_mutant(session_id, exercise_id):
    mutants = [m for m in MUTANTS if m[:2] == (session_id, exercise_id)]
    assert len(mutants) >= 3, "keep at least 3 plausible wrong solutions per exercise"
    caught = set()
    for m in mutants:
        outcomes, _ = grade("mutants", *m)
        caught |= set(_failures(outcomes))
    exercise = COURSE.find(session_id, exercise_id)[1]
    missing = {c.name for c in exercise.checks if not cuda_only(c.name)} - caught
    assert not missing, f"checks that reject no mutant: {sorted(missing)}"


@pytest.mark.parametrize("session_id,exercise_id", per_exercise(EXERCISES))
def test_exercise_has_a_correct_alternative(session_id, exercise_id):
    assert any(a[:2] == (session_id, exercise_id) for a in ALTERNATIVES)


@pytest.mark.parametrize("session_id,exercise_id,name", per_exercise(ALTERNATIVES))
def test_correct_alternative_passes(session_id, exercise_id, name):
    outcomes, _ = grade("alternatives", session_id, exercise_id, name)
    assert _failures(outcomes) == {}
