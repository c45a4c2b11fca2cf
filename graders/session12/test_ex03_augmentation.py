"""Graders: session 12, exercise 3 (augmentation: reverse_complement, random_shift, mutate)."""
import math

import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session12 import one_hot, random_records

Z = 5.0                                   # standard deviations allowed for every count
SINGLE_LENGTH, SINGLE_SHIFT, SINGLE_SEEDS = 40, 3, 140   # shift (a): one sequence, 140 generators
BATCH_SHAPE, BATCH_SHIFT = (1000, 30), 4                 # shift (b): one batch, one generator
MUTATION_SHAPE, MUTATION_RATES = (1000, 100), (0.05, 0.3)  # mutation_rate: 10^5 positions per rate
N_SHAPE = (64, 50)                        # n_untouched: a batch with runs of N
LETTERS = "ACGTNacgtn"
COMPLEMENT = {"A": "T", "C": "G", "G": "C", "T": "A"}

RC_HINT = ("rows are A, C, G, T, so the complement swaps rows 0 <-> 3 and 1 <-> 2 (reverses the rows) and "
           "the reversal reverses the columns: torch.flip(x, dims=(-2, -1)); count the axes from the end so "
           "that [4, L] and [B, 4, L] both work")
SHIFT_HINT = ("draw s = torch.randint(-max_shift, max_shift + 1, ..., generator=generator) (high is "
              "exclusive), one per sequence; out[..., j] = x[..., j - s] where 0 <= j - s < L, a zero column "
              "(N) elsewhere: the bases that leave one end are dropped and N comes in at the other (no "
              "wrap-around)")
MUTATE_HINT = ("each base position independently with probability rate (torch.rand(..., generator=generator) "
               "< rate) gets one of the OTHER three bases, 1/3 each (e.g. (code + torch.randint(1, 4, ...)) "
               "% 4); every other column as it was; N columns (all zeros) stay all zeros")
RNG_HINT = ("draw only from the generator you are given (generator=generator in every torch.rand, randint, "
            "multinomial, randperm): never the global random state (no torch.manual_seed, no draw without "
            "generator=), never a new generator made from its seed")
COPY_HINT = ("build a new tensor (torch.zeros_like, torch.where, torch.flip, indexing with a list all copy); "
             "never write into x (x[...] = ..., x.copy_, x.mul_, ...) nor return x itself or a view of it")


# ---------------------------------------------------------------- trusted pieces ----

def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _encode(sequences, batched):
    """[4, L] for one sequence (batched False), else [B, 4, L]: the data module's one_hot."""
    return torch.stack([one_hot(s) for s in sequences]) if batched else one_hot(sequences[0])


def _records_batch(shape, seed, n_rate):
    n, length = shape
    records = random_records(n, seed, min_length=length, max_length=length, lowercase_rate=0.1, n_rate=n_rate)
    return torch.stack([one_hot(r.sequence) for r in records])


def _rc_string(sequence):
    """The reverse complement of a string, N (and any letter that is not a base) kept as N, upper case."""
    return "".join(COMPLEMENT.get(letter.upper(), "N") for letter in reversed(sequence))


def _shifted(x, s):
    """x moved by s columns (right for s > 0) with zero columns coming in: two slices (|s| < L)."""
    out = torch.zeros_like(x)
    size = x.shape[-1]
    if s >= 0:
        out[..., s:] = x[..., :size - s]
    else:
        out[..., :size + s] = x[..., -s:]
    return out


@st.composite
def _sequences(draw, min_length, max_length):
    """(batched, list of same-length strings over ACGTN, upper and lower case)."""
    length = draw(st.integers(min_length, max_length))
    batch = draw(st.one_of(st.none(), st.integers(1, 4)))
    text = st.text(LETTERS, min_size=length, max_size=length)
    return batch is not None, draw(st.lists(text, min_size=batch or 1, max_size=batch or 1))


@st.composite
def _shift_cases(draw):
    batched, sequences = draw(_sequences(1, 30))
    return batched, sequences, draw(st.integers(0, len(sequences[0]) - 1)), draw(st.integers(0, 2**31 - 1))


