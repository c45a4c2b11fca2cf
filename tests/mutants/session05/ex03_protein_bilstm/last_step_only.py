"""Mutant: a sequence classifier's habit: the Linear layer reads only the last position,
so there is one row of logits per protein, not per residue."""
from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"per_residue_logits", "both_directions", "learns"}


class ProteinLSTM(_Reference):
    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out[:, -1, :])

