"""Synthetic Kazakh bank transfers with planted fraud and ground-truth labels.

``generate_transfers`` writes a month of transfers between accounts at real Kazakh banks
(transfers.parquet, in the exchange format of ``cyberpol.money_trail.domain.transfers``), the
accounts, and labels: which accounts are money mules and which transfers carry a victim's money.
Only numpy and pyarrow; the same arguments always give the same files.
"""

from cyberpol.synth.transfers.generator import TransferSynthSummary, generate_transfers

__all__ = ["TransferSynthSummary", "generate_transfers"]