@st.composite
def _mutate_cases(draw):
    batched, sequences = draw(_sequences(1, 40))
    rate = draw(st.sampled_from([0.0, 1.0, 0.5, 0.1]))
    return batched, sequences, rate, draw(st.integers(0, 2**31 - 1))


def _shape_text(x):
    return f"x {list(x.shape)}"


def _expect_same_form(out, x, what):
    ck.expect_tensor(out, what, shape=tuple(x.shape), dtype=torch.float32,
                     hint="return a tensor of x's shape and dtype (float32)")


def _call_shift(sol, x, max_shift, seed):
    what = f"random_shift({_shape_text(x)}, {max_shift}, generator=torch.Generator().manual_seed({seed}))"
    out = ck.call(sol.random_shift, x, max_shift, generator=_gen(seed), what=what, hint=SHIFT_HINT)
    _expect_same_form(out, x, what)
    return what, ck.base.plain(out)


def _call_mutate(sol, x, rate, seed):
    what = f"mutate({_shape_text(x)}, {rate}, generator=torch.Generator().manual_seed({seed}))"
    out = ck.call(sol.mutate, x, rate, generator=_gen(seed), what=what, hint=MUTATE_HINT)
    _expect_same_form(out, x, what)
    return what, ck.base.plain(out)


def _found_shifts(x, out, max_shift, what, hint=SHIFT_HINT):
    """The shift s in [-max_shift, max_shift] of each sequence (rows of a batch; one for [4, L]) whose trusted
    slice equals the output (the first one when several do); a failed check names the first sequence that no
    shift in range explains, with a diagnosis."""
    xb, ob = (x, out) if x.dim() == 3 else (x.unsqueeze(0), out.unsqueeze(0))
    shifts = list(range(-max_shift, max_shift + 1))
    matches = torch.stack([(ob == _shifted(xb, s)).flatten(1).all(1) for s in shifts], 1)  # [B, shifts]
    missing = (~matches.any(1)).nonzero().flatten().tolist()
    if missing:
        i = missing[0]
        row, found = xb[i], ob[i]
        length = row.shape[-1]
        why = "no shift s in range gives this output"
        if any(torch.equal(found, torch.roll(row, s, -1)) for s in range(-length + 1, length) if s):
            why += ("; it is x ROLLED by some s (torch.roll): the bases that leave one end came back at the "
                    "other, where N (zero columns) must come in")
        elif any(torch.equal(found, _shifted(row, s)) for s in range(-length + 1, length)):
            why += f"; it is x shifted by some |s| > max_shift = {max_shift}"
        elif torch.equal(found, row.flip(-1)) or torch.equal(found, row.flip(-2)):
            why += "; it is x flipped"
        at = f"sequence {i} of the batch" if x.dim() == 3 else "the output"
        ck.expect(False, f"{what}: {at} equal to x shifted by some s in [-{max_shift}, {max_shift}] "
                  "(out[..., j] = x[..., j - s], zero columns where j - s is outside the sequence)", why,
                  hint)
    return [shifts[int(matches[i].nonzero()[0])] for i in range(len(matches))]


def _expect_one_hot_like(x, out, what):
    """Every base column of x is a one-hot column in out (values 0.0 and 1.0, one 1.0); every N column of x is
    an all-zero column in out."""
    values_ok = bool(((out == 0) | (out == 1)).all())
    ck.expect(values_ok, f"{what}: every value 0.0 or 1.0", "other values, e.g. "
              f"{out[(out != 0) & (out != 1)][:3].tolist()}", MUTATE_HINT)
    is_base = x.sum(-2) > 0
    sums = out.sum(-2)
    bad_bases = int((is_base & (sums != 1)).sum())
    ck.expect(bad_bases == 0, f"{what}: every base column of x still a base (exactly one 1.0 in its column)",
              f"{bad_bases} of {int(is_base.sum())} base columns are not one-hot", MUTATE_HINT)
    bad_n = int((~is_base & (sums != 0)).sum())
    ck.expect(bad_n == 0, f"{what}: every N column of x (all zeros) still all zeros",
              f"{bad_n} of {int((~is_base).sum())} N columns hold a base",
              "N is not a base: mutate only the columns that hold a 1 (x.sum(dim=-2) > 0) and leave the zero "
              "columns as they are; " + MUTATE_HINT)


