"""Mutant: InitializedMLP's default init_method is 'kaiming' instead of 'default'."""
from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"default"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="kaiming"):
        super().__init__(init_method)
