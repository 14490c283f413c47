"""A small neural model that picks the reading of a polyphonic character in its sentence."""

from reader.core.analysis.g2p.bilstm import PolyphoneModel

__all__ = ["PolyphoneModel"]
