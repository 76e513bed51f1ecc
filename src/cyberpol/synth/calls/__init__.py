"""Synthetic call detail records of Kazakh mobile operators with planted SIM-boxes and spoofed
foreign calls, and their ground-truth labels (``generate_calls``)."""

from cyberpol.synth.calls.generator import CallSynthSummary, generate_calls

__all__ = ["CallSynthSummary", "generate_calls"]