def _bound(n, p):
    return Z * math.sqrt(n * p * (1 - p))


def _expect_storage_apart(out, x, what):
    if out.numel() and x.numel():
        shared = out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()
        ck.expect(not shared, f"{what} to return a new tensor", "a tensor that shares x's memory (x itself "
                  "or a view of it)", COPY_HINT)


# ---------------------------------------------------------------- checks ------------

def _rc_case(sol, case):
    batched, sequences = case
    x = _encode(sequences, batched)
    shown = sequences if batched else sequences[0]
    what = f"reverse_complement(encoding of {shown!r}) ({_shape_text(x)})"
    out = ck.call(sol.reverse_complement, x, what=what, hint=RC_HINT)
    _expect_same_form(out, x, what)
    trusted = _encode([_rc_string(s) for s in sequences], batched)
    wanted = [_rc_string(s) for s in sequences]
    ck.expect(torch.equal(ck.base.plain(out), trusted), f"{what} equal to the encoding of "
              f"{wanted if batched else wanted[0]!r} (each string complemented, then reversed; N kept)",
              "another tensor", RC_HINT)


def test_reverse_complement(sol):
    _rc_case(sol, (False, ["ACGTN"]))
    _rc_case(sol, (True, ["AACGTTTN", "nnGATTAC", "CCCGGGAT"]))
    _rc_case(sol, (True, ["", ""]))  # L = 0: [2, 4, 0]
    ck.for_all(_sequences(0, 40), lambda case: _rc_case(sol, case), max_examples=60)


def _shift_case(sol, case):
    batched, sequences, max_shift, seed = case
    x = _encode(sequences, batched)
    what, out = _call_shift(sol, x, max_shift, seed % 100000)
    _found_shifts(x, out, max_shift, what)


def test_shift(sol):
    # (a) one sequence, many generators: each output a shift in range, and every shift in range occurs
    record = random_records(1, 1, SINGLE_LENGTH, SINGLE_LENGTH, lowercase_rate=0.1, n_rate=0.0)[0]
    x = one_hot(record.sequence)
    seen = set()
    for seed in range(SINGLE_SEEDS):
        what, out = _call_shift(sol, x, SINGLE_SHIFT, seed)
        seen.update(_found_shifts(x, out, SINGLE_SHIFT, what))
    every = set(range(-SINGLE_SHIFT, SINGLE_SHIFT + 1))
    ck.expect(seen == every, f"random_shift(x [4, {SINGLE_LENGTH}], {SINGLE_SHIFT}, generator) with "
              f"generators seeded 0-{SINGLE_SEEDS - 1}: every shift in [-{SINGLE_SHIFT}, {SINGLE_SHIFT}] "
              "found at least once",
              f"shifts found: {sorted(seen)}; never: {sorted(every - seen)}",
              "both ends are included: torch.randint(-max_shift, max_shift + 1, ...) (randint's high is "
              "exclusive); " + SHIFT_HINT)
    # (b) one batch: one shift per sequence, uniform over the 2 * max_shift + 1 values
    x = _records_batch(BATCH_SHAPE, 2, n_rate=0.0)
    what, out = _call_shift(sol, x, BATCH_SHIFT, 0)
    found = torch.tensor(_found_shifts(x, out, BATCH_SHIFT, what))
    values = 2 * BATCH_SHIFT + 1
    n, p = BATCH_SHAPE[0], 1 / values
    counts = {s: int((found == s).sum()) for s in range(-BATCH_SHIFT, BATCH_SHIFT + 1)}
    low, high = n * p - _bound(n, p), n * p + _bound(n, p)
    ck.expect(all(low <= c <= high for c in counts.values()),
              f"{what}: each of the {values} shifts drawn for about 1/{values} of the {n} sequences (between "
              f"{math.ceil(low)} and {math.floor(high)}, {Z:g} standard deviations of a binomial)",
              f"counts per shift: {counts}",
              "one s per sequence, drawn independently and uniformly (e.g. torch.randint(-max_shift, "
              "max_shift + 1, (B,), generator=generator)), not one s for the whole batch; " + SHIFT_HINT)
    # (c) generated cases: any length, max_shift, one sequence or a batch, with N
    ck.for_all(_shift_cases(), lambda case: _shift_case(sol, case), max_examples=40)


