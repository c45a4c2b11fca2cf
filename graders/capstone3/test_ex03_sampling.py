"""Graders: capstone 3, module 3 (guided ancestral sampling decoded to DNA, and the outcome of the whole
pipeline: designs the kit's oracle scores higher under guidance, novel and distinct)."""
import torch

from coursekit import checks as ck
from coursekit.checks import design
from coursekit.checks.diffusion import GaussianOracle, trusted_chain, trusted_decode
from coursekit.data.capstone3 import design_betas

OUTCOME_SEED = 0  # the public outcome check's seed (the hidden twin has its own)
CHAIN_HINT = ("sample_chain(model, n, label, w, betas, generator): x = torch.randn((n, model.seq_len), "
              "generator=generator, device=...); for t = T-1 down to 0: eps = eps_u + w * (eps_c - eps_u) "
              "(eps_u from model.null_label; eps_u alone when label is None); mean = (x - betas[t] / "
              "sqrt(1 - alpha_bar[t]) * eps) / sqrt(1 - betas[t]); x = mean + sqrt(beta_tilde[t]) * z "
              "(z = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)) for t > 0, "
              "x = mean at t = 0; beta_tilde[t] = betas[t] (1 - alpha_bar[t-1]) / (1 - alpha_bar[t]); "
              "under torch.no_grad()")
DECODE_HINT = ("decode_designs(x): x.reshape(n, 4, L) (the 4 channel rows A, C, G, T one after another), "
               "argmax over dim=1 (the first channel on a tie), one letter of 'ACGT' per position")


def _gen(seed):
    return torch.Generator().manual_seed(seed)


def _trusted_decode(x):
    return trusted_decode(x, x.shape[1] // 4)


def test_chain_matches(sol):
    short = torch.linspace(0.05, 0.5, 10, dtype=torch.float64)
    cases = ((short, 8, 1, 4.0, 0.5, None), (design_betas(), 6, 0, 2.0, 0.7, None),
             (short, 5, None, 4.0, 0.6, None), (short, 7, 1, 0.0, 0.5, None), (short, 4, 0, 1.0, 0.4, 5))
    for i, (betas, n, label, w, spread, global_seed) in enumerate(cases):
        means = torch.randn(3, 8, generator=_gen(10 + i), dtype=torch.float64)
        oracle = GaussianOracle(means, spread, betas)
        schedule = "betas of 10 steps" if betas.numel() == 10 else "design_betas()"
        what = (f"sample_chain(Gaussian oracle, n={n}, label={label}, w={w}, {schedule}, "
                f"{'generator=None after torch.manual_seed(5)' if global_seed else 'generator'})")
        if global_seed is None:
            found = ck.call(sol.sample_chain, oracle, n, label, w, betas.clone(), _gen(20 + i), what=what,
                            hint=CHAIN_HINT)
            trusted = trusted_chain(means, spread, betas, n, label, w, _gen(20 + i))
        else:
            found = ck.seeded(global_seed, ck.call, sol.sample_chain, oracle, n, label, w, betas.clone(),
                              None,
                              what=what, hint=CHAIN_HINT)
            trusted = ck.seeded(global_seed, trusted_chain, means, spread, betas, n, label, w, None)
        ck.expect_tensor(found, what, (n, 8), hint=CHAIN_HINT)
        ck.expect(not found.requires_grad, f"{what} not to require grad (sampling under torch.no_grad())",
                  "a tensor that requires grad", CHAIN_HINT)
        seen = set().union(*(set(s[3]) for s in oracle.seen)) if oracle.seen else set()
        wanted = {2} if label is None else {label, 2}
        ck.expect(seen <= wanted, f"{what}: the model called with the labels {sorted(wanted)} only",
                  f"labels {sorted(seen)}", CHAIN_HINT)
        ck.expect_close(found, trusted, f"{what} vs the graders' chain (eps_u + w (eps_c - eps_u), "
                                        f"beta_tilde "
                        "variance, no noise at t = 0, noise drawn from the same seed)", CHAIN_HINT, atol=1e-4)
    # a generator leaves torch's global random state alone
    oracle = GaussianOracle(torch.randn(3, 8, generator=_gen(30), dtype=torch.float64), 0.5, short)
    runs = ck.under_global_seeds(lambda: ck.call(sol.sample_chain, oracle, 3, 1, 4.0, short.clone(), _gen(31),
                                                 what="sample_chain(oracle, 3, 1, 4.0, betas, generator)",
                                                 hint=CHAIN_HINT),
                                 "sample_chain(oracle, 3, 1, 4.0, betas, generator)",
                                 "draw x_T and every z from the generator you are given")
    ck.expect(torch.equal(runs[0], runs[1]), "sample_chain(..., generator) the same under two global seeds",
              "two different results", "draw x_T and every z from the generator you are given")
    # decoding, and sample_designs = decode_designs(sample_chain) with the same seed
    x = torch.tensor([[1.0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4], [0.0] * 16])
    found = ck.call(sol.decode_designs, x, what="decode_designs(x [2, 16])", hint=DECODE_HINT)
    ck.expect(found == ["ACGT", "AAAA"], "decode_designs of ACGT in model space and of zeros (a tie: A) == "
              "['ACGT', 'AAAA']", repr(found), DECODE_HINT)
    x = torch.randn(6, 64, generator=_gen(40))
    found = ck.call(sol.decode_designs, x.clone(), what="decode_designs(x [6, 64])", hint=DECODE_HINT)
    ck.expect(found == _trusted_decode(x), "decode_designs(x [6, 64]): 6 strings of 16 letters, the argmax "
              "channel at each position", repr(found)[:120], DECODE_HINT)
    oracle = GaussianOracle(torch.randn(3, 16, generator=_gen(41), dtype=torch.float64), 0.5, short)
    what = "sample_designs(oracle (seq_len 16), 5, 1, 4.0, betas, generator)"
    designs = ck.call(sol.sample_designs, oracle, 5, 1, 4.0, short.clone(), _gen(42), what=what,
                      hint=DECODE_HINT)
    chain = trusted_chain(oracle.means, 0.5, short, 5, 1, 4.0, _gen(42))
    ck.expect(designs == _trusted_decode(chain), f"{what} == decode_designs of the chain from the same seed "
              "(4 letters each)", repr(designs), DECODE_HINT)


def test_design_outcome(sol):
    design.expect_design_outcome(sol, OUTCOME_SEED)