def _per_sequence_variance_bound(length, p, sequences):
    """(binomial variance of the changes per sequence, Z standard deviations of a sample variance over
    `sequences` draws, from the binomial's fourth central moment)."""
    var = length * p * (1 - p)
    mu4 = var * (1 + 3 * (length - 2) * p * (1 - p))
    sd = math.sqrt((mu4 - var ** 2 * (sequences - 3) / (sequences - 1)) / sequences)
    return var, Z * sd


def test_mutation_rate(sol):
    x = _records_batch(MUTATION_SHAPE, 3, n_rate=0.0)
    n = x.shape[0] * x.shape[-1]
    codes_in = x.argmax(-2)
    for seed, rate in enumerate(MUTATION_RATES):
        what, out = _call_mutate(sol, x, rate, seed)
        _expect_one_hot_like(x, out, what)
        changed = (out != x).any(-2)  # [B, L]
        count = int(changed.sum())
        low, high = n * rate - _bound(n, rate), n * rate + _bound(n, rate)
        hint = MUTATE_HINT
        if abs(count - 0.75 * n * rate) < _bound(n, 0.75 * rate):
            hint = ("about 3/4 of the asked rate changed: the new base is drawn among all four, so a quarter "
                    "of the chosen positions keep their base; draw among the other three; " + MUTATE_HINT)
        ck.expect(low <= count <= high, f"{what}: about {rate:g} of the {n:,} bases changed (between "
                  f"{math.ceil(low):,} and {math.floor(high):,}, {Z:g} standard deviations of a binomial)",
                  f"{count:,} changed", hint)
        codes_out = out.argmax(-2)
        for b, base in enumerate("ACGT"):
            from_b = changed & (codes_in == b)
            total = int(from_b.sum())
            to = {other: int((from_b & (codes_out == c)).sum()) for c, other in enumerate("ACGT") if c != b}
            margin = _bound(total, 1 / 3)
            ck.expect(all(abs(k - total / 3) <= margin for k in to.values()),
                      f"{what}: the {total:,} changed {base}s each become one of the other three bases about "
                      f"equally often ({total / 3:,.0f} +- {margin:,.0f}, {Z:g} standard deviations)",
                      f"{base} became {to}", "the new base is uniform among the other three (1/3 each), not "
                      "always the next one; " + MUTATE_HINT)
        per_sequence = changed.sum(-1).double()
        var, margin = _per_sequence_variance_bound(x.shape[-1], rate, x.shape[0])
        found = float(per_sequence.var())
        ck.expect(abs(found - var) <= margin, f"{what}: each position mutated independently: the variance "
                  f"over the {x.shape[0]} sequences of their number of changes close to the binomial's "
                  f"{x.shape[-1]} * {rate:g} * {1 - rate:g} = {var:.2f} (+- {margin:.2f})", f"{found:.2f}",
                  "draw one independent coin per position (torch.rand(...) < rate), not a fixed number of "
                  "positions per sequence; " + MUTATE_HINT)
    one = x[0]
    what, out = _call_mutate(sol, one, 1.0, 7)
    _expect_one_hot_like(one, out, what)
    unchanged = int((out == one).all(-2).sum())
    ck.expect(unchanged == 0, f"{what}: every base changed (rate 1)", f"{unchanged} of {one.shape[-1]} bases "
              "kept", "with rate 1 every base becomes one of the OTHER three; " + MUTATE_HINT)
    what, out = _call_mutate(sol, one, 0.0, 8)
    ck.expect(torch.equal(out, one), f"{what} equal to x (rate 0)", f"{int((out != one).any(-2).sum())} "
              "positions changed", MUTATE_HINT)


def _mutate_n_case(sol, case):
    batched, sequences, rate, seed = case
    x = _encode(sequences, batched)
    what, out = _call_mutate(sol, x, rate, seed % 100000)
    _expect_one_hot_like(x, out, what)
    is_base = x.sum(-2) > 0
    if rate == 0.0:
        ck.expect(torch.equal(out, x), f"{what} equal to x (rate 0)", "other values", MUTATE_HINT)
    if rate == 1.0:
        kept = int((is_base & (out == x).all(-2)).sum())
        ck.expect(kept == 0, f"{what}: every base changed (rate 1)", f"{kept} bases kept", MUTATE_HINT)


def _rc_n_case(sol, x, what):
    out = ck.base.plain(ck.call(sol.reverse_complement, x, what=what, hint=RC_HINT))
    _expect_same_form(out, x, what)
    wanted = (x.sum(-2) == 0).flip(-1)
    found = out.sum(-2) == 0
    ck.expect(torch.equal(found, wanted), f"{what}: the N columns (all zeros) at the mirrored positions "
              "(out[..., j] is N exactly where x[..., L - 1 - j] is)",
              f"N at other positions in {int((found != wanted).any(-1).sum()) if x.dim() == 3 else 1} "
              "sequence(s)", "the sequence is read backwards, so an N moves to its mirrored position; "
              + RC_HINT)


def test_n_untouched(sol):
    x = _records_batch(N_SHAPE, 4, n_rate=0.2)
    for seed, rate in enumerate((0.5, 1.0)):
        what, out = _call_mutate(sol, x, rate, seed)
        _expect_one_hot_like(x, out, what)
    for seed in range(3):
        what, out = _call_shift(sol, x, 5, seed)
        _found_shifts(x, out, 5, what, hint="N columns move with the sequence, and N comes in where no base "
                      "is left; " + SHIFT_HINT)
    _rc_n_case(sol, x, f"reverse_complement({_shape_text(x)}, with runs of N)")
    _rc_n_case(sol, one_hot("NNACGTNA"), "reverse_complement(encoding of 'NNACGTNA')")
    ck.for_all(_mutate_cases(), lambda case: _mutate_n_case(sol, case), max_examples=40)


def _generator_case(sol, name, fn, x, argument):
    call = f"{name}({_shape_text(x)}, {argument}, generator=torch.Generator().manual_seed({{}}))"
    before = x.clone()

    def run(seed):
        generator = _gen(seed)
        state = generator.get_state()
        out = ck.call(fn, x, argument, generator=generator, what=call.format(seed), hint=RNG_HINT)
        _expect_same_form(out, x, call.format(seed))
        return ck.base.plain(out), not torch.equal(generator.get_state(), state)

    results = ck.under_global_seeds(lambda: run(7), f"{call.format(7)} under torch.manual_seed(1) and (2)",
                                    RNG_HINT)
    (first, advanced), (second, _) = results
    ck.expect(torch.equal(x, before), f"{call.format(7)} to leave x unchanged",
              f"x changed at {int((x != before).any(-2).sum())} positions", COPY_HINT)
    _expect_storage_apart(first, x, call.format(7))
    ck.expect(torch.equal(first, second), f"{call.format(7)} to give the same output whatever the global "
              "seed (the same generator seed, the same output)", "two different outputs", RNG_HINT)
    ck.expect(advanced, f"{call.format(7)} to draw from the generator it is given (its state advances)",
              "the generator's state unchanged", RNG_HINT)
    other, _ = run(8)
    ck.expect(not torch.equal(first, other), f"{name} with generators seeded 7 and 8 to give different "
              "outputs", "the same output", RNG_HINT)


def test_generator_only(sol):
    x = _records_batch((16, 50), 5, n_rate=0.1)
    _generator_case(sol, "random_shift", sol.random_shift, x, 3)
    _generator_case(sol, "mutate", sol.mutate, x, 0.3)
    before = x.clone()
    what = f"reverse_complement({_shape_text(x)})"
    out, = ck.under_global_seeds(lambda: ck.call(sol.reverse_complement, x, what=what, hint=RC_HINT), what,
                                 RC_HINT, seeds=(1,))
    ck.expect(torch.equal(x, before), f"{what} to leave x unchanged", "x changed", COPY_HINT)
    _expect_storage_apart(ck.base.plain(out), x, what)
